import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createWazzup } from '@wazzup-sdk/core';
import { createWebhookHandler } from '@wazzup-sdk/core/webhooks';
import { DEMO_API_KEY, DEMO_CHANNEL_IDS, DEMO_CHANNELS, type Fault } from '@wazzup-sdk/mock';
import { type ServedWazzupMock, serveWazzupMock } from '@wazzup-sdk/mock/node';
import { type RedisServer, startRedis } from '@wazzup-sdk/redis-server';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisOutbox, type OutboxStatus } from '../src/outbox/index';
import { busiestWindow } from './campaign';

// The service scaled down so the run takes under a minute: 500 per 5 s becomes 100 per 1 s, its
// ~60 s duplicate window 20 s; a worker's lock is 2 s, so a killed worker's jobs resume well
// inside the window.
const MESSAGES = 2000;
const LIMIT = 100;
const WINDOW_MS = 1000;
const DUPLICATE_WINDOW_MS = 20_000;
const TIMEOUT_MS = 500;
const LOCK_MS = 2000;
const TOKEN = 'tok_5f1c9a7e3b2d4c6a8e0f1a2b';
const FAULTS: Fault[] = [
  { kind: 'server-error', status: 500, body: 'json' },
  { kind: 'server-error', status: 503, body: 'empty' },
  { kind: 'rate-limit' },
  { kind: 'reset' },
  { kind: 'delay', ms: TIMEOUT_MS * 2 },
  { kind: 'lose-answer' },
];
const FIXTURE = fileURLToPath(new URL('./fixtures/outbox-worker.ts', import.meta.url));
const FINAL = new Set(['sent', 'dead', 'outcome-unknown']);

let redis: RedisServer;
let served: ServedWazzupMock;
const workers = new Set<ChildProcess>();

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const child of workers) child.kill('SIGKILL');
  await served?.close();
  await redis?.stop();
});

async function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
    env: {
      ...process.env,
      REDIS_URL: redis.url,
      WAZZUP_API_KEY: DEMO_API_KEY,
      WAZZUP_BASE_URL: served.url,
      LIMIT: String(LIMIT),
      WINDOW_MS: String(WINDOW_MS),
      PREFIX: 'chaos',
      DUPLICATE_WINDOW_MS: String(DUPLICATE_WINDOW_MS),
      TIMEOUT_MS: String(TIMEOUT_MS),
      LOCK_MS: String(LOCK_MS),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  workers.add(child);
  child.once('exit', () => workers.delete(child));
  await once(child.stdout as NodeJS.ReadableStream, 'data');
  return child;
}

