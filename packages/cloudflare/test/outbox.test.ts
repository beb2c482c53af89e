import { DEMO_API_KEY, DEMO_CHANNEL_IDS, DEMO_CHANNELS, type Fault } from '@wazzup-sdk/mock';
import { type ServedWazzupMock, serveWazzupMock } from '@wazzup-sdk/mock/node';
import { startWorker } from '@wazzup-sdk/worker-bundle';
import type { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busiestWindow } from './busiest-window';

// Scaled down so a run takes seconds: the API's 500 / 5 s becomes 100 / 1 s, its ~60 s duplicate
// window 6 s, so queue retries do outlive the window and the ledger has to decide.
const MESSAGES = Number(process.env.WAZZUP_OUTBOX_MESSAGES ?? 1000);
const RATE = { limit: 100, windowMs: 1000 };
const DUPLICATE_WINDOW_MS = 6000;
const TIMEOUT_MS = 500;
const CRASH_RATE = 0.03;
const FAULTS: Fault[] = [
  { kind: 'server-error', status: 500, body: 'json' },
  { kind: 'server-error', status: 503, body: 'empty' },
  { kind: 'rate-limit' },
  { kind: 'reset' },
  { kind: 'delay', ms: TIMEOUT_MS * 2 },
  { kind: 'lose-answer' },
];
const OUTBOX_CONSUMER = {
  maxBatchSize: 100,
  maxBatchTimeout: 0,
  maxRetries: 20,
  deadLetterQueue: 'wazzup-dead-letters',
};
const DEAD_REASONS = [
  'rejected',
  'outcome-unknown',
  'retries-exhausted',
  'queue-gave-up',
  'malformed',
];

let served: ServedWazzupMock;
let worker: Miniflare;

beforeAll(async () => {
  served = await serveWazzupMock({
    apiKeys: [DEMO_API_KEY],
    channels: DEMO_CHANNELS,
    duplicateWindowMs: DUPLICATE_WINDOW_MS,
    rateLimit: RATE,
    randomFaults: { rate: 0.2, faults: FAULTS, seed: 7 },
  });
  worker = await startWorker(
    new URL('./outbox-worker.ts', import.meta.url).href,
    {
      WAZZUP_API_KEY: DEMO_API_KEY,
      WAZZUP_BASE_URL: served.url,
      CRASH_RATE: String(CRASH_RATE),
      RATE_LIMIT: String(RATE.limit),
      RATE_WINDOW_MS: String(RATE.windowMs),
      DUPLICATE_WINDOW_MS: String(DUPLICATE_WINDOW_MS),
      TIMEOUT_MS: String(TIMEOUT_MS),
    },
    {
      queueProducers: {
        WAZZUP_QUEUE_A: 'wazzup-outbox-a',
        WAZZUP_QUEUE_B: 'wazzup-outbox-b',
        WAZZUP_DEAD_LETTERS: 'wazzup-dead-letters',
      },
      queueConsumers: {
        'wazzup-outbox-a': OUTBOX_CONSUMER,
        'wazzup-outbox-b': OUTBOX_CONSUMER,
        'wazzup-dead-letters': { maxBatchSize: 100, maxBatchTimeout: 0 },
      },
      durableObjects: { WAZZUP_OUTBOX: 'WazzupOutbox' },
      kvNamespaces: ['DEAD'],
    },
  );
}, 60_000);
afterAll(async () => {
  await worker?.dispose();
  await served?.close();
});

function enqueue(messages: unknown[], queue: 'a' | 'b' = 'a') {
  return worker.dispatchFetch(`http://worker/enqueue?queue=${queue}`, {
    method: 'POST',
    body: JSON.stringify(messages),
  });
}

async function deadLetters(): Promise<
  Map<string, { reason: string; message?: unknown; error?: { code?: string } }>
