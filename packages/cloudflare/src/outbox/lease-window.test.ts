import { describe, expect, it } from 'vitest';
import { createLeaseWindow } from './lease-window';

const RATE = { limit: 2, windowMs: 1000 };
const TTL = 5000;

function clock() {
  let time = 0;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

describe('createLeaseWindow', () => {
  it('grants up to the limit, then says how long until the oldest slot frees', () => {
    const { now, advance } = clock();
    const window = createLeaseWindow(now);
    const first = window.acquire(RATE, TTL);
    const second = window.acquire(RATE, TTL);
    expect('lease' in first && 'lease' in second).toBe(true);
    // Both in flight: no slot until one ends.
    expect(window.acquire(RATE, TTL)).toEqual({ waitMs: 25 });
    advance(300);
    window.release((first as { lease: string }).lease, RATE);
    // Counted from when its answer came (300), so it frees at 1300, not 1000.
    advance(800);
    expect(window.acquire(RATE, TTL)).toEqual({ waitMs: 200 });
    advance(200);
    expect(window.acquire(RATE, TTL)).toHaveProperty('lease');
  });

  it('ends a lease whose holder never came back after the lease TTL', () => {
    const { now, advance } = clock();
    const window = createLeaseWindow(now);
    window.acquire(RATE, TTL);
    window.acquire(RATE, TTL);
    advance(TTL + RATE.windowMs);
    expect(window.acquire(RATE, TTL)).toHaveProperty('lease');
    expect(window.taken()).toBe(1);
  });

  it('cancels a lease that sent nothing without using the window, and pauses after a 429', () => {
    const { now, advance } = clock();
    const window = createLeaseWindow(now);
    const grant = window.acquire(RATE, TTL) as { lease: string };
    window.cancel(grant.lease);
    expect(window.taken()).toBe(0);
    const next = window.acquire(RATE, TTL) as { lease: string };
    window.release(next.lease, RATE, true);
    advance(10);
    expect(window.acquire(RATE, TTL)).toEqual({ waitMs: 990 });
  });
});

describe('take', () => {
  it('queues senders and hands each freed slot to the one waiting longest', async () => {
    const window = createLeaseWindow();
    const rate = { limit: 1, windowMs: 20 };
    const first = (await window.take(rate, TTL, 1000)) as { lease: string };
    const order: string[] = [];
    const second = window.take(rate, TTL, 1000).then((grant) => order.push('second') && grant);
    const third = window.take(rate, TTL, 1000).then((grant) => order.push('third') && grant);
    window.release(first.lease, rate);
    const granted = (await second) as { lease: string };
    expect(granted).toHaveProperty('lease');
    window.release(granted.lease, rate);
    expect(await third).toHaveProperty('lease');
    expect(order).toEqual(['second', 'third']);
  });

  it('puts an urgent sender (a re-send) at the front of the line', async () => {
    const window = createLeaseWindow();
    const rate = { limit: 1, windowMs: 20 };
    const first = (await window.take(rate, TTL, 1000)) as { lease: string };
    const order: string[] = [];
    const normal = window.take(rate, TTL, 1000).then((grant) => order.push('normal') && grant);
    const urgent = window
      .take(rate, TTL, 1000, true)
      .then((grant) => order.push('urgent') && grant);
    window.release(first.lease, rate);
    const granted = (await urgent) as { lease: string };
    window.release(granted.lease, rate);
    await normal;
    expect(order).toEqual(['urgent', 'normal']);
  });

  it('tells a sender to ask again when no slot came in time', async () => {
    const window = createLeaseWindow();
    const rate = { limit: 1, windowMs: 1000 };
    await window.take(rate, TTL, 1000);
    expect(await window.take(rate, TTL, 10)).toEqual({ waitMs: 0 });
  });
});
