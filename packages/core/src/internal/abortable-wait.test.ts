import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WazzupAbortError } from '../errors/classes';
import { abortableWait } from './abortable-wait';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('abortableWait', () => {
  it('waits the time given', async () => {
    let done = false;
    const waiting = abortableWait(500, undefined).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(499);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(done).toBe(true);
  });

  it('ends early when woken, and leaves no timer behind', async () => {
    let wake = () => {};
    const woken = new Promise<void>((resolve) => {
      wake = resolve;
    });
    const waiting = abortableWait(10_000, undefined, woken);
    wake();
    await waiting;
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects at once on abort, before or during the wait', async () => {
    await expect(abortableWait(100, AbortSignal.abort())).rejects.toBeInstanceOf(WazzupAbortError);
    const controller = new AbortController();
    const waiting = abortableWait(10_000, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(WazzupAbortError);
    expect(vi.getTimerCount()).toBe(0);
  });
});
