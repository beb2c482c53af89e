import { DEFAULT_TIMEOUT_MS } from '../core/options';
import { UNANSWERED_HOLD_MS } from '../internal/request';

/**
 * How an outbox's timing follows from its client's timeout. A re-send must reach the service
 * before the duplicate window closes, and the service may read a request as late as core's
 * unanswered hold after the client gave up on it (the rate limit assumes the same): so the last
 * re-send leaves its whole timeout and that hold before the window's end. A slot whose send got no
 * answer is held as core's client holds one, for the same time.
 */
export function outboxTiming(timeoutMs: number = DEFAULT_TIMEOUT_MS): {
  marginMs: number;
  leaseTtlMs: number;
} {
  const lateAsServiceReads = timeoutMs + UNANSWERED_HOLD_MS;
  return { marginMs: lateAsServiceReads, leaseTtlMs: lateAsServiceReads };
}
