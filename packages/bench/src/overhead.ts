import { createWazzup } from '@wazzup-sdk/core';
import { createFetch } from 'ofetch';
import { interleaved } from './measure';

const URL = 'http://wazzup.invalid/v3/message';
const message = {
  channelId: 'e0629e11-0f67-4567-92a9-2237e91ec1b9',
  chatType: 'whatsapp',
  chatId: '79011112233',
  text: 'Your order #1042 has shipped',
} as const;
const ANSWER = '{"messageId":"f66c53a6-957a-46b2-b41b-5a2ef4844bcb","chatId":"79011112233"}';

/** An in-memory transport: answers 201 at once, so only client-side work is measured. */
const memoryFetch = async (_input?: unknown, _init?: unknown) =>
  new Response(ANSWER, { status: 201, headers: { 'content-type': 'application/json' } });

async function perSend(send: () => Promise<unknown>, count: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) await send();
  return ((performance.now() - started) * 1000) / count;
}

/** Microseconds per send on an in-memory transport: raw fetch, plain ofetch, and the SDK. */
export async function measureOverhead(count = 20_000, rounds = 7): Promise<Record<string, number>> {
  // createFetch is how ofetch takes an injected fetch (ofetch.create would keep the global one).
  const plain = createFetch({ fetch: memoryFetch as typeof fetch });
  const sdk = createWazzup({ apiKey: 'bench-key', fetch: memoryFetch, rateLimit: false });
  const contenders = {
    // What a hand-written client does: build the request, stringify, send, read the JSON.
    'raw fetch': () =>
      perSend(async () => {
        const headers = { authorization: 'Bearer bench-key', 'content-type': 'application/json' };
        const response = await memoryFetch(URL, {
          method: 'POST',
          headers,
          body: JSON.stringify(message),
        });
        await response.json();
      }, count),
    'plain ofetch': () => perSend(() => plain(URL, { method: 'POST', body: message }), count),
    'SDK sendMessage': () => perSend(() => sdk.sendMessage(message), count),
  };
  for (const run of Object.values(contenders)) await run(); // warm up the JIT
  return interleaved(contenders, rounds);
}
