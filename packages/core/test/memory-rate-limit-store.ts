import type { RateLimitStore } from '../src/core/rate-limit-store';
import { createSlotTable } from '../src/internal/slot-table';
import { defineRateLimitStore } from '../src/internal/store-rate-limiter';

/** A test store, with what it was asked and a switch that breaks it. */
export type TestRateLimitStore = RateLimitStore & {
  calls: number;
  fail: boolean;
  /** Every key name it was asked about. */
  keys: Set<string>;
};

/**
 * The {@link RateLimitStore} contract kept in one process's memory, for unit tests of the limiter
 * that runs on a store: several limiters on one of these behave as several processes on one Redis.
 * `calls` counts what was asked of it, `keys` the names it saw; `fail` makes every call but `pause` reject.
 */
export function memoryRateLimitStore(): TestRateLimitStore {
  const table = createSlotTable();
  const store: TestRateLimitStore = {
    calls: 0,
    fail: false,
    keys: new Set(),
    async take(request) {
      store.calls++;
      store.keys.add(request.key);
      if (store.fail) throw new Error('store down');
      return table.take(request);
    },
    async release(request) {
      store.calls++;
      if (store.fail) throw new Error('store down');
      table.release(request);
    },
    async pause(request) {
      store.calls++;
      table.pause(request);
    },
  };
  return defineRateLimitStore(store);
}
