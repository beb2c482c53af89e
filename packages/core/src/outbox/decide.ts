import type { SendMessageResult } from '../resources/messages';
import { classify, type FailedAttempt, type SlotEnd } from './classify';
import type { DeadLetterReason } from './dead-letter';
import type { Claim, Settlement } from './ledger';

// What an outbox does with a message, as pure functions of what it knows: the ledger's claim, and
// how a send ended. Every backend (Cloudflare Queues, BullMQ, Deno KV) only carries the steps out,
// so every branch of the guarantee is tested once, here.

/** What the consumer does next with a message. */
export type NextStep =
  /** Acknowledge it: sent already, or sent now. */
  | { action: 'ack' }
  /** Put it on the dead-letter queue. */
  | { action: 'dead-letter'; reason: DeadLetterReason; mayHaveBeenSent: boolean }
  /** Send it again now, within this delivery, after a short pause. */
  | { action: 'resend'; pauseMs: number }
  /** Hand it back to the queue, to come again after the delay. */
  | { action: 'retry'; delaySeconds: number };

/** The consumer's settings the decision depends on. */
export interface DecisionSettings {
  inlineResends: number;
  maxAttempts: number;
  maxRetryDelaySeconds: number;
  duplicateWindowMs: number;
  /** How long before the window closes a re-send must start. */
  marginMs: number;
}

/** A short pause before an inline re-send, doubling with each. */
export const RESEND_PAUSE_MS = 250;

/** The ledger's word on a message that needs no send: ack it, or its outcome can't be known. */
export function afterClaim(
  claim: Exclude<Claim, { action: 'send' }>,
): Extract<NextStep, { action: 'ack' | 'dead-letter' }> {
  return claim.action === 'ack'
    ? { action: 'ack' }
    : { action: 'dead-letter', reason: 'outcome-unknown', mayHaveBeenSent: true };
}

/**
 * After a failed send: give up on a refusal; re-send at once an unknown outcome (5xx, reset,
 * timeout) while the service's duplicate window is sure to cover it, since a trip through the
 * queue could come back after the window has closed; otherwise hand it back to the queue with a
 * backoff, short enough for an uncertain message that the next attempt still lands in the window;
 * and dead-letter it after `maxAttempts` deliveries.
 */
export function afterFailedSend(input: {
  failed: FailedAttempt;
  claim: { claimedAt: number; uncertainSince: number };
  /** Inline re-sends already made in this delivery. */
  resend: number;
  /** Deliveries of this message so far, this one included. */
  attempts: number;
  now: number;
  settings: DecisionSettings;
}): NextStep {
  const { failed, claim, resend, attempts, now, settings } = input;
  const unknown = failed.settlement.outcome === 'unknown';
  // An earlier attempt with an unknown outcome began before this claim: the service may hold it.
  const mayHaveBeenSent = unknown || claim.uncertainSince < claim.claimedAt;
  if (!failed.retry) return { action: 'dead-letter', reason: 'rejected', mayHaveBeenSent };
  if (unknown && resend < settings.inlineResends) {
    return { action: 'resend', pauseMs: RESEND_PAUSE_MS * 2 ** resend };
  }
  if (attempts >= settings.maxAttempts) {
    return { action: 'dead-letter', reason: 'retries-exhausted', mayHaveBeenSent };
  }
  const backoff = Math.min(2 ** (attempts - 1), settings.maxRetryDelaySeconds);
  if (!unknown) return { action: 'retry', delaySeconds: backoff };
  const left = claim.uncertainSince + settings.duplicateWindowMs - settings.marginMs - now;
  return {
    action: 'retry',
    delaySeconds: Math.max(0, Math.min(backoff, Math.floor(left / 2_000))),
  };
}

/** What one attempt comes to: what the ledger records, the slot's end, and the next step. */
export interface Decision {
  settlement: Settlement;
  slot: SlotEnd;
  next: NextStep;
}

/**
 * The one decision after an attempt: a result (sent, or `duplicate` of an earlier send) is acked
 * with its messageId, if it has one; an error goes through {@link classify} and
 * {@link afterFailedSend}. Throws on anything that is not a `WazzupError` (a bug): the backend
 * treats it as a crash, and the engine delivers the message again.
 */
export function decide(input: {
  outcome: { result: SendMessageResult } | { error: unknown };
  claim: { claimedAt: number; uncertainSince: number };
  resend: number;
  attempts: number;
  now: number;
  settings: DecisionSettings;
}): Decision {
  const { outcome } = input;
  if ('result' in outcome) {
    const { result } = outcome;
    return {
      settlement: {
        outcome: 'sent',
        messageId: result.status === 'sent' ? result.messageId : undefined,
      },
      slot: 'release',
      next: { action: 'ack' },
    };
  }
  const failed = classify(outcome.error);
  return {
    settlement: failed.settlement,
    slot: failed.slot,
    next: afterFailedSend({ ...input, failed }),
  };
}
