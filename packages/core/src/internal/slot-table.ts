import type { RateLimitStore, ReleaseSlot, Taken, TakeSlots } from '../core/rate-limit-store';

/** {@link RateLimitStore}'s three operations, answered at once from one owner's memory. */
export interface SlotTable {
  take(request: TakeSlots): Taken;
  release(request: ReleaseSlot): void;
  pause(request: { key: string; ms: number }): void;
}

interface KeyState {
  /** Each counted slot and when it stops counting. */
  slots: Map<string, number>;
  pausedUntil: number;
  /** Until when an interactive caller waits: bulk callers stand back. */
  interactiveUntil: number;
}

/**
 * The {@link RateLimitStore} contract kept by one single-threaded owner (a Durable Object, which
 * serves every Worker on a key, or a test): with only one caller at a time, each operation is
 * atomic by itself. The same rules the Redis scripts keep, on the owner's clock.
 */
export function createSlotTable(now: () => number = Date.now): SlotTable {
  const keys = new Map<string, KeyState>();
  const stateOf = (key: string) => {
    let state = keys.get(key);
    if (!state) {
      state = { slots: new Map(), pausedUntil: 0, interactiveUntil: 0 };
      keys.set(key, state);
    }
    return state;
  };
  return {
    take({ key, slots, limit, windowMs, leaseMs, lane }) {
      const at = now();
      const state = stateOf(key);
      for (const [id, until] of state.slots) if (until <= at) state.slots.delete(id);
      let wait = Math.max(0, state.pausedUntil - at);
      if (lane === 'bulk') wait = Math.max(wait, state.interactiveUntil - at);
      let taken = 0;
      while (!wait && taken < slots.length && state.slots.size < limit) {
        state.slots.set(slots[taken++] as string, at + leaseMs);
      }
      if (taken === slots.length) return { taken, waitMs: 0 };
      if (state.slots.size >= limit) {
        // A slot in flight frees a window after its answer at the soonest: ask again then.
        wait = Math.max(wait, Math.min(at + windowMs, ...state.slots.values()) - at);
      }
      wait = Math.max(1, wait);
      if (lane === 'interactive') {
        state.interactiveUntil = Math.max(state.interactiveUntil, at + wait + 50);
      }
      return { taken, waitMs: wait };
    },
    release({ key, slot, windowMs, heldMs }) {
      const state = stateOf(key);
      const ms = windowMs + heldMs;
      if (ms <= 0) state.slots.delete(slot);
      else state.slots.set(slot, now() + ms);
      // A key with nothing counted, no pause and no waiter holds nothing worth keeping.
      if (state.slots.size === 0 && state.pausedUntil <= now() && state.interactiveUntil <= now())
        keys.delete(key);
    },
    pause({ key, ms }) {
      const state = stateOf(key);
      state.pausedUntil = Math.max(state.pausedUntil, now() + ms);
    },
  };
}
