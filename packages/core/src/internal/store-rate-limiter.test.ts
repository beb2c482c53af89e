import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_KEY, WHATSAPP_TEXT } from '../../test/fixtures';
import { memoryRateLimitStore } from '../../test/memory-rate-limit-store';
import { created, recordingFetch } from '../../test/recording-fetch';
import { createWazzup } from '../client';
import { WazzupConfigError, WazzupConnectionError } from '../errors/classes';
import { sharedRateLimiter } from './rate-limiter';
import { createStoreRateLimiter, storeKeyOf } from './store-rate-limiter';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const LIMIT = { limit: 10, windowMs: 1000 };
/** What the client's limiter knows the test key by. */
const CLIENT_KEY = `https://api.wazzup24.com ${API_KEY}`;

// The store knows a key by its hash, which the runtime computes off the fake clock: each test
// waits for it before it runs the timers.
beforeEach(async () => {
  await Promise.all(['key', CLIENT_KEY].map(storeKeyOf));
});

describe('a rate limiter on a shared store', () => {
  it('keeps three limiters on one store (three processes) within one budget', async () => {
    const store = memoryRateLimitStore();
    const limiters = [1, 2, 3].map(() => createStoreRateLimiter(store, 'key', LIMIT));
    const starts: number[] = [];
    const all = limiters.flatMap((limiter) =>
      Array.from({ length: 20 }, () =>
        limiter.acquire(undefined, undefined, 'interactive', 5000).then((answered) => {
          starts.push(Date.now());
          setTimeout(answered, 10);
        }),
      ),
    );
    await vi.runAllTimersAsync();
    await Promise.all(all);
    expect(starts).toHaveLength(60);
    for (const start of starts) {
      expect(starts.filter((time) => time >= start && time < start + 1000).length).toBeLessThan(11);
    }
    // Six windows of ten, each a window after the previous answers came.
    expect(Math.max(...starts) - Math.min(...starts)).toBeLessThan(6 * 1010 + 50);
  });

  it('knows the key by its SHA-256, never in clear', async () => {
    const store = memoryRateLimitStore();
    const limiter = createStoreRateLimiter(store, `https://api.example ${API_KEY}`, LIMIT);
    (await limiter.acquire())();
    const [name] = store.keys.keys();
    expect(name).toBe(await storeKeyOf(`https://api.example ${API_KEY}`));
    expect(name).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify([...store.keys])).not.toContain(API_KEY);
  });

  it('frees a dead process’s slots when their lease ends', async () => {
    const store = memoryRateLimitStore();
    const dead = createStoreRateLimiter(store, 'key', { limit: 2, windowMs: 1000 });
    // Two slots taken and never released: the process died mid-request.
    await dead.acquire(undefined, undefined, 'interactive', 3000);
    await dead.acquire(undefined, undefined, 'interactive', 3000);
    const alive = createStoreRateLimiter(store, 'key', { limit: 2, windowMs: 1000 });
    const startedAt = Date.now();
    const next = alive.acquire(undefined, undefined, 'interactive', 3000).then(() => Date.now());
    await vi.runAllTimersAsync();
    // The lease: the attempt's time limit and hold (3 000 ms here) and a window.
    expect((await next) - startedAt).toBe(4000);
  });

  it('holds bulk callers of every process back while an interactive one waits anywhere', async () => {
    const store = memoryRateLimitStore();
    const campaign = createStoreRateLimiter(store, 'key', { limit: 1, windowMs: 1000 });
    const replies = createStoreRateLimiter(store, 'key', { limit: 1, windowMs: 1000 });
    const order: string[] = [];
    const go = (limiter: typeof campaign, name: string, lane: 'bulk' | 'interactive') =>
      limiter.acquire(undefined, undefined, lane, 1000).then((answered) => {
        order.push(name);
        answered();
      });
    const all = [
      go(campaign, 'b1', 'bulk'),
      go(campaign, 'b2', 'bulk'),
      go(campaign, 'b3', 'bulk'),
    ];
    await vi.advanceTimersByTimeAsync(10);
    all.push(go(replies, 'i1', 'interactive'), go(replies, 'i2', 'interactive'));
    await vi.runAllTimersAsync();
    await Promise.all(all);
    expect(order).toEqual(['b1', 'i1', 'i2', 'b2', 'b3']);
  });

  it('fails a call with WazzupConnectionError when the store fails, and sends nothing', async () => {
    const store = memoryRateLimitStore();
    store.fail = true;
    const fetch = recordingFetch(created());
    const wazzup = createWazzup({
      apiKey: API_KEY,
      fetch,
      rateLimit: { ...LIMIT, store },
    });
    const error = await wazzup.messages.send(WHATSAPP_TEXT).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WazzupConnectionError);
    expect((error as Error).message).toContain('rate-limit store failed: store down');
    expect(fetch.requests).toHaveLength(0);
  });

  it('sends through the client with the call’s lane, and tells the store of a 429', async () => {
    const store = memoryRateLimitStore();
    const fetch = recordingFetch(new Response(null, { status: 429 }), created());
    const wazzup = createWazzup({ apiKey: API_KEY, fetch, rateLimit: { ...LIMIT, store } });
    const take = vi.spyOn(store, 'take');
    const pause = vi.spyOn(store, 'pause');
    const sent = wazzup.messages.send(WHATSAPP_TEXT, { lane: 'bulk' });
    await vi.runAllTimersAsync();
    expect(await sent).toMatchObject({ status: 'sent' });
    expect(take.mock.calls[0]?.[0]).toMatchObject({ lane: 'bulk', limit: 10, windowMs: 1000 });
    // The lease covers the attempt's 30 s, the unanswered hold and a window.
    expect(take.mock.calls[0]?.[0].leaseMs).toBe(30_000 + 5_000 + 1000);
    expect(pause).toHaveBeenCalledOnce();
  });

  it('is one limiter per store and key, a different one per store', () => {
    const [one, two] = [memoryRateLimitStore(), memoryRateLimitStore()];
    expect(sharedRateLimiter('k', { ...LIMIT, store: one })).toBe(
      sharedRateLimiter('k', { ...LIMIT, store: one }),
    );
    expect(sharedRateLimiter('k', { ...LIMIT, store: one })).not.toBe(
      sharedRateLimiter('k', { ...LIMIT, store: two }),
    );
    expect(sharedRateLimiter('k', LIMIT)).not.toBe(
      sharedRateLimiter('k', { ...LIMIT, store: one }),
    );
  });

  it('refuses a store not made with defineRateLimitStore, and a lane it does not know', async () => {
    expect(() =>
      createWazzup({ apiKey: API_KEY, rateLimit: { ...LIMIT, store: { take() {} } as never } }),
    ).toThrow(WazzupConfigError);
    // Take, release and pause of its own, but not made with defineRateLimitStore.
    const { take, release, pause } = memoryRateLimitStore();
    expect(() =>
      createWazzup({ apiKey: API_KEY, rateLimit: { ...LIMIT, store: { take, release, pause } } }),
    ).toThrow(/defineRateLimitStore/);
    const wazzup = createWazzup({ apiKey: API_KEY, fetch: recordingFetch(created()) });
    const error = await wazzup.messages
      .send(WHATSAPP_TEXT, { lane: 'campaign' as never })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WazzupConfigError);
    expect((error as WazzupConfigError).message).toContain('lane');
  });
});

