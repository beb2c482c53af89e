import { DEMO_API_KEY, DEMO_CHANNELS } from '@wazzup-sdk/mock';
import { type ServedWazzupMock, serveWazzupMock } from '@wazzup-sdk/mock/node';
import { type RedisServer, startRedis } from '@wazzup-sdk/redis-server';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { busiestWindow, type Runtime, startCampaign } from './campaign';

// The service's limit scaled down (500 per 5 s there), so a campaign of 1 200 takes seconds.
const LIMIT = 100;
const WINDOW_MS = 1000;
const TIMEOUT_MS = 2000;
/** How long a slot in flight is counted if its process dies: time limit, unanswered hold, window. */
const LEASE_MS = TIMEOUT_MS + 5000 + WINDOW_MS;

let redis: RedisServer;
let served: ServedWazzupMock;

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});
afterEach(async () => {
  await served?.close();
});

async function serve() {
  served = await serveWazzupMock({
    apiKeys: [DEMO_API_KEY],
    channels: DEMO_CHANNELS,
    rateLimit: { limit: LIMIT, windowMs: WINDOW_MS },
  });
  return served;
}

const campaignEnv = (name: string, prefix: string, count: number) => ({
  NAME: name,
  PREFIX: prefix,
  COUNT: count,
  REDIS_URL: redis.url,
  WAZZUP_API_KEY: DEMO_API_KEY,
  WAZZUP_BASE_URL: served.url,
  LIMIT,
  WINDOW_MS,
  TIMEOUT_MS,
});

describe('four processes on one key through Redis', () => {
  it('send 300 each (one on Bun) with no 429 and none failed', async () => {
    await serve();
    const runtimes: Runtime[] = ['node', 'node', 'node', 'bun'];
    const campaigns = runtimes.map((runtime, i) =>
      startCampaign(runtime, campaignEnv(`${runtime}-${i}`, 'four', 300)),
    );
    const reports = await Promise.all(campaigns.map((campaign) => campaign.done));
    for (const report of reports) expect(report).toEqual({ sent: 300, failed: 0, codes: {} });
    const { requests, messages } = served.mock;
    expect(requests.filter((request) => request.outcome === 429)).toHaveLength(0);
    expect(messages).toHaveLength(1200);
    const times = requests.map((request) => request.at);
    expect(busiestWindow(times, WINDOW_MS)).toBeLessThanOrEqual(LIMIT);
  });
});

describe('a process killed with SIGKILL mid-campaign', () => {
  it('is started again and sends on with no 429; its slots free within one lease', async () => {
    await serve();
    const first = startCampaign('node', campaignEnv('first', 'restart', 300));
    // Bounded: the campaign takes about 3 s, so 150 answers come well within 20 s.
    for (let i = 0; i < 400 && first.progress() < 150; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(first.progress()).toBeGreaterThanOrEqual(150);
    first.child.kill('SIGKILL');
    const killedAt = Date.now();
    expect(await first.done).toBeUndefined();
    // Every slot the dead process holds stops counting within a lease of its death.
    const client = new Redis(redis.url);
    try {
      const [key] = await client.keys('restart:rl:*:slots');
      const scores = (await client.zrange(key as string, 0, -1, 'WITHSCORES')).filter(
        (_, i) => i % 2 === 1,
      );
      expect(scores.length).toBeGreaterThan(0);
      for (const score of scores) expect(Number(score)).toBeLessThanOrEqual(killedAt + LEASE_MS);
    } finally {
      await client.quit();
    }
    const sentBefore = served.mock.messages.length;
    const second = startCampaign('node', campaignEnv('second', 'restart', 300 - sentBefore));
    expect(await second.done).toEqual({ sent: 300 - sentBefore, failed: 0, codes: {} });
    expect(served.mock.requests.filter((request) => request.outcome === 429)).toHaveLength(0);
    expect(
      busiestWindow(
        served.mock.requests.map((request) => request.at),
        WINDOW_MS,
      ),
    ).toBeLessThanOrEqual(LIMIT);
  });
});
