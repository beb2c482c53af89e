import { DEFAULT_TIMEOUT_MS } from '../core/options';
import { UNANSWERED_HOLD_MS } from '../internal/request';

/**
 * How an outbox's timing follows from its client's timeout: a re-send must reach the service
 * before the duplicate window closes (its whole timeout and a second of margin), and a slot whose
 * send got no answer is held as core's client holds one (the timeout and the unanswered hold).
 */
export function outboxTiming(timeoutMs: number = DEFAULT_TIMEOUT_MS): {
  marginMs: number;
  leaseTtlMs: number;
} {
  return { marginMs: timeoutMs + 1_000, leaseTtlMs: timeoutMs + UNANSWERED_HOLD_MS };
}
