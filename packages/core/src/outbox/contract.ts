import type { SendMessageRequest } from '../schemas/request-types';
import type { OutboxEnqueueOptions } from './backend';
import type { DeadLetter } from './dead-letter';
import type { StatusEvent } from './engine';
import type { OutboxStatus } from './status';

/**
 * What every outbox does, whatever it runs on (BullMQ, Deno KV, Cloudflare Queues): each backend's
 * outbox is this and how its workers run.
 */
export interface Outbox {
  /** Validates a message and queues it: bad input throws `WazzupValidationError` and queues nothing. */
  enqueue(
    message: SendMessageRequest,
    options?: OutboxEnqueueOptions,
  ): Promise<{ crmMessageId: string }>;
  /**
   * Validates every message first, then queues them in batches; a failed batch throws
   * `WazzupEnqueueError` naming what was queued and what was not.
   */
  enqueueMany(
    messages: readonly SendMessageRequest[],
    options?: OutboxEnqueueOptions,
  ): Promise<{ crmMessageId: string }[]>;
  /** Where a message stands, or `undefined` for one this outbox never queued (or forgot). */
  status(crmMessageId: string): Promise<OutboxStatus | undefined>;
  /**
   * Records a status webhook against its message; `false` when no message of this outbox has that
   * messageId yet (it is kept ten minutes, for a send whose answer is still on its way).
   */
  recordStatus(status: StatusEvent): Promise<boolean>;
  /** Dead letters, newest first. */
  deadLetters(options?: { offset?: number; limit?: number }): Promise<DeadLetter[]>;
  /**
   * Queues a dead message again, with a clean ledger: for `outcome-unknown`, only once you know
   * the service does not have it. `false` when it is not dead.
   */
  redrive(crmMessageId: string): Promise<boolean>;
}
