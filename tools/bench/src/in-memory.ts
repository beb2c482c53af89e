// What the in-memory measurements send and how the fake fetch answers: one copy, so the per-send
// and the memory figures measure the same message.

/** The message every in-memory contender sends. */
export const MESSAGE = {
  channelId: 'e0629e11-0f67-4567-92a9-2237e91ec1b9',
  chatType: 'whatsapp',
  chatId: '79011112233',
  text: 'Your order #1042 has shipped',
} as const;

const ANSWER = '{"messageId":"f66c53a6-957a-46b2-b41b-5a2ef4844bcb","chatId":"79011112233"}';

/** An in-memory fetch: answers 201 at once, so only client-side work is measured. */
export const memoryFetch = async (_input?: unknown, _init?: unknown): Promise<Response> =>
  new Response(ANSWER, { status: 201, headers: { 'content-type': 'application/json' } });
