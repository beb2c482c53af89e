import {
  WazzupApiError,
  WazzupConnectionError,
  WazzupQueueTimeoutError,
  WazzupTimeoutError,
  WazzupValidationError,
} from '../errors/classes';
import { isRetryableCode } from '../errors/codes';
import type { Settlement } from './ledger';

/**
 * How an attempt gives its send slot back. `release`: the answer came, the slot counts from now.
 * `pause`: the service said 429, so every slot is held for one more window. `hold`: no answer
 * came (a timeout), and the service may still read the request after the client gave up, so the
 * slot stays taken until its lease ends, as for a sender that never came back.
 */
export type SlotEnd = 'release' | 'pause' | 'hold';

/** What one failed attempt means for the outbox. */
export interface FailedAttempt {
  /** Whether the service may hold the message (for the ledger). */
  settlement: Settlement;
  /** Retry later (transient) or give up now (the service refused). */
  retry: boolean;
  /** What becomes of the attempt's send slot: see {@link SlotEnd}. */
  slot: SlotEnd;
}

/**
 * Sorts a send's error. A refusal the service answered (4xx, local validation) means it kept
 * nothing; a 5xx, a dropped connection, a timeout or an unreadable 201 may have come after it
 * stored the message, so the outcome is unknown. Anything that is not a WazzupError is a bug, and
 * is thrown on as a crash so the queue delivers the message again.
 */
export function classify(error: unknown): FailedAttempt {
  if (error instanceof WazzupValidationError) {
    return { settlement: { outcome: 'not-sent' }, retry: false, slot: 'release' };
  }
  if (error instanceof WazzupQueueTimeoutError) {
    // No slot came in time: nothing left, so nothing can be at the service. Try again later.
    return { settlement: { outcome: 'not-sent' }, retry: true, slot: 'release' };
  }
  if (error instanceof WazzupTimeoutError) {
    // Unanswered, the request may still be waiting to be read: it keeps its slot (see SlotEnd).
    return { settlement: { outcome: 'unknown' }, retry: true, slot: 'hold' };
  }
  if (error instanceof WazzupConnectionError) {
    return { settlement: { outcome: 'unknown' }, retry: true, slot: 'release' };
  }
  if (error instanceof WazzupApiError) {
    if (error.status >= 500 || error.status < 400) {
      return { settlement: { outcome: 'unknown' }, retry: true, slot: 'release' };
    }
    const rateLimited = error.status === 429;
    return {
      settlement: { outcome: 'not-sent' },
      retry: rateLimited || isRetryableCode(error.code),
      slot: rateLimited ? 'pause' : 'release',
    };
  }
  throw error;
}
