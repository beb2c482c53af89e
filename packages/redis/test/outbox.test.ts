import { createWebhookHandler } from '@wazzup-sdk/core/webhooks';
import { DEMO_API_KEY, DEMO_CHANNEL_IDS, DEMO_CHANNELS } from '@wazzup-sdk/mock';
import { type ServedWazzupMock, serveWazzupMock } from '@wazzup-sdk/mock/node';
import { type RedisServer, startRedis } from '@wazzup-sdk/redis-server';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedisOutbox, type RedisOutbox } from '../src/outbox/index';

const TOKEN = 'tok_5f1c9a7e3b2d4c6a8e0f1a2b';
const RATE = { limit: 100, windowMs: 1000 };

let redis: RedisServer;
let served: ServedWazzupMock | undefined;
const closing: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  redis = await startRedis();
});
afterEach(async () => {
  // The fake API first, so no status webhook lands on an outbox that is closing.
  await served?.close();
  for (const close of closing.splice(0).reverse()) await close();
});
afterAll(async () => {
  await redis?.stop();
});

const text = (index: number, channelId: string = DEMO_CHANNEL_IDS.whatsapp) => ({
  channelId,
  chatType: 'whatsapp' as const,
  chatId: '79011112233',
  text: `#${index}`,
});

/**
 * The fake API, delivering its status webhooks straight into a receiver that feeds the outbox,
 * and an outbox (with one worker unless told not to) on a prefix of its own.
 */
async function setup(prefix: string, worker = true) {
  const connection = new Redis(redis.url);
  closing.push(() => connection.quit());
  let outbox: RedisOutbox | undefined;
  const receive = createWebhookHandler({
    token: TOKEN,
    onStatus: async ({ status }) => {
      await outbox?.recordStatus(status);
    },
  });
  served = await serveWazzupMock({
    apiKeys: [DEMO_API_KEY],
    channels: DEMO_CHANNELS,
    rateLimit: RATE,
    webhookFetch: (input, init) => receive(new Request(input, init)),
  });
  outbox = createRedisOutbox({
    connection,
    apiKey: DEMO_API_KEY,
    baseUrl: served.url,
    rateLimit: RATE,
    prefix,
  });
  closing.push(() => (outbox as RedisOutbox).close());
  const { createWazzup } = await import('@wazzup-sdk/core');
  await createWazzup({ apiKey: DEMO_API_KEY, baseUrl: served.url }).webhooks.set({
    uri: `https://crm.example.com/wazzup?token=${TOKEN}`,
    subscriptions: { messagesAndStatuses: true },
  });
  if (worker) outbox.startWorker();
  return { outbox, mock: served.mock };
}

/** Polls until `done` holds or 20 s pass; bounded, so a broken outbox fails the test. */
async function until(done: () => Promise<boolean>): Promise<void> {
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; ) {
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('timed out');
}

describe('createRedisOutbox', () => {
  it('sends each message once, and its status shows the messageId and a timeline to read', async () => {
    const { outbox, mock } = await setup('sent');
    const ids = (await outbox.enqueueMany(Array.from({ length: 30 }, (_, i) => text(i)))).map(
      (queued) => queued.crmMessageId,
    );
    // Queuing the same crmMessageId again queues nothing new.
    await outbox.enqueue({ ...text(0), crmMessageId: ids[0] as string });
    await until(async () => {
      const statuses = await Promise.all(ids.map((id) => outbox.status(id)));
      return statuses.every((status) => status?.timeline.at(-1)?.status === 'read');
    });
    for (const id of ids) {
      expect(mock.deliveriesOf(id)).toBe(1);
      const status = await outbox.status(id);
      expect(status).toMatchObject({ crmMessageId: id, state: 'sent', attempts: 1 });
      expect(status?.messageId).toMatch(/^[0-9a-f-]{36}$/);
      expect(status?.timeline.map((entry) => entry.status)).toEqual(['sent', 'delivered', 'read']);
    }
    expect(await outbox.status('never-queued')).toBeUndefined();
  }, 30_000);

  it('refuses bad input before the queue, naming the field and the service’s code', async () => {
    const { outbox, mock } = await setup('refused', false);
    const error = await outbox
      .enqueue({ ...text(1), chatId: '+7 901 111-22-33' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: 'WazzupValidationError',
      field: 'chatId',
      code: 'CHAT_INCORRECT_CHAT_ID_WHATSAPP',
    });
    await expect(outbox.enqueue(text(1), { lane: 'campaign' as never })).rejects.toMatchObject({
      name: 'WazzupConfigError',
    });
    await expect(outbox.enqueue(text(1), { delaySeconds: -1 })).rejects.toMatchObject({
      name: 'WazzupConfigError',
    });
    // Only setting the webhook address reached the fake API.
    expect(mock.requests.map((request) => request.path)).toEqual(['/v3/webhooks']);
  });

  it('dead-letters what the service refuses, with the reason and the redacted error, and re-drives it', async () => {
    const { outbox, mock } = await setup('dead');
    const { crmMessageId } = await outbox.enqueue(text(2, DEMO_CHANNEL_IDS.disabled));
    await until(async () => (await outbox.status(crmMessageId))?.state === 'dead');
    expect(await outbox.status(crmMessageId)).toMatchObject({
      state: 'dead',
      reason: 'rejected',
      error: { name: 'WazzupApiError', code: 'CHANNEL_BLOCKED' },
    });
    const [letter] = await outbox.deadLetters();
    expect(letter).toMatchObject({ reason: 'rejected', crmMessageId, mayHaveBeenSent: false });
    expect(JSON.stringify(letter)).not.toContain(DEMO_API_KEY);
    expect(mock.deliveriesOf(crmMessageId)).toBe(0);
    // Re-driven, it is tried again (and refused again: the channel is still blocked).
    const requests = mock.requests.length;
    expect(await outbox.redrive(crmMessageId)).toBe(true);
    await until(async () => mock.requests.length > requests);
    await until(async () => (await outbox.status(crmMessageId))?.state === 'dead');
    expect(await outbox.redrive('never-queued')).toBe(false);
  }, 30_000);

  it('sends replies queued behind a 2 000-message campaign within two windows', async () => {
    const { outbox, mock } = await setup('lanes', false);
    const campaign = Array.from({ length: 2000 }, (_, i) => text(i));
    await outbox.enqueueMany(campaign, { lane: 'bulk' });
    const worker = outbox.startWorker();
    closing.push(() => worker.close());
    // Let the campaign get going, then queue the replies behind what is left of it.
    await until(async () => mock.messages.length >= 150);
    const before = mock.messages.length;
    const replies = await outbox.enqueueMany(Array.from({ length: 60 }, (_, i) => text(5000 + i)));
    const ids = new Set(replies.map((reply) => reply.crmMessageId));
    await until(async () =>
      (await Promise.all([...ids].map((id) => outbox.status(id)))).every(
        (status) => status?.state === 'sent',
      ),
    );
    // Counted in sends, not in time: two windows hold 2 x 100; the replies were among the first.
    let lastReply = -1;
    for (const [index, sent] of mock.messages.entries()) {
      if (ids.has(sent.crmMessageId as string)) lastReply = index;
    }
    expect(lastReply - before + 1).toBeLessThanOrEqual(2 * RATE.limit);
    // The campaign was still far from done: the replies overtook it.
    expect(lastReply).toBeLessThan(1000);
  }, 30_000);
});