describe('a rate limiter on a shared store, on Cloudflare Workers', () => {
  beforeEach(() => {
    vi.stubGlobal('navigator', { userAgent: 'Cloudflare-Workers' });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('lets each call ask the store for itself, within one budget across limiters', async () => {
    const store = memoryRateLimitStore();
    const limiters = [1, 2].map(() => createStoreRateLimiter(store, 'key', LIMIT));
    const starts: number[] = [];
    const all = limiters.flatMap((limiter) =>
      Array.from({ length: 15 }, () =>
        limiter.acquire(undefined, undefined, 'bulk', 5000).then((answered) => {
          starts.push(Date.now());
          setTimeout(answered, 10);
        }),
      ),
    );
    await vi.runAllTimersAsync();
    await Promise.all(all);
    expect(starts).toHaveLength(30);
    for (const start of starts) {
      expect(starts.filter((time) => time >= start && time < start + 1000).length).toBeLessThan(11);
    }
  });

  it('gives up at the wait limit, on abort, and when the store fails', async () => {
    const store = memoryRateLimitStore();
    const limiter = createStoreRateLimiter(store, 'key', { limit: 1, windowMs: 1000 });
    await limiter.acquire();
    const late = limiter.acquire(undefined, 300).catch((error: Error) => error.name);
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal).catch((error: Error) => error.name);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    await vi.advanceTimersByTimeAsync(400);
    expect(await late).toBe('WazzupQueueTimeoutError');
    expect(await aborted).toBe('WazzupAbortError');
    store.fail = true;
    await expect(limiter.acquire()).rejects.toBeInstanceOf(WazzupConnectionError);
  });
});
