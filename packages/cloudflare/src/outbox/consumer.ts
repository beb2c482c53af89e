import type { WazzupEnv } from '../create-wazzup';
import type { QueueBatch } from './bindings';
import { createQueueOutbox, type QueueOutboxOptions } from './queue-outbox';

/** Options of {@link createOutboxConsumer}: the outbox's own. */
export type OutboxConsumerOptions<Env = unknown> = QueueOutboxOptions<Env>;

/** A Worker `queue()` handler. */
export type OutboxConsumer<Env> = (batch: QueueBatch<unknown>, env: Env) => Promise<void>;

/**
 * The outbox's `queue()` handler, made once with its options: `createQueueOutbox(env,
 * options).consume(batch)` for each batch. Give it the outbox's queues and its dead-letter queue.
 *
 * @example
 * export { WazzupOutbox } from '@wazzup-sdk/cloudflare/outbox';
 * const consume = createOutboxConsumer({ maxAttempts: 10 });
 * export default { queue: (batch, env) => consume(batch, env) };
 */
export function createOutboxConsumer<Env extends WazzupEnv>(
  options: OutboxConsumerOptions<Env> = {},
): OutboxConsumer<Env> {
  return (batch, env) => createQueueOutbox(env, options).consume(batch);
}
