/**
 * A durable outbox on Cloudflare Queues: validate and enqueue at the producer, send from the
 * queue consumer under one rate limit per API key, exactly once by a ledger in a Durable Object.
 *
 * @module @wazzup-sdk/cloudflare/outbox
 */

export type { DeadLetter, DeadLetterError, DeadLetterReason } from '@wazzup-sdk/core/outbox';
export { describeError } from '@wazzup-sdk/core/outbox';
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
export type { EnqueueOptions } from './enqueue';
export { enqueueMessage, enqueueMessages, WazzupEnqueueError } from './enqueue';
export type { OutboxEnvelope, OutboxMessage } from './envelope';
export { isOutboxEnvelope } from './envelope';
export type { Grant, OutboxRateLimit } from './lease-window';
export type { Claim, LedgerEntry, LedgerSettings, Settlement } from './ledger';
export type { Begin, OutboxAnswer, OutboxCall, SlotEnd } from './protocol';