describe('the Redis outbox under chaos', () => {
  it(`${MESSAGES} messages, three workers, 20 % faults, one worker killed every few seconds: none lost, none twice, within the limit`, async () => {
    const connection = new Redis(redis.url);
    connection.on('error', () => undefined);
    const outbox = createRedisOutbox({ connection, prefix: 'chaos', apiKey: DEMO_API_KEY });
    const receive = createWebhookHandler({
      token: TOKEN,
      onStatus: async ({ status }) => {
        await outbox.recordStatus(status);
      },
    });
    served = await serveWazzupMock({
      apiKeys: [DEMO_API_KEY],
      channels: DEMO_CHANNELS,
      rateLimit: { limit: LIMIT, windowMs: WINDOW_MS },
      duplicateWindowMs: DUPLICATE_WINDOW_MS,
      webhookFetch: (input, init) => receive(new Request(input, init)),
    });
    await createWazzup({ apiKey: DEMO_API_KEY, baseUrl: served.url }).webhooks.set({
      uri: `https://crm.example.com/wazzup?token=${TOKEN}`,
      subscriptions: { messagesAndStatuses: true },
    });
    served.mock.faults.setRandom({ rate: 0.2, faults: FAULTS, seed: 11 });
    const queued = await outbox.enqueueMany(
      Array.from({ length: MESSAGES }, (_, index) => ({
        // Every 50th goes to a blocked channel: the service refuses it, for good.
        channelId: index % 50 === 49 ? DEMO_CHANNEL_IDS.disabled : DEMO_CHANNEL_IDS.whatsapp,
        chatType: 'whatsapp' as const,
        chatId: '79011112233',
        text: `#${index}`,
      })),
      { lane: 'bulk' },
    );
    const ids = queued.map(({ crmMessageId }) => crmMessageId);

    const running = await Promise.all([1, 2, 3].map(() => startWorker()));
    let kills = 0;
    let statuses: (OutboxStatus | undefined)[] = [];
    // Bounded: the run takes about 30 s; give up after 150 s.
    for (const deadline = Date.now() + 150_000; Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      statuses = await Promise.all(ids.map((id) => outbox.status(id)));
      if (statuses.every((status) => status && FINAL.has(status.state))) break;
      // Kill one mid-send, as a crash or a deploy would, and start another in its place.
      const victim = running.shift() as ChildProcess;
      victim.kill('SIGKILL');
      kills++;
      running.push(await startWorker());
    }
    await Promise.all(
      running.map(async (child) => {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        await exited;
      }),
    );
    served.mock.faults.setRandom({ rate: 0, faults: FAULTS });
    await served.mock.webhooksIdle();
    statuses = await Promise.all(ids.map((id) => outbox.status(id)));

    const { mock } = served;
    const lost = ids.filter((_, i) => !FINAL.has(statuses[i]?.state ?? 'lost'));
    const twice = ids.filter((id) => mock.deliveriesOf(id) > 1);
    const sent = ids.filter((_, i) => statuses[i]?.state === 'sent');
    const withMessageId = statuses.filter((status) => status?.state === 'sent' && status.messageId);
    const dead = await outbox.deadLetters({ limit: MESSAGES });
    const busiest = busiestWindow(
      mock.requests.map((request) => request.at),
      WINDOW_MS,
    );
    const reasons: Record<string, number> = {};
    for (const letter of dead) reasons[letter.reason] = (reasons[letter.reason] ?? 0) + 1;
    console.log(
      `chaos: ${kills} kills, ${mock.requests.length} requests, ${sent.length} sent ` +
        `(${withMessageId.length} with a messageId), dead ${JSON.stringify(reasons)}, ` +
        `${lost.length} lost, ${twice.length} twice, busiest window ${busiest}`,
    );
    expect(kills).toBeGreaterThan(3);
    expect(lost).toEqual([]);
    expect(twice).toEqual([]);
    expect(busiest).toBeLessThanOrEqual(LIMIT);
    for (const [i, id] of ids.entries()) {
      const status = statuses[i] as OutboxStatus;
      if (status.state === 'sent') {
        expect(mock.deliveriesOf(id)).toBe(1);
        // A send whose answer came shows its messageId, and the webhooks' timeline to read.
        if (status.messageId) expect(status.timeline.at(-1)?.status).toBe('read');
      } else {
        expect(dead.some((letter) => letter.crmMessageId === id)).toBe(true);
        expect(status.reason).toBeDefined();
        if (status.reason === 'rejected') expect(mock.deliveriesOf(id)).toBe(0);
      }
    }
    // A messageId is missing only where the answer that settled the message was `duplicate`
    // (which carries none): an earlier attempt's answer was lost, or its worker died.
    const answeredDuplicate = new Set(
      mock.requests
        .filter((request) => request.outcome === 400)
        .map((request) => (request.body as { crmMessageId?: string }).crmMessageId),
    );
    for (const [i, id] of ids.entries()) {
      const status = statuses[i] as OutboxStatus;
      if (status.state === 'sent' && !status.messageId)
        expect(answeredDuplicate.has(id)).toBe(true);
    }
    expect(withMessageId.length).toBeGreaterThan(sent.length * 0.5);
    // The faults and kills really happened, and most messages still went out.
    expect(sent.length).toBeGreaterThan(MESSAGES * 0.8);
    await outbox.close();
    await connection.quit();
  }, 200_000);
});
