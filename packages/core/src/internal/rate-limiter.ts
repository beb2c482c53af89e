import { MAX_TIMER_MS } from '../core/check-options';
import type { RateLimit } from '../core/options';
import { type RateLimitStore, storeLimiters } from '../core/rate-limit-store';
import { WazzupAbortError } from '../errors/classes';
import { sharesAcrossRequests } from './request-scoped';
import { createWaitQueue, type RateLimiter, type Release } from './wait-queue';

export type { RateLimiter, Release } from './wait-queue';

/**
 * A sliding-window limiter that counts each request from the moment its answer came, not from
 * when it left: the server counts it on arrival, somewhere in between, so counting from the
 * answer can never run ahead of the server's clock, however slow or jittery the network.
 *
 * Per request it costs O(1): the ends of answered slots are kept in order (an answer's end is
 * almost always the latest), so the earliest to free is the first, and expired ones leave from
 * the front (V8's `shift` trims an array's front in place). One timer serves the queue's head.
 */
export function createRateLimiter({ limit, windowMs }: RateLimit): RateLimiter {
  // When each answered request stops counting, ascending.
  const ends: number[] = [];
  let inFlight = 0;
  let pausedUntil = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const queue = createWaitQueue(stopTimer);

  /** Ms until a slot is free: 0 now, `Infinity` when only an answer can free one. */
  function delay(now: number): number {
    while ((ends[0] as number) <= now) ends.shift();
    const paused = pausedUntil - now;
    if (inFlight + ends.length < limit) return Math.max(0, paused);
    return Math.max((ends[0] ?? Number.POSITIVE_INFINITY) - now, paused);
  }

  function stopTimer(): void {
    clearTimeout(timer);
    timer = undefined;
  }

  function take(): Release {
    inFlight++;
    let released = false;
    return (heldMs = 0) => {
      if (released) return;
      released = true;
      inFlight--;
      const end = Date.now() + heldMs + windowMs;
      let at = ends.length;
      while (at && (ends[at - 1] as number) > end) at--;
      ends.splice(at, 0, end);
      if (queue.live) pump();
    };
  }

  /** Grants slots to the queue's head while there are any, then waits for the next. */
  function pump(): void {
    const now = Date.now();
    stopTimer();
    for (let waiter = queue.peek(); waiter; waiter = queue.peek()) {
      const wait = delay(now);
      // With every slot in flight, the next answer pumps; otherwise a timer does.
      if (wait > 0) {
        if (wait < Number.POSITIVE_INFINITY) timer = setTimeout(pump, Math.min(wait, MAX_TIMER_MS));
        return;
      }
      queue.grant(waiter, take());
    }
  }

  return {
    acquire(signal, maxWaitMs, lane = 'interactive') {
      if (signal?.aborted) return Promise.reject(new WazzupAbortError());
      if (!queue.live && !delay(Date.now())) return Promise.resolve(take());
      return queue.enqueue(signal, maxWaitMs, lane, 0, () => {
        if (!timer) pump();
      });
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, Date.now() + Math.min(Math.max(0, ms), 2 * windowMs));
      // The head's timer was set before the pause: set it again for the pause's end.
      if (queue.live) pump();
    },
  };
}

// One limiter per key (and limits, and store), so every client of a key in this runtime shares its
// budget: a store's limiters live as long as the store.
let limiters: Map<string, RateLimiter> | undefined;
const onStores = new WeakMap<object, Map<string, RateLimiter>>();

/**
 * The limiter shared by every client that sends with this key, these limits and this store; on
 * Workers, one of the client's own (see {@link sharesAcrossRequests}).
 */
export function sharedRateLimiter(key: string, rateLimit: RateLimit): RateLimiter {
  const { store } = rateLimit;
  if (!sharesAcrossRequests()) return limiterFor(key, rateLimit);
  let byId = store ? onStores.get(store) : limiters;
  if (!byId) {
    byId = new Map();
    if (store) onStores.set(store, byId);
    else limiters = byId;
  }
  const id = `${rateLimit.limit}/${rateLimit.windowMs}:${key}`;
  let limiter = byId.get(id);
  if (!limiter) {
    limiter = limiterFor(key, rateLimit);
    byId.set(id, limiter);
  }
  return limiter;
}

/** A new limiter for a key: on its store when it has one, else in memory. */
function limiterFor(key: string, rateLimit: RateLimit): RateLimiter {
  const onStore = rateLimit.store && storeLimiters.get(rateLimit.store);
  return onStore
    ? (onStore(rateLimit.store as RateLimitStore, key, rateLimit) as RateLimiter)
    : createRateLimiter(rateLimit);
}
