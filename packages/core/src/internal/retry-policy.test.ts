import { describe, expect, it } from 'vitest';
import {
  BASE_DELAY_MS,
  backoffDelay,
  isTransientStatus,
  MAX_DELAY_MS,
  parseRetryAfter,
} from './retry-policy';

describe('retry policy', () => {
  it('retries 429 and 5xx, never other statuses', () => {
    expect([429, 500, 502, 503, 504].map(isTransientStatus)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect([400, 401, 403, 404, 409, 422].map(isTransientStatus)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('doubles the backoff ceiling from 0.5 s and caps it at 8 s, with full jitter', () => {
    const ceiling = (retry: number) => backoffDelay(retry, () => 0.999999);
    expect([0, 1, 2, 3, 4, 5, 10].map((retry) => Math.round(ceiling(retry)))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
    expect(backoffDelay(3, () => 0)).toBe(0);
    expect(BASE_DELAY_MS).toBe(500);
    expect(MAX_DELAY_MS).toBe(8000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter('Wed, 25 Nov 2026 12:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
