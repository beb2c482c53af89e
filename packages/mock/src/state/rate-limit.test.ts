import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit';

describe('rate limiter', () => {
  it('admits up to the limit in any sliding window, per key', () => {
    const limiter = createRateLimiter({ limit: 2, windowMs: 1000 });
    expect([limiter.admit('a', 0), limiter.admit('a', 400), limiter.admit('a', 999)]).toEqual([
      true,
      true,
      false,
    ]);
    expect(limiter.admit('b', 999)).toBe(true);
    // The first request leaves the window at 1000, the second at 1400.
    expect([limiter.admit('a', 1000), limiter.admit('a', 1001), limiter.admit('a', 1400)]).toEqual([
      true,
      false,
      true,
    ]);
  });

  it('forgets everything on clear', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 1000 });
    limiter.admit('a', 0);
    limiter.clear();
    expect(limiter.admit('a', 1)).toBe(true);
  });
});
