import { MAX_TIMER_MS } from '../core/check-options';
import type { Lane } from '../core/rate-limit-store';
import { WazzupAbortError, WazzupQueueTimeoutError } from '../errors/classes';

/** Ends a request's hold on its slot; see {@link RateLimiter.acquire}. */
export type Release = (heldMs?: number) => void;

/** Queues requests so one key never exceeds its limit; shared by every client of that key. */
export interface RateLimiter {
  /**
   * Resolves when a request may start (interactive ones first, then bulk, each first come, first
   * served) with a function to call once it has ended: the slot then counts from that moment, or
   * `heldMs` later for a request that may still reach the service (it timed out). Rejects with
   * {@link WazzupAbortError} as soon as `signal` aborts, and with {@link WazzupQueueTimeoutError}
   * after `maxWaitMs`, wherever the caller is in the queue; the others keep their places.
   * `leaseMs` is how long a shared store counts the slot if this process dies before releasing it.
   */
  acquire(
    signal?: AbortSignal,
    maxWaitMs?: number,
    lane?: Lane,
    leaseMs?: number,
  ): Promise<Release>;
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
export interface Waiter {
  done: boolean;
  resolve(release: Release): void;
  reject(error: Error): void;
  signal: AbortSignal | undefined;
  /** When its wait limit runs out (rounded up to the grain), ms since the epoch; 0 for none. */
  expiresAt: number;
  /** Its wait limit, for the error. */
  waitMs: number;
  lane: Lane;
  leaseMs: number;
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

/** One lane's callers, first come first served from `head`. */
interface Line {
  waiters: Waiter[];
  head: number;
}

/** The queue both limiters (in memory, on a store) keep their callers in. */
export interface WaitQueue {
  /** Callers still waiting. */
  readonly live: number;
  /** The caller to serve next: the first interactive one, else the first bulk one. */
  peek(): Waiter | undefined;
  /** Up to `most` callers to serve next, all of one lane: interactive ones while there are any. */
  next(most: number): Waiter[];
  /** Serves a caller, taking it out of the queue. */
  grant(waiter: Waiter, release: Release): void;
  /** Fails a caller still waiting. */
  fail(waiter: Waiter, error: Error): void;
  /** Queues a caller; `added` is called after, with the new waiter. */
  enqueue(
    signal: AbortSignal | undefined,
    maxWaitMs: number | undefined,
    lane: Lane,
    leaseMs: number,
    added: (waiter: Waiter) => void,
  ): Promise<Release>;
}

/**
 * Two lanes of waiters, interactive served first. Served and abandoned ones are skipped, and dropped
 * from a lane's front in one go now and then (a long queue's `shift` would copy it). One abort
 * listener per signal and one timer per group of wait limits, however many callers share them.
 * `emptied` runs when the last caller has left.
 */
export function createWaitQueue(emptied: () => void): WaitQueue {
  const lines: Record<Lane, Line> = {
    interactive: { waiters: [], head: 0 },
    bulk: { waiters: [], head: 0 },
  };
  let live = 0;

  function first(line: Line): Waiter | undefined {
    if (line.head > 1024) {
      line.waiters = line.waiters.slice(line.head);
      line.head = 0;
    }
    while (line.head < line.waiters.length) {
      const waiter = line.waiters[line.head] as Waiter;
      if (!waiter.done) return waiter;
      line.head++;
    }
    line.waiters = [];
    line.head = 0;
    return undefined;
  }

  /** Takes a waiter out of the queue's count, its signal's group and its wait limit's group. */
  function leave(waiter: Waiter): void {
    waiter.done = true;
    live--;
    if (waiter.signal) bySignal.part(waiter.signal, waiter);
    if (waiter.expiresAt) byDeadline.part(waiter.expiresAt, waiter);
    if (!live) emptied();
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
    get live() {
      return live;
    },
    peek: () => first(lines.interactive) ?? first(lines.bulk),
    next(most) {
      const line = first(lines.interactive) ? lines.interactive : lines.bulk;
      const found: Waiter[] = [];
      for (let at = line.head; at < line.waiters.length && found.length < most; at++) {
        const waiter = line.waiters[at] as Waiter;
        if (!waiter.done) found.push(waiter);
      }
      return found;
    },
    grant(waiter, release) {
      leave(waiter);
      waiter.resolve(release);
    },
    fail,
    enqueue(signal, maxWaitMs, lane, leaseMs, added) {
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
          lane,
          leaseMs,
        };
        lines[lane].waiters.push(waiter);
        live++;
        if (signal) bySignal.join(signal, waiter);
        if (expiresAt) byDeadline.join(expiresAt, waiter);
        added(waiter);
      });
    },
  };
}
