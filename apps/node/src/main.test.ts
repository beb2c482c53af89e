import { fileURLToPath } from 'node:url';
import {
  deliveredTexts,
  EXPECTED_LINES,
  expectAutoReply,
  runExample,
} from '@wazzup-sdk/example-report/testing';
import { DEMO_CHANNEL_IDS, DEMO_CHANNELS } from '@wazzup-sdk/mock';
import { describe, expect, it } from 'vitest';

describe('the Node example', () => {
  it('sends every example message to the fake API and exits 0', async () => {
    const app = fileURLToPath(new URL('..', import.meta.url));
    const output = await runExample(process.execPath, ['--import', 'tsx', 'src/main.ts'], app);
    expect(output.header).toMatch(/^node v\d+.* → fake Wazzup API at http:\/\/127\.0\.0\.1:\d+$/);
    // It picked the first active WhatsApp channel from channels.list and sent through it.
    expect(output.stdout).toMatch(
      new RegExp(
        `^channels: ${DEMO_CHANNELS.length}, ${DEMO_CHANNELS.filter((c) => c.state === 'active').length} can send; WhatsApp through ${DEMO_CHANNEL_IDS.whatsapp}$`,
        'm',
      ),
    );
    expect(output.lines).toEqual(EXPECTED_LINES);
    expect(deliveredTexts(output)).toEqual([
      'Your order #1042 has shipped 📦',
      'Hello from Node',
      'template',
      'Thanks for writing! It arrives tomorrow.',
    ]);
    expectAutoReply(output);
  });
});
