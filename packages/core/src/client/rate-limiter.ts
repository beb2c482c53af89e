import { WazzupAbortError, WazzupQueueTimeoutError } from '../errors/classes';
import { MAX_TIMER_MS } from './check-options';
import type { RateLimit } from './contract';

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
  /** When its wait limit runs out, ms since the epoch; `Infinity` for none. */
  deadline: number;
  /** Its wait limit, for the error. */
  waitMs: number;
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

  // Wait limits, grouped by when they run out (rounded up to the grain): one timer per group,
  // cleared once its last waiter has left, so nothing keeps a process alive for a wait that ended.
  const deadlines = new Map<
    number,
    { waiters: Set<Waiter>; timer: ReturnType<typeof setTimeout> }
  >();
  const groupOf = (deadline: number) => Math.ceil(deadline / DEADLINE_GRAIN_MS) * DEADLINE_GRAIN_MS;
  function expire(at: number): void {
    const group = deadlines.get(at);
    deadlines.delete(at);
    for (const waiter of group?.waiters ?? []) {
      fail(waiter, new WazzupQueueTimeoutError(waiter.waitMs));
    }
  }
  function limitWait(waiter: Waiter): void {
    const at = groupOf(waiter.deadline);
    let group = deadlines.get(at);
    if (!group) {
      const timer = setTimeout(() => expire(at), Math.min(at - Date.now(), MAX_TIMER_MS));
      group = { waiters: new Set(), timer };
      deadlines.set(at, group);
    }
    group.waiters.add(waiter);
  }

  /** Takes a waiter out of the queue's count, its signal's group and its wait limit's group. */
  function leave(waiter: Waiter): void {
    waiter.done = true;
    live--;
    if (waiter.signal) unfollow(waiter.signal, waiter);
    if (waiter.deadline !== Number.POSITIVE_INFINITY) {
      const at = groupOf(waiter.deadline);
      const group = deadlines.get(at);
      if (group?.waiters.delete(waiter) && !group.waiters.size) {
        clearTimeout(group.timer);
        deadlines.delete(at);
      }
    }
    if (!live) stopTimer();
  }

  function fail(waiter: Waiter, error: Error): void {
    if (waiter.done) return;
    leave(waiter);
    waiter.reject(error);
  }

  // One abort listener per signal, however many of its callers wait: Node's EventTarget walks its
  // listeners on every add and remove, and warns past ten of them.
  const bySignal = new Map<AbortSignal, { waiters: Set<Waiter>; onAbort: () => void }>();
  function follow(signal: AbortSignal, waiter: Waiter): void {
    let group = bySignal.get(signal);
    if (!group) {
      const waiting = new Set<Waiter>();
      const onAbort = () => {
        bySignal.delete(signal);
        for (const each of waiting) fail(each, new WazzupAbortError());
      };
      group = { waiters: waiting, onAbort };
      bySignal.set(signal, group);
      signal.addEventListener('abort', onAbort, { once: true });
    }
    group.waiters.add(waiter);
  }
  function unfollow(signal: AbortSignal, waiter: Waiter): void {
    const group = bySignal.get(signal);
    if (!group?.waiters.delete(waiter) || group.waiters.size) return;
    bySignal.delete(signal);
    signal.removeEventListener('abort', group.onAbort);
  }

  return {
    acquire(signal, maxWaitMs) {
      if (signal?.aborted) return Promise.reject(new WazzupAbortError());
      if (!live && !delay(Date.now())) return Promise.resolve(take());
      return new Promise<Release>((resolve, reject) => {
        const deadline =
          maxWaitMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + maxWaitMs;
        const waitMs = maxWaitMs ?? Number.POSITIVE_INFINITY;
        const waiter: Waiter = { done: false, resolve, reject, signal, deadline, waitMs };
        waiters.push(waiter);
        live++;
        if (signal) follow(signal, waiter);
        if (maxWaitMs !== undefined) limitWait(waiter);
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
