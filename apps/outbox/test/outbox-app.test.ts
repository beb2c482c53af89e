import { fileURLToPath } from 'node:url';
import { deliveredTexts, runExample } from '@wazzup-sdk/example-report/testing';
import { describe, expect, it } from 'vitest';

describe('the outbox example, run in workerd', () => {
  it('enqueues over HTTP, sends from the queue consumer, dead-letters the refused one', async () => {
    const app = fileURLToPath(new URL('..', import.meta.url));
    const output = await runExample(process.execPath, ['--import', 'tsx', 'src/run.ts'], app);
    expect(output.header).toMatch(/→ fake Wazzup API at http:\/\/127\.0\.0\.1:\d+$/);
    expect(output.lines).toEqual([
      '✔ WhatsApp text via the queue → sent <id>, read',
      '✔ Telegram by username via the queue → sent <id>, read',
      '✔ Blocked channel via the queue → dead rejected CHANNEL_BLOCKED',
      '✔ Bad chatId, refused at enqueue → error CHAT_INCORRECT_CHAT_ID_WHATSAPP',
    ]);
    expect(deliveredTexts(output)).toEqual([
      'Queued, then sent once',
      'Hello from a queue consumer',
    ]);
  });
});
