import { MAX_TIMER_MS } from '../core/check-options';
import type { RateLimit } from '../core/options';
import { type RateLimitStore, storeLimiters } from '../core/rate-limit-store';
import { WazzupAbortError, WazzupConnectionError } from '../errors/classes';
import { createWaitQueue, type RateLimiter, type Release } from './wait-queue';

/** A slot's id: unique across processes without coordination. */
function slotId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let id = '';
  for (const byte of bytes) id += byte.toString(16).padStart(2, '0');
  return id;
}

/** What a store failed with, as the caller's error: the store never holds the API key. */
function storeFailed(error: unknown): WazzupConnectionError {
  const message = error instanceof Error ? error.message : String(error);
  return new WazzupConnectionError(`The rate-limit store failed: ${message}`);
}

/**
 * A limiter on a shared {@link RateLimitStore}, so every process on one key counts against one
 * budget. This process keeps its own callers in two lanes and asks the store for one slot at a
 * time, for the caller it would serve next; when the store says wait, it waits that long, or
 * until a slot of its own frees or an interactive caller arrives behind a bulk one. The store
 * knows the key by a hash of `limiterKey` (base URL and API key), never the key itself.
 */
export function createStoreRateLimiter(
  store: RateLimitStore,
  limiterKey: string,
  { limit, windowMs }: RateLimit,
): RateLimiter {
  const named = storeKeyOf(limiterKey);
  let pumping = false;
  let wake: (() => void) | undefined;
  const queue = createWaitQueue(() => wake?.());

  /** Waits `ms` or until woken; only one sleep at a time (the pump's). */
  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.min(Math.max(1, ms), MAX_TIMER_MS));
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });
  }

  function release(key: string, slot: string): Release {
    let released = false;
    return (heldMs = 0) => {
      if (released) return;
      released = true;
      // A release that fails leaves the slot counted until its lease ends: later, never sooner.
      store.release({ key, slot, windowMs, heldMs }).then(
        () => wake?.(),
        () => undefined,
      );
    };
  }

  /** Serves the queue's head while the store gives slots; one pump per limiter at a time. */
  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      for (let waiter = queue.peek(); waiter; waiter = queue.peek()) {
        const slot = slotId();
        let key: string;
        let wait: number;
        try {
          key = await named;
          wait = await store.take({
            key,
            slot,
            limit,
            windowMs,
            leaseMs: waiter.leaseMs + windowMs,
            lane: waiter.lane,
          });
        } catch (error) {
          queue.fail(waiter, storeFailed(error));
          continue;
        }
        if (wait > 0) {
          await sleep(wait);
        } else if (waiter.done) {
          // It aborted or gave up while the store answered: the slot was never used.
          release(key, slot)(-windowMs);
        } else {
          queue.grant(waiter, release(key, slot));
        }
      }
    } finally {
      pumping = false;
    }
  }

  return {
    acquire(signal, maxWaitMs, lane = 'interactive', leaseMs = 0) {
      if (signal?.aborted) return Promise.reject(new WazzupAbortError());
      return queue.enqueue(signal, maxWaitMs, lane, leaseMs, (waiter) => {
        // A reply behind a waiting campaign asks the store now, which holds bulk back for it.
        if (waiter.lane === 'interactive' && queue.peek() === waiter) wake?.();
        void pump();
      });
    },
    pause(ms) {
      const pauseMs = Math.min(Math.max(0, ms), 2 * windowMs);
      named.then((key) => store.pause({ key, ms: pauseMs })).catch(() => undefined);
    },
  };
}

// Each key's name, hashed once per runtime and shared by its limiters.
let names: Map<string, Promise<string>> | undefined;

/** The store's name for a key: SHA-256 of what the in-memory limiters are known by, in hex. */
export function storeKeyOf(limiterKey: string): Promise<string> {
  names ??= new Map();
  let name = names.get(limiterKey);
  if (!name) {
    name = crypto.subtle.digest('SHA-256', new TextEncoder().encode(limiterKey)).then((digest) => {
      let hex = '';
      for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0');
      return hex;
    });
    names.set(limiterKey, name);
  }
  return name;
}

/**
 * Makes an object a {@link RateLimitStore} a client takes as `rateLimit.store` (every store
 * adapter is made with it; a store of your own too): it links the limiter that runs on a store,
 * which a client without one never bundles.
 */
export function defineRateLimitStore<Store extends RateLimitStore>(store: Store): Store {
  storeLimiters.set(store, createStoreRateLimiter);
  return store;
}
