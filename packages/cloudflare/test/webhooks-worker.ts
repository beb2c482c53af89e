// The Worker the webhook tests run inside workerd: Wazzup's webhooks at /webhooks, each event
// recorded in KV (the test reads it back), repeats dropped through KV too.
import { createWorkerWebhookHandler, type KvNamespaceLike, kvDedupe } from '../src/webhooks/index';

interface Env {
  WAZZUP_WEBHOOK_TOKEN: string;
  SEEN: KvNamespaceLike;
  EVENTS: KvNamespaceLike & { list(): Promise<{ keys: { name: string }[] }> };
}

let sequence = 0;
const record = (env: Env, line: string) =>
  env.EVENTS.put(`${Date.now()}-${String(sequence++).padStart(6, '0')}`, line);

const webhooks = createWorkerWebhookHandler<Env>({
  onMessage: ({ message, incoming }, { env }) =>
    record(env, `message ${incoming ? 'in' : 'echo'} ${message.text}`),
  onStatus: ({ status }, { env }) => record(env, `status ${status.status}`),
  dedupe: (env) => kvDedupe(env.SEEN),
});

export default {
  async fetch(request: Request, env: Env, ctx: { waitUntil(promise: Promise<unknown>): void }) {
    const { pathname } = new URL(request.url);
    if (pathname === '/events') {
      const { keys } = await env.EVENTS.list();
      const lines = await Promise.all(keys.map(async ({ name }) => env.EVENTS.get(name)));
      return Response.json(lines);
    }
    if (pathname !== '/webhooks') return new Response('not found', { status: 404 });
    return webhooks(request, env, ctx);
  },
};
