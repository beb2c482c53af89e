/** Requests allowed per key in any sliding window. */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** The service's limit: about 500 requests per 5 s per key. */
export const SERVICE_RATE_LIMIT: RateLimit = { limit: 500, windowMs: 5000 };

/** A sliding-window counter per API key; refused requests are not counted. */
export interface RateLimiter {
  /** Counts the request and returns `true`, or returns `false` when the key is over its limit. */
  admit(apiKey: string, now: number): boolean;
  clear(): void;
}

export function createRateLimiter({ limit, windowMs }: RateLimit): RateLimiter {
  const admitted = new Map<string, number[]>();
  return {
    admit(apiKey, now) {
      const times = admitted.get(apiKey) ?? [];
      admitted.set(apiKey, times);
      let expired = 0;
      while (expired < times.length && now - (times[expired] as number) >= windowMs) expired++;
      if (expired) times.splice(0, expired);
      if (times.length >= limit) return false;
      times.push(now);
      return true;
    },
    clear() {
      admitted.clear();
    },
  };
}
