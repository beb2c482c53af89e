import { MAX_TIMER_MS } from '../core/check-options';
import type { RateLimit } from '../core/options';
import { WazzupAbortError, WazzupQueueTimeoutError } from '../errors/classes';

/** Ends a request's hold on its slot; see {@link RateLimiter.acquire}. */
export type Release = (heldMs?: number) => void;

/** Queues requests so one key never exceeds its limit; shared by every client of that key. */
export interface RateLimiter {
  /**
   * Resolves when a request may start (first come, first served) with a function to call once it
   * has ended: the slot then counts from that moment, or `heldMs` later for a request that may
   * still reach the service (it timed out). Rejects with {@link WazzupAbortError} as soon as
   * `signal` aborts, and with {@link WazzupQueueTimeoutError} after `maxWaitMs`, wherever the
   * caller is in the queue; the others keep their places.
   */
  acquire(signal?: AbortSignal, maxWaitMs?: number): Promise<Release>;
  /**
   * A 429 came anyway (another process on the same key): hold every request for `ms`, at most two
   * windows, since the service's window empties within one. A longer `Retry-After` comes from
   * something in front of it (a CDN, a firewall) and would freeze every client of the key.
   */
  pause(ms: number): void;
}

/**
 * A caller in the queue; `done` once it got its slot, aborted or gave up. Plain data, with no
 * closures or timer of its own: a queue may hold tens of thousands.
 */
interface Waiter {
  done: boolean;
  resolve(release: Release): void;
  reject(error: Error): void;
  signal: AbortSignal | undefined;
  /** When its wait limit runs out (rounded up to the grain), ms since the epoch; 0 for none. */
  expiresAt: number;
  /** Its wait limit, for the error. */
  waitMs: number;
}

/**
 * Waiters grouped by a key (a signal, a deadline) with one resource per group, such as a listener
 * or a timer: `open` makes it for the group's first waiter, and what it returns ends it once the
 * last has left.
 */
function grouped<Key>(open: (key: Key, members: Set<Waiter>) => () => void) {
  const groups = new Map<Key, { members: Set<Waiter>; close: () => void }>();
  return {
    join(key: Key, waiter: Waiter): void {
      let group = groups.get(key);
      if (!group) {
        const members = new Set<Waiter>();
        group = { members, close: open(key, members) };
        groups.set(key, group);
      }
      group.members.add(waiter);
    },
    part(key: Key, waiter: Waiter): void {
      const group = groups.get(key);
      if (!group?.members.delete(waiter) || group.members.size) return;
      groups.delete(key);
      group.close();
    },
  };
}

/**
 * How finely wait limits are grouped: the waiters whose limits run out within the same 50 ms share
 * one timer (a burst of sends queued at once shares one), so each fails at most this late.
 */
const DEADLINE_GRAIN_MS = 50;

/**
 * A sliding-window limiter that counts each request from the moment its answer came, not from
 * when it left: the server counts it on arrival, somewhere in between, so counting from the
 * answer can never run ahead of the server's clock, however slow or jittery the network.
 *
 * Per request it costs O(1): the ends of answered slots are kept in order (an answer's end is
 * almost always the latest), so the earliest to free is the first, and expired ones leave from
 * the front (V8's `shift` trims an array's front in place). One timer serves the queue's head,
 * and one each group of wait limits that run out within {@link DEADLINE_GRAIN_MS} of each other.
 */
export function createRateLimiter({ limit, windowMs }: RateLimit): RateLimiter {
  // When each answered request stops counting, ascending.
  const ends: number[] = [];
  // The queue, first come first served from `head`; served and abandoned ones are skipped, and
  // dropped from the front in one go now and then (a long queue's `shift` would copy it).
  let waiters: Waiter[] = [];
  let head = 0;
  let live = 0;
  let inFlight = 0;
  let pausedUntil = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

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
      if (live) pump();
    };
  }

  /** Grants slots to the queue's head while there are any, then waits for the next. */
  function pump(): void {
    const now = Date.now();
    stopTimer();
    if (head > 1024) {
      waiters = waiters.slice(head);
      head = 0;
    }
    while (live) {
      const waiter = waiters[head] as Waiter;
      if (waiter.done) {
        head++;
        continue;
      }
      const wait = delay(now);
      // With every slot in flight, the next answer pumps; otherwise a timer does.
      if (wait > 0) {
        if (wait < Number.POSITIVE_INFINITY) timer = setTimeout(pump, Math.min(wait, MAX_TIMER_MS));
        return;
      }
      head++;
      leave(waiter);
      waiter.resolve(take());
    }
    waiters = [];
    head = 0;
  }

  /** Takes a waiter out of the queue's count, its signal's group and its wait limit's group. */
  function leave(waiter: Waiter): void {
    waiter.done = true;
    live--;
    if (waiter.signal) bySignal.part(waiter.signal, waiter);
    if (waiter.expiresAt) byDeadline.part(waiter.expiresAt, waiter);
    if (!live) stopTimer();
  }

  function fail(waiter: Waiter, error: Error): void {
    if (waiter.done) return;
    leave(waiter);
    waiter.reject(error);
  }

  // One abort listener per signal, however many of its callers wait: Node's EventTarget walks its
  // listeners on every add and remove, and warns past ten of them.
  const bySignal = grouped<AbortSignal>((signal, members) => {
    const onAbort = () => {
      for (const waiter of [...members]) fail(waiter, new WazzupAbortError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    return () => signal.removeEventListener('abort', onAbort);
  });
  // One timer per group of wait limits that run out within the same grain (a burst queued at
  // once shares one), cleared once its last waiter has left: nothing keeps a process alive for a
  // wait that ended.
  const byDeadline = grouped<number>((at, members) => {
    const timer = setTimeout(
      () => {
        for (const waiter of [...members]) fail(waiter, new WazzupQueueTimeoutError(waiter.waitMs));
      },
      Math.min(at - Date.now(), MAX_TIMER_MS),
    );
    return () => clearTimeout(timer);
  });

  return {
    acquire(signal, maxWaitMs) {
      if (signal?.aborted) return Promise.reject(new WazzupAbortError());
      if (!live && !delay(Date.now())) return Promise.resolve(take());
      return new Promise<Release>((resolve, reject) => {
        // Rounded up to the grain, so wait limits that run out close together share one timer.
        const expiresAt =
          maxWaitMs === undefined
            ? 0
            : Math.ceil((Date.now() + maxWaitMs) / DEADLINE_GRAIN_MS) * DEADLINE_GRAIN_MS;
        const waiter: Waiter = {
          done: false,
          resolve,
          reject,
          signal,
          expiresAt,
          waitMs: maxWaitMs ?? 0,
        };
        waiters.push(waiter);
        live++;
        if (signal) bySignal.join(signal, waiter);
        if (expiresAt) byDeadline.join(expiresAt, waiter);
        if (!timer) pump();
      });
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, Date.now() + Math.min(Math.max(0, ms), 2 * windowMs));
      // The head's timer was set before the pause: set it again for the pause's end.
      if (live) pump();
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
