import type { RateLimitStore } from '../src/core/rate-limit-store';
import { defineRateLimitStore } from '../src/internal/store-rate-limiter';

/**
 * The {@link RateLimitStore} contract kept in one process's memory, for unit tests of the limiter
 * that runs on a store: several limiters on one of these behave as several processes on one Redis.
 * `calls` counts what was asked of it; `fail` makes every call reject.
 */
/** A test store, with what it was asked and a switch that breaks it. */
export type TestRateLimitStore = RateLimitStore & {
  calls: number;
  fail: boolean;
  keys: Map<string, { slots: Map<string, number>; pausedUntil: number; interactiveUntil: number }>;
};

export function memoryRateLimitStore(): TestRateLimitStore {
  const keys = new Map<
    string,
    { slots: Map<string, number>; pausedUntil: number; interactiveUntil: number }
  >();
  const of = (key: string) => {
    let state = keys.get(key);
    if (!state) {
      state = { slots: new Map(), pausedUntil: 0, interactiveUntil: 0 };
      keys.set(key, state);
    }
    return state;
  };
  const store = {
    calls: 0,
    fail: false,
    keys,
    async take({ key, slots, limit, windowMs, leaseMs, lane }) {
      store.calls++;
      if (store.fail) throw new Error('store down');
      const now = Date.now();
      const state = of(key);
      for (const [id, until] of state.slots) if (until <= now) state.slots.delete(id);
      let wait = Math.max(0, state.pausedUntil - now);
      if (lane === 'bulk') wait = Math.max(wait, state.interactiveUntil - now);
      let taken = 0;
      while (!wait && taken < slots.length && state.slots.size < limit) {
        state.slots.set(slots[taken++] as string, now + leaseMs);
      }
      if (taken === slots.length) return { taken, waitMs: 0 };
      // A slot in flight frees a window after its answer at the soonest: ask again then.
      const frees = Math.min(now + windowMs, ...state.slots.values());
      if (state.slots.size >= limit) wait = Math.max(wait, frees - now);
      if (lane === 'interactive') state.interactiveUntil = now + wait + 50;
      return { taken, waitMs: Math.max(1, wait) };
    },
    async release({ key, slot, windowMs, heldMs }) {
      store.calls++;
      if (store.fail) throw new Error('store down');
      of(key).slots.set(slot, Date.now() + windowMs + heldMs);
    },
    async pause({ key, ms }) {
      store.calls++;
      const state = of(key);
      state.pausedUntil = Math.max(state.pausedUntil, Date.now() + ms);
    },
  } satisfies TestRateLimitStore;
  return defineRateLimitStore(store);
}