> {
  // miniflare types KV with workers-types, which this package does not use.
  const kv = (await worker.getKVNamespace('DEAD')) as unknown as {
    list(options: { cursor?: string }): Promise<{
      keys: { name: string }[];
      list_complete: boolean;
      cursor?: string;
    }>;
    get(key: string): Promise<string | null>;
  };
  const letters = new Map();
  let cursor: string | undefined;
  do {
    const page = await kv.list(cursor ? { cursor } : {});
    for (const { name } of page.keys) letters.set(name, JSON.parse((await kv.get(name)) ?? '{}'));
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  return letters;
}

describe('the outbox on Queues and a Durable Object, inside workerd', () => {
  it('refuses bad input at the producer and enqueues none of its batch', async () => {
    const response = await enqueue([
      {
        channelId: DEMO_CHANNEL_IDS.whatsapp,
        chatType: 'whatsapp',
        chatId: '79011112233',
        text: 'ok',
      },
      { channelId: DEMO_CHANNEL_IDS.whatsapp, chatType: 'whatsapp', chatId: '+7 901', text: 'bad' },
    ]);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      name: 'WazzupValidationError',
      code: 'CHAT_INCORRECT_CHAT_ID_WHATSAPP',
      field: 'chatId',
    });
  });

  it('refuses a blank crmMessageId at the producer: it would make later blank-id messages duplicates', async () => {
    const message = {
      channelId: DEMO_CHANNEL_IDS.whatsapp,
      chatType: 'whatsapp',
      chatId: '79011112233',
      text: 'ok',
    };
    const response = await enqueue([{ ...message, crmMessageId: ' ' }]);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      name: 'WazzupValidationError',
      code: 'INVALID_MESSAGE_DATA',
      field: 'crmMessageId',
    });
  });

  it('dead-letters a queue body that is not an outbox envelope, without a send', async () => {
    const before = served.mock.requests.length;
    await worker.dispatchFetch('http://worker/raw', {
      method: 'POST',
      body: JSON.stringify({ note: 'not an envelope' }),
    });
    let letter: { reason: string; message?: unknown } | undefined;
    for (const deadline = Date.now() + 10_000; !letter && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      letter = [...(await deadLetters()).values()].find((dead) => dead.reason === 'malformed');
    }
    expect(letter).toMatchObject({ reason: 'malformed', message: { note: 'not an envelope' } });
    expect(served.mock.requests.length).toBe(before);
  });

  it(`${MESSAGES} messages, two consumers, faults and crashes: each delivered once or dead-lettered, within the rate`, async () => {
    const started = Date.now();
    const ids: string[] = [];
    for (let start = 0; start < MESSAGES; start += 100) {
      const batch = Array.from({ length: Math.min(100, MESSAGES - start) }, (_, offset) => {
        const index = start + offset;
        // Every 50th goes to a blocked channel: the service refuses it, for good.
        const channelId = index % 50 === 49 ? DEMO_CHANNEL_IDS.disabled : DEMO_CHANNEL_IDS.whatsapp;
        return { channelId, chatType: 'whatsapp', chatId: '79011112233', text: `#${index}` };
      });
      // Half to each queue: their consumers send at the same time, under one limit.
      const response = await enqueue(batch, (start / 100) % 2 === 0 ? 'a' : 'b');
      expect(response.status).toBe(200);
      ids.push(
        ...((await response.json()) as { crmMessageId: string }[]).map((r) => r.crmMessageId),
      );
    }
    expect(new Set(ids).size).toBe(MESSAGES);

    // Wait until every message is delivered or dead-lettered and the queue has gone quiet.
    const { mock } = served;
    let dead = await deadLetters();
    let lastActivity = Date.now();
    let seen = -1;
    const deadline = Date.now() + 150_000;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      dead = await deadLetters();
      const activity = mock.requests.length + dead.size;
      if (activity !== seen) [seen, lastActivity] = [activity, Date.now()];
      const settled = ids.every((id) => mock.deliveriesOf(id) > 0 || dead.has(id));
      if (settled && Date.now() - lastActivity > 5_000) break;
    }
    const seconds = (Date.now() - started) / 1000;

    const lost = ids.filter((id) => mock.deliveriesOf(id) === 0 && !dead.has(id));
    const duplicates = ids.filter((id) => mock.deliveriesOf(id) > 1);
    const reasons: Record<string, number> = {};
    for (const id of ids) {
      const reason = dead.get(id)?.reason;
      if (reason) reasons[reason] = (reasons[reason] ?? 0) + 1;
    }
    const faults = mock.requests.filter((request) => request.fault).length;
    const rate = busiestWindow(
      mock.requests.map((request) => request.at),
      RATE.windowMs,
    );
    const delivered = ids.filter((id) => mock.deliveriesOf(id) === 1).length;
    console.log(
      `outbox: ${MESSAGES} messages in ${seconds.toFixed(1)} s, ${mock.requests.length} requests, ` +
        `${faults} faults, ${delivered} delivered once, ${Object.values(reasons).reduce((a, b) => a + b, 0)} dead-lettered ` +
        `${JSON.stringify(reasons)}, ${lost.length} lost, ${duplicates.length} duplicates, ` +
        `highest rate ${rate} per ${RATE.windowMs} ms (limit ${RATE.limit})`,
    );

    expect(lost).toEqual([]);
    expect(duplicates).toEqual([]);
    expect(rate).toBeLessThanOrEqual(RATE.limit);
    for (const reason of Object.keys(reasons)) expect(DEAD_REASONS).toContain(reason);
    // A blocked channel's message is never delivered: refused with the service's code, unless an
    // earlier faulty attempt left its outcome unknown past the window.
    const blocked = ids.filter((_, index) => index % 50 === 49);
    const refused = blocked.filter((id) => dead.get(id)?.reason === 'rejected');
    for (const id of blocked) expect(mock.deliveriesOf(id)).toBe(0);
    for (const id of refused) expect(dead.get(id)?.error?.code).toBe('CHANNEL_BLOCKED');
    expect(refused.length).toBeGreaterThan(blocked.length / 4);
    // The faults and crashes really happened, and most messages still went out.
    expect(faults).toBeGreaterThan(MESSAGES / 10);
    expect(delivered).toBeGreaterThan(MESSAGES * 0.9);
  }, 200_000);
});
