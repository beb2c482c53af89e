import type { DeadLetterError, DeadLetterReason } from './dead-letter';

/** Where a message stands in an outbox. */
export type OutboxState = 'queued' | 'sending' | 'sent' | 'dead' | 'outcome-unknown';

/** One step of a message's life after the service took it, as its status webhooks told. */
export interface OutboxTimelineEntry {
  /** The webhook's status: `sent`, `delivered`, `read`, `error`, `edited` (or one added later). */
  status: string;
  /** When, in ms since the epoch (the webhook's own time, else when it came). */
  at: number;
  /** With `error`: the service's code. */
  code?: string;
}

/** What `outbox.status(crmMessageId)` answers. */
export interface OutboxStatus {
  crmMessageId: string;
  state: OutboxState;
  /** The service's id, once an attempt's answer brought it (a `duplicate` answer does not). */
  messageId?: string;
  /** Attempts claimed so far. */
  attempts: number;
  timeline: OutboxTimelineEntry[];
  /** Why it was given up, for `dead` and `outcome-unknown`. */
  reason?: DeadLetterReason;
  /** The last error, redacted. */
  error?: DeadLetterError;
}
