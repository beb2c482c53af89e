/** First backoff step; each retry doubles it. */
export const BASE_DELAY_MS = 500;
/** Longest backoff step. */
export const MAX_DELAY_MS = 8_000;
/**
 * Whether an HTTP status is transient, so the loop tries again now (after its backoff): rate
 * limited, or the server failed. Not the catalogue's `retryable`, which says whether the same
 * request may succeed *later* (the outbox's question, over minutes).
 */
export function isTransientStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Exponential backoff with full jitter: a random wait in [0, min(cap, base · 2^retry)). */
export function backoffDelay(retry: number, random: () => number = Math.random): number {
  return random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** retry);
}

/** The wait a `Retry-After` header asks for (seconds or an HTTP date), or `undefined`. */
export function parseRetryAfter(
  value: string | null,
  now: number = Date.now(),
): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
