import { WazzupApiError, WazzupError, WazzupValidationError } from '../errors/classes';

/** Why a message was given up. */
export type DeadLetterReason =
  /** The service (or local validation) refused it: sending again cannot help. */
  | 'rejected'
  /** An earlier attempt may have reached the service, and its duplicate window has closed. */
  | 'outcome-unknown'
  /** It failed transiently on every one of `maxAttempts`. */
  | 'retries-exhausted'
  /** The queue body was not an outbox envelope. */
  | 'malformed'
  /** The queue engine gave up on it (its own retries, or a job stalled too often) first. */
  | 'queue-gave-up';

/** What the consumer puts on the dead-letter queue. */
export interface DeadLetter {
  wazzupDeadLetter: 1;
  reason: DeadLetterReason;
  /** `true` when the service may hold the message after all (never for `rejected`). */
  mayHaveBeenSent: boolean;
  crmMessageId: string | undefined;
  /** The message as enqueued (or the raw body, for `malformed`). */
  message: unknown;
  /** The last typed error, as plain data. */
  error: DeadLetterError | undefined;
  attempts: number;
  enqueuedAt: number | undefined;
  deadAt: number;
}

/** A typed error reduced to what is worth keeping on a queue. */
export interface DeadLetterError {
  name: string;
  message: string;
  code?: string;
  status?: number;
  field?: string;
  requestId?: string;
}

/**
 * An error as the outbox keeps it in a dead letter: its name, message, code, status, field and
 * request id, all as core made them (core redacts every field the service wrote), and nothing
 * else. `undefined` for anything that is not a `WazzupError`. Handy for your own logs too.
 */
export function describeError(error: unknown): DeadLetterError | undefined {
  if (!(error instanceof WazzupError)) return undefined;
  const described: DeadLetterError = { name: error.name, message: error.message };
  if (error instanceof WazzupApiError) {
    described.code = error.code;
    described.status = error.status;
    if (error.requestId !== undefined) described.requestId = error.requestId;
  }
  if (error instanceof WazzupValidationError) {
    described.code = error.code;
    described.field = error.field;
  }
  return described;
}
