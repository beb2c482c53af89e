import { MAX_TIMER_MS } from '../core/check-options';
import type { RateLimit } from '../core/options';
import { type RateLimitStore, storeLimiters, type Taken } from '../core/rate-limit-store';
import {
  WazzupAbortError,
  WazzupConnectionError,
  WazzupQueueTimeoutError,
} from '../errors/classes';
import { abortableWait } from './abortable-wait';
import { hexDigest } from './hex-digest';
import { sharesAcrossRequests } from './request-scoped';
import { createWaitQueue, type RateLimiter, type Release, type Waiter } from './wait-queue';

/** Most slots asked for in one round trip to the store. */
const BATCH = 100;

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
 * budget. On Workers each call asks the store for itself ({@link perCallStoreLimiter}); elsewhere
 * this process keeps its own callers in two lanes and asks the store for slots for the
 * callers it would serve next; when the store says wait, it waits that long, or
 * until a slot of its own frees or an interactive caller arrives behind a bulk one. The store
 * knows the key by a hash of `limiterKey` (base URL and API key), never the key itself.
 */
export function createStoreRateLimiter(
  store: RateLimitStore,
  limiterKey: string,
  rateLimit: RateLimit,
): RateLimiter {
  return sharesAcrossRequests()
    ? queuedStoreLimiter(store, limiterKey, rateLimit)
    : perCallStoreLimiter(store, limiterKey, rateLimit);
}

/** Ends a slot at the store; a release that fails leaves it counted until its lease ends. */
function releaseAt(
  store: RateLimitStore,
  key: string,
  slot: string,
  windowMs: number,
  released?: () => void,
): Release {
  let done = false;
  return (heldMs = 0) => {
    if (done) return;
    done = true;
    store.release({ key, slot, windowMs, heldMs }).then(released, () => undefined);
  };
}

/** What every limiter on a store does with a 429: pause the key for every process. */
function pauseAt(store: RateLimitStore, named: Promise<string>, windowMs: number) {
  return (ms: number) => {
    const pauseMs = Math.min(Math.max(0, ms), 2 * windowMs);
    named.then((key) => store.pause({ key, ms: pauseMs })).catch(() => undefined);
  };
}

/**
 * Each call takes its own slot, waiting in its own request between asks: a Worker's request may
 * not do I/O for another, nor wait on another's timer (see {@link sharesAcrossRequests}), so a
 * client kept across requests cannot serve them from one queue. Lanes and order are the store's.
 */
function perCallStoreLimiter(
  store: RateLimitStore,
  limiterKey: string,
  { limit, windowMs }: RateLimit,
): RateLimiter {
  const named = storeKeyOf(limiterKey);
  return {
    async acquire(signal, maxWaitMs, lane = 'interactive', leaseMs = 0) {
      const giveUpAt = maxWaitMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + maxWaitMs;
      for (;;) {
        if (signal?.aborted) throw new WazzupAbortError();
        const slot = slotId();
        let key: string;
        let taken: Taken;
        try {
          key = await named;
          taken = await store.take({
            key,
            slots: [slot],
            limit,
            windowMs,
            leaseMs: leaseMs + windowMs,
            lane,
          });
        } catch (error) {
          throw storeFailed(error);
        }
        if (taken.taken) {
          const release = releaseAt(store, key, slot, windowMs);
          if (!signal?.aborted) return release;
          release(-windowMs);
          throw new WazzupAbortError();
        }
        const left = giveUpAt - Date.now();
        if (left <= 0) throw new WazzupQueueTimeoutError(maxWaitMs ?? 0);
        await abortableWait(Math.min(Math.max(1, taken.waitMs), left), signal);
      }
    },
    pause: pauseAt(store, named, windowMs),
  };
}

/**
 * This process's callers in two lanes, asking the store for slots for the callers it would serve
 * next (up to a batch per round trip).
 */
function queuedStoreLimiter(
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

  /**
   * Serves the queue's head while the store gives slots, asking for up to a batch at a time (one
   * round trip for a window's worth); one pump per limiter at a time.
   */
  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      for (let batch = queue.next(BATCH); batch.length; batch = queue.next(BATCH)) {
        const slots = batch.map(() => slotId());
        let key: string;
        let taken: Taken;
        try {
          key = await named;
          taken = await store.take({
            key,
            slots,
            limit,
            windowMs,
            leaseMs: Math.max(...batch.map((waiter) => waiter.leaseMs)) + windowMs,
            lane: (batch[0] as Waiter).lane,
          });
        } catch (error) {
          queue.fail(batch[0] as Waiter, storeFailed(error));
          continue;
        }
        for (const [at, waiter] of batch.slice(0, taken.taken).entries()) {
          const release = releaseAt(store, key, slots[at] as string, windowMs, () => wake?.());
          // One that aborted or gave up while the store answered never uses its slot.
          if (waiter.done) release(-windowMs);
          else queue.grant(waiter, release);
        }
        if (taken.taken < batch.length) await sleep(taken.waitMs);
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
    pause: pauseAt(store, named, windowMs),
  };
}

// Each key's name, hashed once per runtime and shared by its limiters.
let names: Map<string, Promise<string>> | undefined;

/** The store's name for a key: SHA-256 of what the in-memory limiters are known by, in hex. */
export function storeKeyOf(limiterKey: string): Promise<string> {
  names ??= new Map();
  let name = names.get(limiterKey);
  if (!name) {
    name = hexDigest('SHA-256', limiterKey);
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
