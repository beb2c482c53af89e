import { abortableWait } from './abortable-wait';

/** Requests allowed per key in any sliding window. */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** The service's limit: about 500 requests per 5 s per key. */
export const DEFAULT_RATE_LIMIT: RateLimit = { limit: 500, windowMs: 5000 };

/** Ends a request's hold on its slot; see {@link RateLimiter.acquire}. */
export type Release = (heldMs?: number) => void;

/** Queues requests so one key never exceeds its limit; shared by every client of that key. */
export interface RateLimiter {
  /**
   * Resolves when a request may start (first come, first served) with a function to call once it
   * has ended: the slot then counts from that moment, or `heldMs` later for a request that may
   * still reach the service (it timed out). Rejects if `signal` aborts while waiting.
   */
  acquire(signal?: AbortSignal): Promise<Release>;
  /** A 429 came anyway (another process on the same key): hold every request for `ms`. */
  pause(ms: number): void;
}

/**
 * A sliding-window limiter that counts each request from the moment its answer came, not from
 * when it left: the server counts it on arrival, somewhere in between, so counting from the
 * answer can never run ahead of the server's clock, however slow or jittery the network.
 */
export function createRateLimiter({ limit, windowMs }: RateLimit): RateLimiter {
  // Answer time of each request in the window; Infinity while it is still in flight.
  const slots: { at: number }[] = [];
  let pausedUntil = 0;
  let queue: Promise<unknown> = Promise.resolve();
  // Made by the first waiter, and resolved and dropped when a request ends: waiters then look
  // again. Made only when someone waits, since a promise that one request made and another
  // resolves draws a warning in workerd once the first request has ended.
  let answered: { promise: Promise<void>; wake: () => void } | undefined;
  function nextAnswer(): Promise<void> {
    if (!answered) {
      let wake = () => {};
      const promise = new Promise<void>((resolve) => {
        wake = resolve;
      });
      answered = { promise, wake };
    }
    return answered.promise;
  }

  async function waitForSlot(signal: AbortSignal | undefined): Promise<Release> {
    for (;;) {
      const now = Date.now();
      for (let i = slots.length - 1; i >= 0; i--)
        if (now - (slots[i] as { at: number }).at >= windowMs) slots.splice(i, 1);
      const full =
        slots.length >= limit ? Math.min(...slots.map((slot) => slot.at)) + windowMs - now : 0;
      const delay = Math.max(full, pausedUntil - now);
      if (delay <= 0) {
        const slot = { at: Number.POSITIVE_INFINITY };
        slots.push(slot);
        return (heldMs = 0) => {
          slot.at = Date.now() + heldMs;
          answered?.wake();
          answered = undefined;
        };
      }
      await abortableWait(delay, signal, nextAnswer());
    }
  }

  return {
    acquire(signal) {
      const turn = queue.then(() => waitForSlot(signal));
      queue = turn.catch(() => {});
      return turn;
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, Date.now() + ms);
    },
  };
}

// One limiter per key (and limits), so every client of a key in this runtime shares its budget.
let limiters: Map<string, RateLimiter> | undefined;

/** The limiter shared by every client that sends with this key and these limits. */
export function sharedRateLimiter(key: string, rateLimit: RateLimit): RateLimiter {
  limiters ??= new Map();
  const id = `${rateLimit.limit}/${rateLimit.windowMs}:${key}`;
  let limiter = limiters.get(id);
  if (!limiter) {
    limiter = createRateLimiter(rateLimit);
    limiters.set(id, limiter);
  }
  return limiter;
}
