// The Worker the outbox tests run inside workerd: /enqueue is the producer, the two outbox queues'
// consumers send (crashing now and then on purpose), and the dead-letter consumer files each dead
// letter in KV for the test to read.
import type { SendMessageRequest } from '@wazzup-sdk/core';
import type { WazzupEnv } from '../src/index';
import {
  createOutboxConsumer,
  type DeadLetter,
  enqueueMessages,
  isOutboxEnvelope,
  type OutboxEnvelope,
  type QueueBatch,
  type QueueProducer,
} from '../src/outbox/index';

export { WazzupOutbox } from '../src/outbox/index';

interface Env extends WazzupEnv {
  /** Two queues, each with its own consumer: two senders sharing one key and one limit. */
  WAZZUP_QUEUE_A: QueueProducer<OutboxEnvelope>;
  WAZZUP_QUEUE_B: QueueProducer<OutboxEnvelope>;
  DEAD: { put(key: string, value: string): Promise<void> };
  CRASH_RATE: string;
  RATE_LIMIT: string;
  RATE_WINDOW_MS: string;
  DUPLICATE_WINDOW_MS: string;
  TIMEOUT_MS: string;
}

let consume: ReturnType<typeof createOutboxConsumer<Env>> | undefined;

function consumerFor(env: Env) {
  consume ??= createOutboxConsumer<Env>({
    rateLimit: { limit: Number(env.RATE_LIMIT), windowMs: Number(env.RATE_WINDOW_MS) },
    duplicateWindowMs: Number(env.DUPLICATE_WINDOW_MS),
    maxAttempts: 12,
    maxRetryDelaySeconds: 2,
    client: { timeoutMs: Number(env.TIMEOUT_MS) },
    onResult() {
      // A crash after the send, before the ledger hears of it: the worst moment to die.
      if (Math.random() < Number(env.CRASH_RATE)) throw new Error('injected consumer crash');
    },
  });
  return consume;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    if (new URL(request.url).pathname === '/raw') {
      // A body that did not come from enqueueMessage: the consumer must not choke on it.
      await (env.WAZZUP_QUEUE_A as unknown as QueueProducer<unknown>).send(await request.json());
      return new Response('queued');
    }
    const messages = (await request.json()) as SendMessageRequest[];
    const queue = new URL(request.url).searchParams.get('queue') === 'b' ? 'B' : 'A';
    try {
      return Response.json(await enqueueMessages(env[`WAZZUP_QUEUE_${queue}`], messages));
    } catch (error) {
      const { name, code, field } = error as { name: string; code?: string; field?: string };
      return Response.json({ name, code, field }, { status: 400 });
    }
  },

  async queue(batch: QueueBatch, env: Env): Promise<void> {
    if (batch.queue !== 'wazzup-dead-letters') return consumerFor(env)(batch, env);
    for (const message of batch.messages) {
      // Our dead letters carry a reason; a raw envelope means the queue itself gave up.
      const body = message.body as DeadLetter | OutboxEnvelope;
      const letter = isOutboxEnvelope(body)
        ? { reason: 'queue-gave-up', crmMessageId: body.message.crmMessageId }
        : body;
      await env.DEAD.put(letter.crmMessageId ?? message.id, JSON.stringify(letter));
      message.ack();
    }
  },
};
