/**
 * A durable outbox on Cloudflare Queues: validate and enqueue in any Worker, send from the queue
 * consumer under one rate limit per API key, exactly once by a ledger in a Durable Object, which
 * also answers `status()` with the statuses the Worker's webhooks record. The contract of the
 * Redis and Deno KV outboxes, with core's decision after each attempt.
 *
 * @module @wazzup-sdk/cloudflare/outbox
 */

export type {
  DeadLetter,
  DeadLetterError,
  DeadLetterReason,
  OutboxEnqueueOptions,
  OutboxJob,
  OutboxMessage,
  OutboxState,
  OutboxStatus,
  OutboxTimelineEntry,
  StatusEvent,
} from '@wazzup-sdk/core/outbox';
export { describeError, isOutboxJob, WazzupEnqueueError } from '@wazzup-sdk/core/outbox';
export type {
  DurableObjectNamespaceLike,
  DurableObjectStateLike,
  DurableObjectStorageLike,
  QueueBatch,
  QueueMessage,
  QueueProducer,
} from './bindings';
export type { OutboxConsumer, OutboxConsumerOptions } from './consumer';
export { createOutboxConsumer } from './consumer';
export { WazzupOutbox } from './durable-object';
export type { QueueOutbox, QueueOutboxOptions } from './queue-outbox';
export { createQueueOutbox } from './queue-outbox';
