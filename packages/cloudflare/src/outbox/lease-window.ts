import type { RateLimit } from '@wazzup-sdk/core';

/** @deprecated core's {@link RateLimit}, which the outbox shares with the client. */
export type OutboxRateLimit = RateLimit;

/** The answer to a request for a slot: go ahead with this lease, or ask again after `waitMs`. */
export type Grant = { lease: string } | { waitMs: number };

/** The shared send slots of one API key: see {@link createLeaseWindow}. */
export interface LeaseWindow {
  /** A slot now, or how long until one may be free. */
  acquire(rate: RateLimit, leaseTtlMs: number): Grant;
  /**
   * A slot, waiting for it in line, so a crowd of senders costs one call each rather than a poll
   * each. `urgent` goes to the front of the line. After `maxWaitMs` without one it answers
   * `{ waitMs: 0 }`: ask again.
   */
  take(rate: RateLimit, leaseTtlMs: number, maxWaitMs: number, urgent?: boolean): Promise<Grant>;
  /** Ends a lease; `pause` (after a 429) holds every slot for one more window. */
  release(lease: string, rate: RateLimit, pause?: boolean): void;
  /** Gives back a lease that sent nothing: its slot is free at once. */
  cancel(lease: string): void;
  /** Slots taken right now, for tests and metrics. */
  taken(): number;
}

/**
 * A sliding window of send slots that counts each request from when its answer arrived, not from
 * when it started: a slot is taken while the request is in flight and for `windowMs` after it
 * ends. However the network delays requests, no window at the server can then hold more than
 * `limit` arrivals. A lease whose holder never comes back (a crashed consumer) ends by itself
 * after `leaseTtlMs`.
 */
export function createLeaseWindow(now: () => number = Date.now): LeaseWindow {
  const inFlight = new Map<string, number>();
  let ended: number[] = [];
  let pausedUntil = 0;
  let counter = 0;
  const waiters: { rate: RateLimit; leaseTtlMs: number; grant: (lease: string) => void }[] = [];
  let waking = false;

  function forget(rate: RateLimit, leaseTtlMs: number, at: number) {
    for (const [lease, startedAt] of inFlight) {
      if (at - startedAt >= leaseTtlMs) {
        inFlight.delete(lease);
        ended.push(startedAt + leaseTtlMs);
      }
    }
    ended = ended.filter((endedAt) => endedAt + rate.windowMs > at).sort((a, b) => a - b);
  }

  function acquire(rate: RateLimit, leaseTtlMs: number): Grant {
    const at = now();
    if (at < pausedUntil) return { waitMs: pausedUntil - at };
    forget(rate, leaseTtlMs, at);
    if (inFlight.size + ended.length < rate.limit) {
      const lease = `${at.toString(36)}-${(counter++).toString(36)}`;
      inFlight.set(lease, at);
      return { lease };
    }
    // The oldest ended slot frees first; if every slot is in flight, look again shortly.
    const oldest = ended[0];
    return { waitMs: Math.max(1, oldest === undefined ? 25 : oldest + rate.windowMs - at) };
  }

  /** Hands free slots to waiters in arrival order, and sets one timer for the next slot. */
  function serve(): void {
    while (waiters.length > 0) {
      const [first] = waiters;
      if (!first) return;
      const grant = acquire(first.rate, first.leaseTtlMs);
      if (!('lease' in grant)) {
        if (!waking) {
          waking = true;
          setTimeout(() => {
            waking = false;
            serve();
          }, grant.waitMs);
        }
        return;
      }
      waiters.shift();
      first.grant(grant.lease);
    }
  }

  return {
    acquire,
    take(rate, leaseTtlMs, maxWaitMs, urgent = false) {
      if (waiters.length === 0) {
        const grant = acquire(rate, leaseTtlMs);
        if ('lease' in grant) return Promise.resolve(grant);
      }
      return new Promise((resolve) => {
        const giveUp = setTimeout(() => {
          const index = waiters.indexOf(waiter);
          if (index >= 0) waiters.splice(index, 1);
          resolve({ waitMs: 0 });
        }, maxWaitMs);
        const waiter = {
          rate,
          leaseTtlMs,
          grant: (lease: string) => {
            clearTimeout(giveUp);
            resolve({ lease });
          },
        };
        if (urgent) waiters.unshift(waiter);
        else waiters.push(waiter);
        serve();
      });
    },
    release(lease: string, rate: RateLimit, pause = false): void {
      const at = now();
      if (inFlight.delete(lease)) ended.push(at);
      if (pause) pausedUntil = Math.max(pausedUntil, at + rate.windowMs);
      serve();
    },
    cancel(lease: string): void {
      inFlight.delete(lease);
      serve();
    },
    taken(): number {
      return inFlight.size + ended.length;
    },
  };
}
