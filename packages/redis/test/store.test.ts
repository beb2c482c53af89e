import { createWazzup } from '@wazzup-sdk/core';
import { DEMO_API_KEY, DEMO_CHANNEL_IDS, DEMO_CHANNELS } from '@wazzup-sdk/mock';
import { serveWazzupMock } from '@wazzup-sdk/mock/node';
import { type RedisServer, startRedis } from '@wazzup-sdk/redis-server';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisRateLimit } from '../src/index';

const message = (text: string) =>
  ({
    channelId: DEMO_CHANNEL_IDS.whatsapp,
    chatType: 'whatsapp',
    chatId: '79011112233',
    text,
  }) as const;

let server: RedisServer;
const clients: Redis[] = [];
const connect = () => {
  const redis = new Redis(server.url, { lazyConnect: false, maxRetriesPerRequest: 1 });
  clients.push(redis);
  return redis;
};

beforeAll(async () => {
  server = await startRedis();
});
afterAll(async () => {
  await Promise.all(clients.map((redis) => redis.quit().catch(() => undefined)));
  await server?.stop();
});

describe('redisRateLimit', () => {
  it('keeps three clients on their own connections (as three replicas) within one budget', async () => {
    const served = await serveWazzupMock({
      apiKeys: [DEMO_API_KEY],
      channels: DEMO_CHANNELS,
      rateLimit: { limit: 20, windowMs: 500 },
    });
    try {
      const replicas = [1, 2, 3].map(() =>
        createWazzup({
          apiKey: DEMO_API_KEY,
          baseUrl: served.url,
          maxRetries: 0,
          rateLimit: {
            limit: 20,
            windowMs: 500,
            store: redisRateLimit(connect(), { prefix: 'three' }),
          },
        }),
      );
      const results = await Promise.all(
        replicas.flatMap((wazzup, replica) =>
          Array.from({ length: 30 }, (_, i) => wazzup.messages.send(message(`${replica}-${i}`))),
        ),
      );
      expect(results.every((result) => result.status === 'sent')).toBe(true);
      expect(served.mock.requests.filter((request) => request.outcome === 429)).toEqual([]);
      expect(served.mock.messages).toHaveLength(90);
    } finally {
      await served.close();
    }
  });

  it('writes the key under its hash, and never the API key itself', async () => {
    const redis = connect();
    const wazzup = createWazzup({
      apiKey: DEMO_API_KEY,
      baseUrl: 'http://127.0.0.1:9',
      maxRetries: 0,
      timeoutMs: 200,
      rateLimit: { limit: 5, windowMs: 1000, store: redisRateLimit(redis, { prefix: 'hashed' }) },
    });
    await wazzup.messages.send(message('x')).catch(() => undefined);
    const keys = await redis.keys('hashed:*');
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^hashed:rl:\{[0-9a-f]{64}\}:slots$/);
    const dump = JSON.stringify([keys, await redis.zrange(keys[0] as string, 0, -1)]);
    expect(dump).not.toContain(DEMO_API_KEY);
  });

  it('frees the slots of a process that died holding them when their lease ends', async () => {
    const store = redisRateLimit(connect(), { prefix: 'lease' });
    const take = (...slots: string[]) =>
      store.take({ key: 'k', slots, limit: 2, windowMs: 300, leaseMs: 600, lane: 'interactive' });
    // Three asked for, two taken in one round trip.
    const first = await take('a', 'b', 'c');
    expect(first.taken).toBe(2);
    // Both held, never released: the next must wait, at most a window at a time.
    expect(first.waitMs).toBeGreaterThan(0);
    expect(first.waitMs).toBeLessThanOrEqual(300);
    await new Promise((resolve) => setTimeout(resolve, 650));
    expect(await take('c')).toEqual({ taken: 1, waitMs: 0 });
  });

  it('counts a released slot a window (and its hold) from its release', async () => {
    const store = redisRateLimit(connect(), { prefix: 'release' });
    const slot = {
      key: 'k',
      limit: 1,
      windowMs: 400,
      leaseMs: 10_000,
      lane: 'interactive' as const,
    };
    expect(await store.take({ ...slot, slots: ['a'] })).toEqual({ taken: 1, waitMs: 0 });
    await store.release({ key: 'k', slot: 'a', windowMs: 400, heldMs: 0 });
    const { taken, waitMs } = await store.take({ ...slot, slots: ['b'] });
    expect(taken).toBe(0);
    expect(waitMs).toBeGreaterThan(300);
    expect(waitMs).toBeLessThanOrEqual(400);
    await new Promise((resolve) => setTimeout(resolve, waitMs + 10));
    expect((await store.take({ ...slot, slots: ['b'] })).taken).toBe(1);
    // A slot never used frees at once.
    await store.release({ key: 'k', slot: 'b', windowMs: 400, heldMs: -400 });
    expect((await store.take({ ...slot, slots: ['c'] })).taken).toBe(1);
  });

  it('pauses every process on the key after a 429, and holds bulk back for a waiting reply', async () => {
    const [one, two] = [
      redisRateLimit(connect(), { prefix: 'pause' }),
      redisRateLimit(connect(), { prefix: 'pause' }),
    ];
    const slot = { key: 'k', limit: 1, windowMs: 200, leaseMs: 1000 };
    await one.pause({ key: 'k', ms: 300 });
    const paused = await two.take({ ...slot, slots: ['a'], lane: 'bulk' });
    expect(paused.taken).toBe(0);
    expect(paused.waitMs).toBeGreaterThan(200);
    await new Promise((resolve) => setTimeout(resolve, paused.waitMs + 10));
    expect((await two.take({ ...slot, slots: ['a'], lane: 'bulk' })).taken).toBe(1);
    // Full: a reply waits, and a campaign in another process stands back behind it.
    const reply = await one.take({ ...slot, slots: ['b'], lane: 'interactive' });
    expect(reply.taken).toBe(0);
    await two.release({ key: 'k', slot: 'a', windowMs: 200, heldMs: -200 });
    expect((await two.take({ ...slot, slots: ['c'], lane: 'bulk' })).taken).toBe(0);
    expect((await one.take({ ...slot, slots: ['b'], lane: 'interactive' })).taken).toBe(1);
  });

  it('fails a send with WazzupConnectionError when Redis is gone, and sends nothing', async () => {
    const served = await serveWazzupMock({ apiKeys: [DEMO_API_KEY], channels: DEMO_CHANNELS });
    const redis = new Redis({
      port: 9,
      host: '127.0.0.1',
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    // The connection's own failure is this test's point: ioredis would print it as unhandled.
    redis.on('error', () => undefined);
    try {
      const wazzup = createWazzup({
        apiKey: DEMO_API_KEY,
        baseUrl: served.url,
        rateLimit: { limit: 5, windowMs: 1000, store: redisRateLimit(redis) },
      });
      const error = await wazzup.messages.send(message('x')).catch((caught: unknown) => caught);
      expect((error as Error).name).toBe('WazzupConnectionError');
      expect((error as Error).message).toMatch(/rate-limit store failed/);
      expect(String(error)).not.toContain(DEMO_API_KEY);
      expect(served.mock.requests).toHaveLength(0);
    } finally {
      redis.disconnect();
      await served.close();
    }
  });
});

describe('the stores’ scripts', () => {
  it('go by their hash after the first call, and load again after Redis forgets them', async () => {
    const redis = connect();
    const store = redisRateLimit(redis, { prefix: 'scripts' });
    const take = (slot: string) =>
      store.take({
        key: 'k',
        slots: [slot],
        limit: 10,
        windowMs: 1000,
        leaseMs: 5000,
        lane: 'interactive',
      });
    await redis.call('SCRIPT', 'FLUSH');
    await redis.call('CONFIG', 'RESETSTAT');
    for (const slot of ['a', 'b', 'c']) expect(await take(slot)).toEqual({ taken: 1, waitMs: 0 });
    const calls = async () => {
      const stats = String(await redis.call('INFO', 'commandstats'));
      const count = (name: string) =>
        Number(new RegExp(`cmdstat_${name}:calls=(\\d+)`).exec(stats)?.[1] ?? 0);
      return { eval: count('eval'), evalsha: count('evalsha') };
    };
    // The first take finds no script (NOSCRIPT), loads it with EVAL; the rest go by hash.
    expect(await calls()).toEqual({ eval: 1, evalsha: 3 });
    await redis.call('SCRIPT', 'FLUSH');
    expect(await take('d')).toEqual({ taken: 1, waitMs: 0 });
    expect(await calls()).toEqual({ eval: 2, evalsha: 4 });
  });
});
