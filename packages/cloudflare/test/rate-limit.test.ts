import { DEMO_API_KEY, DEMO_CHANNEL_IDS, DEMO_CHANNELS } from '@wazzup-sdk/mock';
import { type ServedWazzupMock, serveWazzupMock } from '@wazzup-sdk/mock/node';
import { startWorker } from '@wazzup-sdk/worker-bundle';
import type { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DurableObjectNamespaceLike } from '../src/outbox/bindings';
import { busiestWindow } from './busiest-window';

// The service's 500 per 5 s, scaled down so three campaigns take seconds.
const RATE = { limit: 50, windowMs: 1000 };

let served: ServedWazzupMock;
let worker: Miniflare;

beforeAll(async () => {
  served = await serveWazzupMock({
    apiKeys: [DEMO_API_KEY],
    channels: DEMO_CHANNELS,
    rateLimit: RATE,
  });
  worker = await startWorker(
    new URL('./rate-limit-worker.ts', import.meta.url).href,
    {
      WAZZUP_API_KEY: DEMO_API_KEY,
      WAZZUP_BASE_URL: served.url,
      RATE_LIMIT: String(RATE.limit),
      RATE_WINDOW_MS: String(RATE.windowMs),
    },
    { durableObjects: { WAZZUP_RATE_LIMIT: 'WazzupRateLimit' } },
  );
}, 60_000);
afterAll(async () => {
  await worker?.dispose();
  await served?.close();
});

describe('one rate limit per key in a Durable Object, inside workerd', () => {
  it('keeps clients made per request and one kept across requests under the limit: no 429, none failed', async () => {
    // a and b make a client each; c and d, two requests at once, share the isolate's kept one.
    const campaigns = ['a', 'b', 'c', 'd'].map(async (name) => {
      const kept = name === 'c' || name === 'd' ? '&kept=1' : '';
      const url = `http://worker/campaign?count=75&name=${name}&channelId=${DEMO_CHANNEL_IDS.whatsapp}${kept}`;
      const response = await worker.dispatchFetch(url);
      return (await response.json()) as { sent: number; codes: Record<string, number> };
    });
    for (const report of await Promise.all(campaigns)) {
      expect(report).toEqual({ sent: 75, codes: {} });
    }
    expect(served.mock.messages).toHaveLength(300);
    expect(served.mock.requests.filter((request) => request.outcome === 429)).toHaveLength(0);
    const times = served.mock.requests.map((request) => request.at);
    expect(busiestWindow(times, RATE.windowMs)).toBeLessThanOrEqual(RATE.limit);
  }, 60_000);

  it('refuses what is not one of its operations', async () => {
    // miniflare types the namespace with workers-types, which this package does not use.
    const objects = (await worker.getDurableObjectNamespace(
      'WAZZUP_RATE_LIMIT',
    )) as unknown as DurableObjectNamespaceLike;
    const stub = objects.get(objects.idFromName('probe') as never);
    expect((await stub.fetch('https://wazzup-rate-limit/evict', { method: 'POST' })).status).toBe(
      404,
    );
    const bad = await stub.fetch('https://wazzup-rate-limit/take', { method: 'POST', body: '{' });
    expect(bad.status).toBe(400);
  });
});
