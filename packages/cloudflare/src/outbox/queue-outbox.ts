import {
  type SendMessageRequest,
  type SendMessageResult,
  WazzupConfigError,
  type WazzupSender,
} from '@wazzup-sdk/core';
import { hexDigest } from '@wazzup-sdk/core/internal';
import {
  createOutboxEngine,
  type DeadLetter,
  freshRecord,
  isOutboxJob,
  type Outbox,
  type OutboxClientOptions,
  type OutboxEngine,
  type OutboxEnqueueOptions,
  type OutboxJob,
  type OutboxMessage,
  type OutboxOptions,
  type OutboxSend,
  outboxJob,
  outboxSend,
  outboxSettings,
  WazzupEnqueueError,
} from '@wazzup-sdk/core/outbox';
import { createSender, type WazzupEnv } from '../create-wazzup';
import { durableObjectRateLimit } from '../rate-limit/durable-object-rate-limit';
import type {
  DurableObjectNamespaceLike,
  QueueBatch,
  QueueMessage,
  QueueProducer,
} from './bindings';
import { type ObjectOutboxStore, objectOutboxStore } from './object-store';

/** Options of {@link createQueueOutbox}: the engine's, the client's, and where the env holds the rest. */
export interface QueueOutboxOptions<Env = unknown>
  extends OutboxOptions,
    OutboxClientOptions<WazzupSender> {
  /** Env binding of the queue producer messages go to; default `WAZZUP_QUEUE`. */
  queueBinding?: string;
  /**
   * Env binding of a second queue for `bulk` messages; default `WAZZUP_BULK_QUEUE`. Bound, a
   * campaign waits in its own queue and a reply never queues behind it (both queues' consumers
   * share the key's limit, replies first); unbound, bulk messages go to the first queue.
   */
  bulkQueueBinding?: string;
  /** Env binding of the {@link WazzupOutbox} Durable Object; default `WAZZUP_OUTBOX`. */
  outboxBinding?: string;
  /**
   * The name of the queues' dead-letter queue (Queues moves a message there after its
   * `max_retries`); default `wazzup-dead-letters`. Give its batches to `consume` too: each message
   * is filed as given up (`queue-gave-up`), so `status()` and `deadLetters()` tell of it.
   */
  deadLetterQueue?: string;
  /** The outbox's name, when one key has more than one; default `wazzup-outbox`. */
  name?: string;
  /**
   * Called with each send's result before the ledger records it (to count, log, or act at once).
   * If it throws, the delivery fails like a crash: the queue delivers the message again and the
   * ledger makes that a `duplicate`, so it runs at least once per message.
   */
  onResult?: (result: SendMessageResult, message: OutboxMessage, env: Env) => unknown;
  /**
   * Told of a delivery that failed without a verdict (the Durable Object out of reach, a throw
   * from `onResult`, a bug); the message is delivered again. Default: `console.error`.
   */
  onError?: (error: unknown, message: QueueMessage<unknown>, env: Env) => unknown;
}

/** The outbox in a Worker: core's `Outbox`, as the Redis and KV outboxes are, and its consumer. */
export interface QueueOutbox extends Outbox {
  /** The `queue()` handler's work for a batch of the outbox's queues (or of its dead-letter queue). */
  consume(batch: QueueBatch<unknown>): Promise<void>;
}

/** Cloudflare's limit on messages per `sendBatch`. */
const BATCH_LIMIT = 100;
/** The longest delay Cloudflare Queues take: 12 hours. */
const MAX_DELAY_SECONDS = 43_200;

function bindingOf<T>(env: unknown, name: string, what: string): T {
  const value = (env as Record<string, unknown> | undefined)?.[name];
  if (!value) throw new WazzupConfigError(name, `${name}: the env binding of ${what}`);
  return value as T;
}

