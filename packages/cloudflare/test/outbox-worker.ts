// The Worker the outbox tests run inside workerd: /enqueue is the producer (to queue A or B, or
// the bulk queue for `lane=bulk`), the queues' consumers send (crashing now and then on purpose),
// /status, /dead and /redrive read the ledger, and /wazzup takes the fake API's webhooks.
import type { SendMessageRequest } from '@wazzup-sdk/core';
import type { WazzupEnv } from '../src/index';
import {
  createQueueOutbox,
  type QueueBatch,
  type QueueOutboxOptions,
  type QueueProducer,
} from '../src/outbox/index';
import { createWorkerWebhookHandler } from '../src/webhooks/index';

export { WazzupOutbox } from '../src/outbox/index';

interface Env extends WazzupEnv {
  /** Two queues, each with its own consumer: two senders sharing one key and one limit. */
  WAZZUP_QUEUE_A: QueueProducer<unknown>;
  WAZZUP_QUEUE_B: QueueProducer<unknown>;
  WAZZUP_BULK_QUEUE: QueueProducer<unknown>;
  WAZZUP_WEBHOOK_TOKEN: string;
  CRASH_RATE: string;
  RATE_LIMIT: string;
  RATE_WINDOW_MS: string;
  DUPLICATE_WINDOW_MS: string;
  TIMEOUT_MS: string;
}

const options = (env: Env, queue = 'A'): QueueOutboxOptions<Env> => ({
  queueBinding: `WAZZUP_QUEUE_${queue}`,
  rateLimit: { limit: Number(env.RATE_LIMIT), windowMs: Number(env.RATE_WINDOW_MS) },
  duplicateWindowMs: Number(env.DUPLICATE_WINDOW_MS),
  maxAttempts: 12,
  maxRetryDelaySeconds: 2,
  client: { timeoutMs: Number(env.TIMEOUT_MS) },
  onResult() {
    // A crash after the send, before the ledger hears of it: the worst moment to die.
    if (Math.random() < Number(env.CRASH_RATE)) throw new Error('injected consumer crash');
  },
  // The injected crashes are expected: each is delivered again, which the test checks.
  onError: () => undefined,
});

const webhooks = createWorkerWebhookHandler<Env>({
  onStatus: async ({ status }, { env }) => {
    await createQueueOutbox(env, options(env)).recordStatus(status);
  },
});

export default {
  async fetch(request: Request, env: Env, ctx: { waitUntil(p: Promise<unknown>): void }) {
    const url = new URL(request.url);
    const outbox = createQueueOutbox(
      env,
      options(env, (url.searchParams.get('queue') ?? 'a').toUpperCase()),
    );
    switch (url.pathname) {
      case '/wazzup':
        return webhooks(request, env, ctx);
      case '/raw':
        // A body that did not come from enqueue: the consumer must not choke on it.
        await env.WAZZUP_QUEUE_A.send(await request.json());
        return new Response('queued');
      case '/status': {
        const ids = (await request.json()) as string[];
        return Response.json(await Promise.all(ids.map((id) => outbox.status(id))));
      }
      case '/dead':
        return Response.json(await outbox.deadLetters({ limit: 10_000 }));
      case '/redrive':
        return Response.json(await outbox.redrive(url.searchParams.get('id') ?? ''));
    }
    const messages = (await request.json()) as SendMessageRequest[];
    const lane = url.searchParams.get('lane') === 'bulk' ? 'bulk' : 'interactive';
    try {
      return Response.json(await outbox.enqueueMany(messages, { lane }));
    } catch (error) {
      const { name, code, field } = error as { name: string; code?: string; field?: string };
      return Response.json({ name, code, field }, { status: 400 });
    }
  },

  queue: (batch: QueueBatch, env: Env) => createQueueOutbox(env, options(env)).consume(batch),
};
