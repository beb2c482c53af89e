import { describe, expect, it } from 'vitest';
import { createSlotTable } from './slot-table';

function table() {
  let at = 1_000_000;
  const slots = createSlotTable(() => at);
  return { slots, advance: (ms: number) => (at += ms) };
}
const ask = (ids: string[], lane: 'interactive' | 'bulk' = 'interactive') => ({
  key: 'k',
  slots: ids,
  limit: 2,
  windowMs: 1000,
  leaseMs: 5000,
  lane,
});

describe('createSlotTable', () => {
  it('takes up to the limit in order and says when to ask again', () => {
    const { slots } = table();
    expect(slots.take(ask(['a', 'b', 'c']))).toEqual({ taken: 2, waitMs: 1000 });
    expect(slots.take(ask(['c']))).toEqual({ taken: 0, waitMs: 1000 });
  });

  it('counts a released slot for a window after its answer, and frees an unused one at once', () => {
    const { slots, advance } = table();
    slots.take(ask(['a', 'b']));
    advance(300);
    slots.release({ key: 'k', slot: 'a', windowMs: 1000, heldMs: 0 });
    slots.release({ key: 'k', slot: 'b', windowMs: 1000, heldMs: -1000 });
    expect(slots.take(ask(['c', 'd']))).toEqual({ taken: 1, waitMs: 1000 });
    advance(999);
    expect(slots.take(ask(['d'])).taken).toBe(0);
    advance(1);
    expect(slots.take(ask(['d'])).taken).toBe(1);
  });

  it('frees a slot never released when its lease ends', () => {
    const { slots, advance } = table();
    slots.take(ask(['a', 'b']));
    advance(4999);
    expect(slots.take(ask(['c'])).taken).toBe(0);
    advance(1);
    expect(slots.take(ask(['c', 'd'])).taken).toBe(2);
  });

  it('holds bulk back while an interactive caller waits, and gives nothing while paused', () => {
    const { slots, advance } = table();
    slots.take(ask(['a', 'b'], 'bulk'));
    expect(slots.take(ask(['i'])).taken).toBe(0);
    advance(1000);
    slots.release({ key: 'k', slot: 'a', windowMs: 1000, heldMs: -1000 });
    expect(slots.take(ask(['x'], 'bulk'))).toEqual({ taken: 0, waitMs: 50 });
    expect(slots.take(ask(['i'])).taken).toBe(1);
    slots.pause({ key: 'k', ms: 2000 });
    slots.release({ key: 'k', slot: 'b', windowMs: 1000, heldMs: -1000 });
    expect(slots.take(ask(['j']))).toEqual({ taken: 0, waitMs: 2000 });
  });
});
