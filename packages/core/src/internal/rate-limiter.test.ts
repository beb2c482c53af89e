import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_KEY, WHATSAPP_TEXT } from '../../test/fixtures';
import { created, failed, recordingFetch } from '../../test/recording-fetch';
import { createWazzup } from '../client';
import {
  WazzupAbortError,
  WazzupApiError,
  WazzupQueueTimeoutError,
  WazzupTimeoutError,
} from '../errors/classes';
import { createRateLimiter, sharedRateLimiter } from './rate-limiter';
import { UNANSWERED_HOLD_MS } from './request';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** The most starts that fall in any window of `windowMs`. */
function busiestWindow(starts: number[], windowMs: number): number {
  let most = 0;
  for (const [i, start] of starts.entries()) {
    most = Math.max(most, starts.slice(i).filter((time) => time - start < windowMs).length);
  }
  return most;
}

describe('rate limiter', () => {
  it('never lets more than the limit start in any window, and keeps them in order', async () => {
    const limiter = createRateLimiter({ limit: 10, windowMs: 1000 });
    const starts: number[] = [];
    const order: number[] = [];
    const all = Array.from({ length: 35 }, (_, i) =>
      limiter.acquire().then((answered) => {
        starts.push(Date.now());
        order.push(i);
        setTimeout(answered, 30);
      }),
    );
    await vi.runAllTimersAsync();
    await Promise.all(all);
    expect(order).toEqual(Array.from({ length: 35 }, (_, i) => i));
    expect(busiestWindow(starts, 1000)).toBe(10);
    // Four batches, each a window after the previous batch was answered (30 ms after it started).
    expect(starts.at(-1)).toBe((starts[0] as number) + 3 * 1030);
  });

  it('holds everyone after a 429 for the pause asked', async () => {
    const limiter = createRateLimiter({ limit: 100, windowMs: 1000 });
    (await limiter.acquire())();
    limiter.pause(700);
    const before = Date.now();
    const next = limiter.acquire().then(() => Date.now() - before);
    await vi.runAllTimersAsync();
    expect(await next).toBe(700);
  });

  it('lets a waiting caller abort without blocking the queue', async () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 1000 });
    (await limiter.acquire())();
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal).catch((error: unknown) => error);
    const after = limiter.acquire();
    controller.abort();
    expect(await aborted).toBeInstanceOf(WazzupAbortError);
    await vi.runAllTimersAsync();
    await expect(after).resolves.toBeTypeOf('function');
  });

  it('lets a caller queued behind another abort at once, keeping the others in place', async () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 2000 });
    (await limiter.acquire())();
    const startedAt = Date.now();
    const first = limiter.acquire();
    const controller = new AbortController();
    const second = limiter.acquire(controller.signal).catch((error: unknown) => error);
    const third = limiter.acquire();
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(await second).toBeInstanceOf(WazzupAbortError);
    expect(Date.now() - startedAt).toBe(100);
    await vi.advanceTimersByTimeAsync(1900);
    (await first)();
    await vi.advanceTimersByTimeAsync(2000);
    await expect(third).resolves.toBeTypeOf('function');
  });

  it('follows each signal with one listener, and leaves none once its callers are served', async () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 100 });
    const signal = new AbortController().signal;
    for (let round = 0; round < 3; round++) {
      const all = Array.from({ length: 20 }, () =>
        limiter.acquire(signal).then((release) => release()),
      );
      expect(getEventListeners(signal, 'abort').length).toBeLessThanOrEqual(1);
      await vi.runAllTimersAsync();
      await Promise.all(all);
      expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    }
  });

  it('gives up a wait after maxWaitMs (at most 50 ms late) with WazzupQueueTimeoutError', async () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000 });
    (await limiter.acquire())();
    const waiting = limiter.acquire(undefined, 250).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(249);
    const early = await Promise.race([waiting, Promise.resolve('still waiting')]);
    expect(early).toBe('still waiting');
    // Wait limits that run out within the same 50 ms share one timer.
    await vi.advanceTimersByTimeAsync(51);
    expect(await waiting).toBeInstanceOf(WazzupQueueTimeoutError);
    expect(await waiting).toMatchObject({ waitedMs: 250 });
    // Nothing is left armed once nobody waits.
    expect(vi.getTimerCount()).toBe(0);
  });

  it('pauses for at most two windows, whatever it is asked', async () => {
    const limiter = createRateLimiter({ limit: 100, windowMs: 1000 });
    limiter.pause(Number.POSITIVE_INFINITY);
    const before = Date.now();
    const next = limiter.acquire().then(() => Date.now() - before);
    await vi.runAllTimersAsync();
    expect(await next).toBe(2000);
  });

  it('gives 20 000 callers queued at once one wait-limit timer between them, none once they left', async () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000 });
    (await limiter.acquire())();
    const controller = new AbortController();
    const waiting = Array.from({ length: 20_000 }, () =>
      limiter.acquire(controller.signal, 30_000).catch((error: unknown) => error),
    );
    // The head's timer (a slot frees in a minute) and one for every wait limit.
    expect(vi.getTimerCount()).toBeLessThanOrEqual(3);
    controller.abort();
    for (const each of await Promise.all(waiting)) expect(each).toBeInstanceOf(WazzupAbortError);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('serves 20 000 queued callers in order, and one abort releases them all', async () => {
    const limiter = createRateLimiter({ limit: 1000, windowMs: 1000 });
    const controller = new AbortController();
    let served = 0;
    const all = Array.from({ length: 20_000 }, () =>
      limiter.acquire(controller.signal).then(
        (release) => {
          served++;
          release();
        },
        (error: unknown) => error,
      ),
    );
    await vi.advanceTimersByTimeAsync(2500);
    expect(served).toBe(3000);
    controller.abort();
    const outcomes = await Promise.all(all);
    expect(outcomes.filter((outcome) => outcome instanceof WazzupAbortError)).toHaveLength(17_000);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('counts a request in flight until it is answered', async () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 100 });
    const answered = await limiter.acquire();
    let second = false;
    const next = limiter.acquire().then(() => {
      second = true;
    });
    await vi.advanceTimersByTimeAsync(5000);
    expect(second).toBe(false);
    answered();
    await vi.advanceTimersByTimeAsync(99);
    expect(second).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await next;
    expect(second).toBe(true);
  });

  it('counts a request that may still arrive from when it is held until', async () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 100 });
    (await limiter.acquire())(500);
    const before = Date.now();
    const next = limiter.acquire().then(() => Date.now() - before);
    await vi.runAllTimersAsync();
    expect(await next).toBe(600);
  });

  it('serves 60 interactive callers queued behind 2 000 bulk ones within two windows', async () => {
    const limiter = createRateLimiter({ limit: 500, windowMs: 5000 });
    const startedAt = Date.now();
    const answer = (answered: () => void) => setTimeout(answered, 20);
    const bulk = Array.from({ length: 2000 }, () =>
      limiter.acquire(undefined, undefined, 'bulk').then(answer),
    );
    const interactive = Array.from({ length: 60 }, () =>
      limiter.acquire(undefined, undefined, 'interactive').then((answered) => {
        answer(answered);
        return Date.now() - startedAt;
      }),
    );
    await vi.advanceTimersByTimeAsync(2 * 5000 + 100);
    const times = await Promise.all(interactive);
    // The first window went to the bulk callers already granted; the next slots to free are the
    // replies', all of them before any more bulk.
    expect(Math.max(...times)).toBeLessThanOrEqual(2 * 5000);
    await vi.runAllTimersAsync();
    await Promise.all(bulk);
  });

  it('serves bulk callers only when no interactive one waits, each lane in order', async () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 1000 });
    const order: string[] = [];
    const queue = (name: string, lane: 'bulk' | 'interactive') =>
      limiter.acquire(undefined, undefined, lane).then((answered) => {
        order.push(name);
        answered();
      });
    const all = [
      queue('b1', 'bulk'),
      queue('b2', 'bulk'),
      queue('i1', 'interactive'),
      queue('b3', 'bulk'),
      queue('i2', 'interactive'),
    ];
    await vi.runAllTimersAsync();
    await Promise.all(all);
    expect(order).toEqual(['b1', 'i1', 'i2', 'b2', 'b3']);
  });

  it('is shared by key', () => {
    const limit = { limit: 5, windowMs: 1000 };
    expect(sharedRateLimiter('a', limit)).toBe(sharedRateLimiter('a', limit));
    expect(sharedRateLimiter('a', limit)).not.toBe(sharedRateLimiter('b', limit));
  });

  it('is each client’s own on Cloudflare Workers, where a request may not wait on another’s timer', () => {
    const limit = { limit: 5, windowMs: 1000 };
    vi.stubGlobal('navigator', { userAgent: 'Cloudflare-Workers' });
    try {
      expect(sharedRateLimiter('a', limit)).not.toBe(sharedRateLimiter('a', limit));
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('sendMessage under a rate limit', () => {
  it('queues sends instead of bursting past the limit', async () => {
    const fetch = recordingFetch(created());
    const starts: number[] = [];
    const timed = (input: string | URL | Request, init?: RequestInit) => {
      starts.push(Date.now());
      return fetch(input, init);
    };
    const wazzup = createWazzup({
      apiKey: `${API_KEY}-queue`,
      fetch: timed,
      rateLimit: { limit: 5, windowMs: 1000 },
    });
    const sends = Array.from({ length: 12 }, () => wazzup.messages.send(WHATSAPP_TEXT));
    await vi.runAllTimersAsync();
    await Promise.all(sends);
    expect(fetch.requests).toHaveLength(12);
    expect(busiestWindow(starts, 1000)).toBe(5);
  });

  it('backs every send off when a 429 still comes', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const fetch = recordingFetch(failed(429), created());
    const wazzup = createWazzup({
      apiKey: `${API_KEY}-429`,
      fetch,
      rateLimit: { limit: 100, windowMs: 1000 },
    });
    const first = wazzup.messages.send(WHATSAPP_TEXT);
    await vi.advanceTimersByTimeAsync(1);
    const second = wazzup.messages.send(WHATSAPP_TEXT);
    await vi.advanceTimersByTimeAsync(200);
    // The 429 paused the key for 250 ms: the second send has not gone out yet.
    expect(fetch.requests).toHaveLength(1);
    await vi.runAllTimersAsync();
    await Promise.all([first, second]);
    expect(fetch.requests).toHaveLength(3);
  });

  it('keeps the slot of a timed-out send taken, since the service may still read it', async () => {
    const hangs = (request: Request) =>
      new Promise<Response>((_, reject) => {
        request.signal.addEventListener('abort', () => reject(request.signal.reason));
      });
    const fetch = recordingFetch(hangs, created());
    const wazzup = createWazzup({
      apiKey: `${API_KEY}-hold`,
      fetch,
      maxRetries: 0,
      timeoutMs: 1000,
      rateLimit: { limit: 1, windowMs: 1000 },
    });
    const timedOut = wazzup.messages.send(WHATSAPP_TEXT).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(1100);
    expect(await timedOut).toBeInstanceOf(WazzupTimeoutError);
    const startedAt = Date.now();
    const next = wazzup.messages.send(WHATSAPP_TEXT).then(() => Date.now() - startedAt);
    await vi.runAllTimersAsync();
    // Held UNANSWERED_HOLD_MS past the timeout, then a window.
    expect(await next).toBe(UNANSWERED_HOLD_MS + 1000);
  });

  it('fails a call whose 429 asks for more than the retry deadline at once', async () => {
    const fetch = recordingFetch(failed(429, undefined, { 'retry-after': '3600' }), created());
    const wazzup = createWazzup({
      apiKey: `${API_KEY}-retry-after`,
      fetch,
      rateLimit: { limit: 100, windowMs: 1000 },
    });
    const error = wazzup.messages.send(WHATSAPP_TEXT).catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(0);
    expect(await error).toBeInstanceOf(WazzupApiError);
    expect(fetch.requests).toHaveLength(1);
    // The key is paused for two windows, not for the hour asked.
    const startedAt = Date.now();
    const next = wazzup.messages.send(WHATSAPP_TEXT).then(() => Date.now() - startedAt);
    await vi.runAllTimersAsync();
    expect(await next).toBe(2000);
  });

  it('can be turned off', async () => {
    const fetch = recordingFetch(created());
    const wazzup = createWazzup({ apiKey: `${API_KEY}-off`, fetch, rateLimit: false });
    await Promise.all(Array.from({ length: 3 }, () => wazzup.messages.send(WHATSAPP_TEXT)));
    expect(fetch.requests).toHaveLength(3);
  });
});
