/**
 * What every outbox backend (Cloudflare Queues, BullMQ on Redis, Deno KV queues) shares: the one
 * decision after an attempt, the ledger's rules for a crmMessageId, the timing that follows from
 * the client's, and the dead letter's shape. For the backends and for an outbox of your own.
 *
 * @module @wazzup-sdk/core/outbox
 */
export type {
  OutboxClient,
  OutboxClientOptions,
  OutboxEnqueueOptions,
  OutboxOptions,
} from './backend';
export { outboxJob, outboxSend, outboxSettings } from './backend';
export type { FailedAttempt, SlotEnd } from './classify';
export { classify } from './classify';
export type { Outbox } from './contract';
export type { DeadLetter, DeadLetterError, DeadLetterReason } from './dead-letter';
export { describeError } from './dead-letter';
export type { Decision, DecisionSettings, NextStep } from './decide';
export { afterClaim, afterFailedSend, decide, RESEND_PAUSE_MS } from './decide';
export type {
  AttemptVerdict,
  OutboxEngine,
  OutboxJob,
  OutboxRecord,
  OutboxSend,
  OutboxSettings,
  OutboxStore,
  StatusEvent,
} from './engine';
export { createOutboxEngine, freshRecord, isOutboxJob, statusOf } from './engine';
export type { Claim, LedgerEntry, LedgerSettings, Settlement } from './ledger';
export { claimEntry, settleEntry } from './ledger';
export type { OutboxMessage } from './message';
export { outboxMessage, WazzupEnqueueError } from './message';
export type { OutboxState, OutboxStatus, OutboxTimelineEntry } from './status';
export { outboxTiming } from './timing';
