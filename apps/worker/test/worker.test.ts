import { fileURLToPath } from 'node:url';
import {
  deliveredTexts,
  EXPECTED_LINES,
  expectAutoReply,
  runExample,
} from '@wazzup-sdk/example-report/testing';
import { describe, expect, it } from 'vitest';

describe('the Worker example, run in workerd', () => {
  it('sends every example message from inside the Worker, auto-replies to a webhook, and exits 0', async () => {
    const app = fileURLToPath(new URL('..', import.meta.url));
    const output = await runExample(process.execPath, ['--import', 'tsx', 'src/run.ts'], app);
    expect(output.header).toMatch(
      /^Cloudflare-Workers \(workerd\) → fake Wazzup API at http:\/\/127\.0\.0\.1:\d+$/,
    );
    expect(output.lines).toEqual(EXPECTED_LINES);
    expect(deliveredTexts(output)).toEqual([
      'Your order #1042 has shipped 📦',
      'Hello from a Worker',
      'template',
      'Thanks for writing! It arrives tomorrow.',
    ]);
    expectAutoReply(output);
  });
});