/**
 * The outbox on Cloudflare Queues with a ledger in the {@link WazzupOutbox} Durable Object, for
 * one request's `env` (cheap to make per request). `enqueue` validates and queues; `consume` is
 * the queue consumer's work: each message sent under the key's rate limit, shared through the same
 * object, with core's decision after each attempt, as in the Redis and Deno KV outboxes. A message
 * whose consumer died is delivered again by the queue and sent again only while the service's
 * duplicate window covers the first attempt (answered `duplicate`); past it, it is given up as
 * `outcome-unknown`, never sent blindly. `status()` tells where each message stands, with the
 * statuses its webhooks brought (`onStatus: ({ status }, { env }) =>
 * createQueueOutbox(env).recordStatus(status)`).
 *
 * @example
 * export { WazzupOutbox } from '@wazzup-sdk/cloudflare/outbox';
 * export default {
 *   async fetch(request, env) {
 *     const { crmMessageId } = await createQueueOutbox(env).enqueue(await request.json());
 *     return Response.json({ crmMessageId }, { status: 202 });
 *   },
 *   queue: (batch, env) => createQueueOutbox(env).consume(batch),
 * };
 */
export function createQueueOutbox<Env extends WazzupEnv>(
  env: Env,
  options: QueueOutboxOptions<Env> = {},
): QueueOutbox {
  const name = options.name ?? 'wazzup-outbox';
  if (!/^[\w.-]{1,64}$/.test(name)) {
    throw new WazzupConfigError('name', 'name: 1 to 64 letters, digits or _ . -');
  }
  const namespace = bindingOf<DurableObjectNamespaceLike>(
    env,
    options.outboxBinding ?? 'WAZZUP_OUTBOX',
    'the WazzupOutbox Durable Object',
  );
  const queueBinding = options.queueBinding ?? 'WAZZUP_QUEUE';
  const bulkQueueBinding = options.bulkQueueBinding ?? 'WAZZUP_BULK_QUEUE';
  const deadLetterQueue = options.deadLetterQueue ?? 'wazzup-dead-letters';
  const apiKey = options.apiKey ?? env.WAZZUP_API_KEY;
  if (!apiKey) {
    throw new WazzupConfigError('apiKey', 'apiKey: pass it, or set the WAZZUP_API_KEY secret');
  }
  const settings = outboxSettings(options, options.wazzup ? undefined : options.client?.timeoutMs);
  const sendOnce = outboxSend(
    options,
    (made) => createSender({ ...made, env }),
    () => durableObjectRateLimit(namespace),
  );
  const { onResult } = options;
  const onError =
    options.onError ??
    ((error: unknown, message: QueueMessage<unknown>) =>
      console.error(`wazzup outbox: delivery ${message.id} failed and will come again:`, error));
  const send: OutboxSend = onResult
    ? async (message, call) => {
        const result = await sendOnce(message, call);
        await onResult(result, message, env);
        return result;
      }
    : sendOnce;

  // The key's ledger objects are named by a hash of it: the key is never an object's name.
  let ready: Promise<{ store: ObjectOutboxStore; engine: OutboxEngine }> | undefined;
  const outbox = () => {
    ready ??= hexDigest('SHA-256', apiKey).then((hash) => {
      const store = objectOutboxStore(namespace, `${name}:${hash}`, settings.ledgerTtlMs);
      return { store, engine: createOutboxEngine(store, send, settings) };
    });
    return ready;
  };

  function queueFor(lane: OutboxJob['lane']): QueueProducer<OutboxJob> {
    const bulk = (env as unknown as Record<string, unknown>)[bulkQueueBinding];
    if (lane === 'bulk' && bulk) return bulk as QueueProducer<OutboxJob>;
    return bindingOf(env, queueBinding, 'the outbox queue');
  }

  /** Files a queue body that is not an outbox job as dead, under the queue message's id. */
  async function fileMalformed(message: QueueMessage<unknown>): Promise<void> {
    const { store } = await outbox();
    const id = `malformed:${message.id}`;
    const deadAt = Date.now();
    const dead: DeadLetter = {
      wazzupDeadLetter: 1,
      reason: 'malformed',
      mayHaveBeenSent: false,
      crmMessageId: undefined,
      message: message.body,
      error: undefined,
      attempts: message.attempts,
      enqueuedAt: undefined,
      deadAt,
    };
    await store.update(id, () => ({ ...freshRecord(id), state: 'dead', dead }));
    await store.addDead(id, deadAt);
  }

  /** One delivery: `retry` with its delay, or done (sent, or filed as dead). */
  async function handle(message: QueueMessage<unknown>, gaveUp: boolean): Promise<number | 'done'> {
    const job = message.body;
    if (!isOutboxJob(job)) {
      await fileMalformed(message);
      return 'done';
    }
    const { engine } = await outbox();
    const id = job.message.crmMessageId;
    if (gaveUp) {
      await engine.bury(id, job, message.attempts, 'queue-gave-up', { mayHaveBeenSent: true });
      return 'done';
    }
    const verdict = await engine.attempt(id, job, message.attempts);
    if ('done' in verdict) return 'done';
    return Math.min(MAX_DELAY_SECONDS, Math.ceil(verdict.retryInMs / 1000));
  }

  async function enqueueMany(
    messages: readonly SendMessageRequest[],
    queued: OutboxEnqueueOptions = {},
  ): Promise<{ crmMessageId: string }[]> {
    const jobs = messages.map(
      (message) => outboxJob(message, queued, options.schema, MAX_DELAY_SECONDS).job,
    );
    const delaySeconds = queued.delaySeconds ?? 0;
    const queue = queueFor(queued.lane ?? 'interactive');
    const { store } = await outbox();
    const ids = jobs.map((job) => ({ crmMessageId: job.message.crmMessageId }));
    for (let start = 0; start < jobs.length; start += BATCH_LIMIT) {
      const batch = jobs.slice(start, start + BATCH_LIMIT);
      try {
        await queue.sendBatch(batch.map((body) => ({ body, delaySeconds })));
      } catch (cause) {
        throw new WazzupEnqueueError(ids.slice(0, start), ids.slice(start), cause);
      }
      // So status() says `queued` before the consumer picks them up. Best effort: they are on
      // the queue already, and the consumer makes the record if this write failed.
      await store
        .create(batch.map((job) => freshRecord(job.message.crmMessageId)))
        .catch(() => undefined);
    }
    return ids;
  }

  return {
    async enqueue(message, queued = {}) {
      const [id] = await enqueueMany([message], queued);
      return id as { crmMessageId: string };
    },

    enqueueMany,

    status: async (crmMessageId) => (await outbox()).engine.status(crmMessageId),
    recordStatus: async (event) => (await outbox()).engine.recordStatus(event),
    deadLetters: async (listed) => (await outbox()).engine.deadLetters(listed),

    async redrive(crmMessageId) {
      const { store, engine } = await outbox();
      const dead = (await store.get(crmMessageId))?.dead;
      if (!dead) return false;
      // Checked before the record changes: a malformed body stays dead, with a typed error.
      const { job } = outboxJob(dead.message as SendMessageRequest, {}, options.schema, 0);
      if (!(await engine.revive(crmMessageId))) return false;
      await queueFor(job.lane).send(job);
      return true;
    },

    async consume(batch) {
      const gaveUp = batch.queue === deadLetterQueue;
      // Each message settles on its own, and the handler never throws: a throw would have the
      // queue deliver the whole batch again, the messages already done with too.
      await Promise.all(
        batch.messages.map(async (message) => {
          try {
            const next = await handle(message, gaveUp);
            if (next === 'done') message.ack();
            else message.retry({ delaySeconds: next });
          } catch (error) {
            message.retry();
            try {
              await onError(error, message, env);
            } catch {
              // A hook that throws changes nothing: the message is delivered again either way.
            }
          }
        }),
      );
    },
  };
}
