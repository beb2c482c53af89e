import { defineRateLimitStore, type RateLimitStore, type Taken } from '@wazzup-sdk/core';
import { changeAtomically, checkKv, checkPrefix, type KvLike, type KvStoreOptions } from './kv';

/** A key's count in KV: each slot with when it stops counting, the pause, the interactive hold. */
interface Count {
  slots: [slot: string, until: number][];
  pausedUntil: number;
  interactiveUntil: number;
}

const EMPTY: Count = { slots: [], pausedUntil: 0, interactiveUntil: 0 };

/** How long the entry must live: until its last slot, pause or hold ends. */
const lifetime = (count: Count, now: number) =>
  Math.max(count.pausedUntil, count.interactiveUntil, ...count.slots.map(([, until]) => until)) -
  now;

/** Options of {@link kvRateLimit}. */
export type KvRateLimitOptions = KvStoreOptions;

/**
 * A rate-limit store in Deno KV: `rateLimit: { limit, windowMs, store: kvRateLimit(kv) }` in every
 * process or isolate on one KV (a local file, Deno Deploy's KV, or self-hosted denokv), and all of
 * them count against one budget per key. One entry per key holds its slots, each counted from when
 * it is taken until a window after its answer, or until its lease ends if its process died; every
 * change is a checked atomic write. Times are each process's own clock: processes on one machine
 * share it; across machines, keep clocks in step (NTP) or the limit drifts by their difference.
 * An entry holds up to about 1 500 slots (KV's 64 KiB value limit).
 */
export function kvRateLimit(kv: KvLike, options: KvRateLimitOptions = {}): RateLimitStore {
  checkKv(kv);
  const prefix = checkPrefix(options.prefix);
  const entry = (key: string) => [prefix, 'rate-limit', key];
  return defineRateLimitStore({
    take({ key, slots, limit, windowMs, leaseMs, lane }) {
      return changeAtomically<Count, Taken>(kv, entry(key), (stored) => {
        const now = Date.now();
        const count = { ...(stored ?? EMPTY) };
        count.slots = count.slots.filter(([, until]) => until > now);
        let wait = Math.max(0, count.pausedUntil - now);
        if (lane === 'bulk') wait = Math.max(wait, count.interactiveUntil - now);
        let taken = 0;
        while (!wait && taken < slots.length && count.slots.length < limit) {
          count.slots.push([slots[taken++] as string, now + leaseMs]);
        }
        const write = { value: count, expireIn: lifetime(count, now) };
        if (taken === slots.length) return { result: { taken, waitMs: 0 }, write };
        if (count.slots.length >= limit) {
          // A slot in flight frees a window after its answer at the soonest.
          const frees = Math.min(now + windowMs, ...count.slots.map(([, until]) => until));
          wait = Math.max(wait, frees - now);
        }
        const result = { taken, waitMs: Math.max(1, wait) };
        if (lane === 'interactive' && count.interactiveUntil < now + result.waitMs + 50) {
          // Bulk callers of every process stand back until this one asks again.
          count.interactiveUntil = now + result.waitMs + 50;
          return { result, write: { value: count, expireIn: lifetime(count, now) } };
        }
        return taken ? { result, write } : { result };
      });
    },
    async release({ key, slot, windowMs, heldMs }) {
      // Counted from when the request ended, however long a busy KV takes to write it down.
      const until = Date.now() + windowMs + heldMs;
      await changeAtomically<Count, void>(kv, entry(key), (stored) => {
        const now = Date.now();
        const count = { ...(stored ?? EMPTY) };
        count.slots = count.slots.filter(([id, ends]) => id !== slot && ends > now);
        if (until > now) count.slots.push([slot, until]);
        return { result: undefined, write: { value: count, expireIn: lifetime(count, now) } };
      });
    },
    async pause({ key, ms }) {
      await changeAtomically<Count, void>(kv, entry(key), (stored) => {
        const now = Date.now();
        const count = { ...(stored ?? EMPTY) };
        if (count.pausedUntil >= now + ms) return { result: undefined };
        count.pausedUntil = now + ms;
        return { result: undefined, write: { value: count, expireIn: lifetime(count, now) } };
      });
    },
  });
}
