import { fileURLToPath } from 'node:url';
import {
  deliveredTexts,
  EXPECTED_LINES,
  expectAutoReply,
  runExample,
} from '@wazzup-sdk/example-report/testing';
import { describe, expect, it } from 'vitest';

describe('the Bun example, run by Bun', () => {
  it('sends every example message to the fake API and exits 0', async () => {
    const app = fileURLToPath(new URL('..', import.meta.url));
    const bun = fileURLToPath(new URL('../node_modules/.bin/bun', import.meta.url));
    const output = await runExample(bun, ['run', 'src/main.ts'], app);
    expect(output.header).toMatch(
      /^bun 1\.\d+\.\d+ → fake Wazzup API at http:\/\/127\.0\.0\.1:\d+$/,
    );
    expect(output.lines).toEqual(EXPECTED_LINES);
    expect(deliveredTexts(output)).toEqual([
      'Your order #1042 has shipped 📦',
      'Hello from Bun',
      'template',
      'Thanks for writing! It arrives tomorrow.',
    ]);
    expectAutoReply(output);
  });
});
