/**
 * A durable outbox on BullMQ and Redis, for Node and Bun: queue a message once, and every worker
 * process sends it exactly once under the key's shared rate limit, or files it as a dead letter
 * with the reason. `bullmq` is a peer dependency of this entry only.
 *
 * @module @wazzup-sdk/redis/outbox
 */
export type {
  DeadLetter,
  OutboxState,
  OutboxStatus,
  OutboxTimelineEntry,
} from '@wazzup-sdk/core/outbox';
export { WazzupEnqueueError } from '@wazzup-sdk/core/outbox';
export {
  createRedisOutbox,
  type EnqueueOptions,
  type OutboxWorkerOptions,
  type RedisOutbox,
  type RedisOutboxOptions,
} from './redis-outbox';
