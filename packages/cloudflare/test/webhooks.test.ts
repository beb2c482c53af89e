import { createWazzup } from '@wazzup-sdk/core';
import { webhookAddress } from '@wazzup-sdk/core/webhooks';
import { DEMO_API_KEY, DEMO_CHANNEL_IDS, DEMO_CHANNELS } from '@wazzup-sdk/mock';
import { type ServedWazzupMock, serveWazzupMock } from '@wazzup-sdk/mock/node';
import { freePort, startWorker } from '@wazzup-sdk/worker-bundle';
import type { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The served mock delivers real HTTP webhooks into a Worker listening on loopback in workerd:
// the probe, a send's status timeline, an incoming message, a repeat dropped through KV.

const TOKEN = 'worker-webhook-token-0123456789';
let served: ServedWazzupMock;
let worker: Miniflare;
let base = '';

beforeAll(async () => {
  served = await serveWazzupMock({
    apiKeys: [DEMO_API_KEY],
    channels: DEMO_CHANNELS,
    webhooks: { retryDelaysMs: [20] },
  });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  worker = await startWorker(
    new URL('./webhooks-worker.ts', import.meta.url).href,
    { WAZZUP_WEBHOOK_TOKEN: TOKEN },
    { host: '127.0.0.1', port, kvNamespaces: ['SEEN', 'EVENTS'] },
  );
});
afterAll(async () => {
  await worker?.dispose();
  await served?.close();
});

const events = async () => (await (await fetch(`${base}/events`)).json()) as string[];

describe('webhooks into a Worker, inside workerd', () => {
  it('passes the probe, and gets a send’s timeline and an incoming message, each once', async () => {
    const wazzup = createWazzup({ apiKey: DEMO_API_KEY, baseUrl: served.url });
    await wazzup.webhooks.set({
      uri: webhookAddress(`${base}/webhooks`, TOKEN),
      subscriptions: { messagesAndStatuses: true },
    });
    await wazzup.messages.send({
      channelId: DEMO_CHANNEL_IDS.whatsapp,
      chatType: 'whatsapp',
      chatId: '79011112233',
      text: 'Hi',
    });
    await served.mock.receive({
      channelId: DEMO_CHANNEL_IDS.whatsapp,
      chatType: 'whatsapp',
      chatId: '79011112233',
      text: 'Thanks!',
    });
    await served.mock.webhooksIdle();
    await expect.poll(events, { timeout: 3000 }).toHaveLength(4);
    expect((await events()).sort()).toEqual(
      ['message in Thanks!', 'status delivered', 'status read', 'status sent'].sort(),
    );
    // The same delivery again: KV knows it, and nothing runs.
    const repeat = served.mock.webhookDeliveries.find((attempt) =>
      JSON.stringify(attempt.body).includes('Thanks!'),
    );
    const again = await fetch(webhookAddress(`${base}/webhooks`, TOKEN), {
      method: 'POST',
      body: JSON.stringify(repeat?.body),
    });
    expect(again.status).toBe(200);
    expect(await events()).toHaveLength(4);
  });

  it('answers 500 when its KV store is down, runs nothing, and tells onError', async () => {
    const before = (await events()).length;
    const response = await fetch(webhookAddress(`${base}/webhooks-kv-down`, TOKEN), {
      method: 'POST',
      body: JSON.stringify({
        statuses: [{ messageId: 'kv-down-1', timestamp: '2026-12-01T08:00:00Z', status: 'read' }],
      }),
    });
    // Not acknowledged: the service will deliver it again.
    expect(response.status).toBe(500);
    const after = (await events()).slice(before);
    expect(after).toEqual(['error WazzupWebhookStoreError']);
  });

  it('answers 401 to a wrong token and runs nothing', async () => {
    const before = (await events()).length;
    const wrong = await fetch(webhookAddress(`${base}/webhooks`, 'not-the-token-at-all-really'), {
      method: 'POST',
      body: JSON.stringify({ messages: [] }),
    });
    expect(wrong.status).toBe(401);
    expect(await events()).toHaveLength(before);
  });
});
