// The Worker the webhook tests run inside workerd: Wazzup's webhooks at /webhooks, each event
// recorded in KV (the test reads it back), repeats dropped through KV too.
import {
  createWorkerWebhookHandler,
  type DedupeStore,
  type KvNamespaceLike,
  kvDedupe,
} from '../src/webhooks/index';

interface Env {
  WAZZUP_WEBHOOK_TOKEN: string;
  SEEN: KvNamespaceLike;
  EVENTS: KvNamespaceLike & { list(): Promise<{ keys: { name: string }[] }> };
}

let sequence = 0;
const record = (env: Env, line: string) =>
  env.EVENTS.put(`${Date.now()}-${String(sequence++).padStart(6, '0')}`, line);

/** The recording handlers, with repeats dropped through the given store. */
const receiver = (dedupe: (env: Env) => DedupeStore) =>
  createWorkerWebhookHandler<Env>({
    onMessage: ({ message, incoming }, { env }) =>
      record(env, `message ${incoming ? 'in' : 'echo'} ${message.text}`),
    onStatus: ({ status }, { env }) => record(env, `status ${status.status}`),
    onError: (error, _event, { env }) => record(env, `error ${error.name}`),
    dedupe,
  });
const webhooks = receiver((env) => kvDedupe(env.SEEN));

/** A KV namespace that is down: every read and write fails. */
const down: KvNamespaceLike = {
  get: () => Promise.reject(new Error('KV GET failed: 503')),
  put: () => Promise.reject(new Error('KV PUT failed: 503')),
  delete: () => Promise.reject(new Error('KV DELETE failed: 503')),
};
const brokenStore = receiver(() => kvDedupe(down));

export default {
  async fetch(request: Request, env: Env, ctx: { waitUntil(promise: Promise<unknown>): void }) {
    const { pathname } = new URL(request.url);
    if (pathname === '/events') {
      const { keys } = await env.EVENTS.list();
      const lines = await Promise.all(keys.map(async ({ name }) => env.EVENTS.get(name)));
      return Response.json(lines);
    }
    if (pathname === '/webhooks-kv-down') return brokenStore(request, env, ctx);
    if (pathname !== '/webhooks') return new Response('not found', { status: 404 });
    return webhooks(request, env, ctx);
  },
};
