// A Worker that sends through the outbox: POST /messages validates and enqueues (202 with the
// crmMessageId; `?lane=bulk` for a campaign), the queue consumer sends under the key's shared rate
// limit, Wazzup's status webhooks at /wazzup fill each message's timeline, and
// GET /messages/<crmMessageId> answers the outbox's status. Bindings are in wrangler.json.
import {
  type SendMessageRequest,
  type WazzupEnv,
  WazzupValidationError,
} from '@wazzup-sdk/cloudflare';
import { createQueueOutbox, type QueueBatch } from '@wazzup-sdk/cloudflare/outbox';
import { createWorkerWebhookHandler } from '@wazzup-sdk/cloudflare/webhooks';

// The Durable Object that holds the key's ledger and rate limit must be exported by name.
export { WazzupOutbox } from '@wazzup-sdk/cloudflare/outbox';

interface Env extends WazzupEnv {
  /** Callers of /messages present it as a Bearer token. */
  APP_TOKEN: string;
}

// Each status webhook lands on its message: `status()` then tells sent → delivered → read.
const webhooks = createWorkerWebhookHandler<Env>({
  onStatus: async ({ status }, { env }) => {
    await createQueueOutbox(env).recordStatus(status);
  },
});

async function enqueue(request: Request, env: Env): Promise<Response> {
  const input = (await request.json().catch(() => undefined)) as SendMessageRequest | undefined;
  if (input === undefined) return Response.json({ error: 'INVALID_JSON' }, { status: 400 });
  const lane = new URL(request.url).searchParams.get('lane') === 'bulk' ? 'bulk' : 'interactive';
  try {
    const { crmMessageId } = await createQueueOutbox(env).enqueue(input, { lane });
    return Response.json({ crmMessageId }, { status: 202 });
  } catch (error) {
    // Bad input is refused here, with the code the service would answer; it never enters the queue.
    if (!(error instanceof WazzupValidationError)) throw error;
    const { code, field, message } = error;
    return Response.json({ error: code, field, description: message }, { status: 400 });
  }
}

export default {
  async fetch(
    request: Request,
    env: Env,
    ctx: { waitUntil(promise: Promise<unknown>): void },
  ): Promise<Response> {
    const { pathname } = new URL(request.url);
    // The webhook address carries its own token (WAZZUP_WEBHOOK_TOKEN), checked by the handler.
    if (pathname === '/wazzup') return webhooks(request, env, ctx);
    if (request.headers.get('authorization') !== `Bearer ${env.APP_TOKEN}`) {
      return new Response('unauthorised', { status: 401 });
    }
    if (pathname === '/messages' && request.method === 'POST') return enqueue(request, env);
    const id = /^\/messages\/([\w-]+)$/.exec(pathname)?.[1];
    if (id && request.method === 'GET') {
      const status = await createQueueOutbox(env).status(id);
      return status ? Response.json(status) : new Response('unknown', { status: 404 });
    }
    return new Response('not found', { status: 404 });
  },

  // The outbox's queues and their dead-letter queue: whatever the queue gave up on is filed as
  // `queue-gave-up`, so status() and deadLetters() tell of it.
  queue: (batch: QueueBatch, env: Env) => createQueueOutbox(env).consume(batch),
};
