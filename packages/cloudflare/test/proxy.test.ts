import type { Readable } from 'node:stream';
import { ReadableStream } from 'node:stream/web';
import { DEMO_API_KEY, DEMO_CHANNEL_IDS, DEMO_CHANNELS } from '@wazzup-sdk/mock';
import { type ServedWazzupMock, serveWazzupMock } from '@wazzup-sdk/mock/node';
import { startWorker } from '@wazzup-sdk/worker-bundle';
import type { Miniflare } from 'miniflare';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const ORIGIN = 'https://crm.example.com';
const TOKEN = 'app-token-for-tests';
const message = {
  channelId: DEMO_CHANNEL_IDS.whatsapp,
  chatType: 'whatsapp',
  chatId: '79011112233',
  text: 'Hi from workerd',
};

let served: ServedWazzupMock;
let worker: Miniflare;
let runtimeLog = '';

beforeAll(async () => {
  served = await serveWazzupMock({ apiKeys: [DEMO_API_KEY], channels: DEMO_CHANNELS });
  worker = await startWorker(
    new URL('./worker.ts', import.meta.url).href,
    { WAZZUP_API_KEY: DEMO_API_KEY, WAZZUP_BASE_URL: served.url, APP_TOKEN: TOKEN },
    {
      // workerd's own warnings, kept for the tests to read.
      handleRuntimeStdio(stdout: Readable, stderr: Readable) {
        for (const stream of [stdout, stderr]) {
          stream.on('data', (chunk: Buffer) => {
            runtimeLog += chunk.toString();
          });
        }
      },
    },
  );
});
afterAll(async () => {
  await worker?.dispose();
  await served?.close();
});
beforeEach(() => served.mock.reset());

function send(body: unknown, headers: Record<string, string> = {}) {
  return worker.dispatchFetch('http://worker/send', {
    method: 'POST',
    headers: {
      origin: ORIGIN,
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('inside workerd', () => {
  it('runs on the real Workers runtime', async () => {
    expect(await (await worker.dispatchFetch('http://worker/runtime')).text()).toBe(
      'Cloudflare-Workers',
    );
  });

  it('a client kept across requests sends in each of them', async () => {
    // workerd refuses a signal that a fetch of another request has used, so the client must not
    // share timeout signals across requests there.
    const logged = runtimeLog.length;
    for (const text of ['first', 'second', 'third']) {
      const response = await worker.dispatchFetch('http://worker/kept', {
        method: 'POST',
        body: JSON.stringify({ ...message, text }),
      });
      expect(await response.json()).toMatchObject({ status: 'sent' });
    }
    expect(served.mock.messages).toHaveLength(3);
    // Nor may the rate limiter, which every client of the key shares, resolve a promise that an
    // ended request made: workerd warns about each one.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(runtimeLog.slice(logged)).not.toContain('different request context');
  });

  it('createWazzup({ env }) sends with the secret from the env binding', async () => {
    const response = await worker.dispatchFetch('http://worker/direct', {
      method: 'POST',
      body: JSON.stringify(message),
    });
    expect(await response.json()).toMatchObject({ status: 'sent' });
    expect(served.mock.messages).toHaveLength(1);
  });
});

describe('createProxyHandler inside workerd', () => {
  it('sends and answers 201 with CORS headers for the allowed origin', async () => {
    const response = await send(message);
    expect(response.status).toBe(201);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const body = (await response.json()) as { messageId: string; crmMessageId: string };
    expect(served.mock.messages).toEqual([
      expect.objectContaining({ messageId: body.messageId, crmMessageId: body.crmMessageId }),
    ]);
  });

  it('answers a preflight from the allowed origin', async () => {
    const response = await worker.dispatchFetch('http://worker/send', {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
  });

  it('refuses a validation error before any upstream call', async () => {
    const response = await send({ ...message, chatId: '+7 901' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: 'CHAT_INCORRECT_CHAT_ID_WHATSAPP',
      data: { fields: ['chatId'] },
    });
    expect(served.mock.requests).toHaveLength(0);
  });

  it('refuses an unauthorised caller', async () => {
    const response = await send(message, { authorization: 'Bearer guess' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'UNAUTHORIZED' });
    expect(served.mock.requests).toHaveLength(0);
  });

  it('refuses a wrong origin, preflight included', async () => {
    expect((await send(message, { origin: 'https://evil.example' })).status).toBe(403);
    const preflight = await worker.dispatchFetch('http://worker/send', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(served.mock.requests).toHaveLength(0);
  });

  it('refuses an oversized body', async () => {
    const response = await send({ ...message, text: 'x'.repeat(5000) });
    expect(response.status).toBe(413);
    expect(served.mock.requests).toHaveLength(0);
  });

  it('refuses an oversized body of undeclared length while it still streams in', async () => {
    const chunk = new TextEncoder().encode(`{"text":"${'x'.repeat(1000)}`);
    // The body goes past the 4 KB limit, then holds its end back until the answer has come: the
    // Worker must answer from what it counted, and the client is not writing when the Worker drops
    // the connection (a write then fails with EPIPE, which made this test fail on a busy machine).
    let answered!: () => void;
    const answer = new Promise<void>((resolve) => {
      answered = resolve;
    });
    let waitedForTheEnd = false;
    const bound = setTimeout(() => {
      waitedForTheEnd = true; // the stream ends by itself, answer or not
      answered();
    }, 10_000);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent++ < 5) return controller.enqueue(chunk);
        await answer;
        controller.close();
      },
    });
    const response = await worker.dispatchFetch('http://worker/send', {
      method: 'POST',
      headers: { origin: ORIGIN, authorization: `Bearer ${TOKEN}` },
      body,
      duplex: 'half',
    });
    answered();
    clearTimeout(bound);
    expect(response.status).toBe(413);
    expect(waitedForTheEnd).toBe(false);
    expect(sent).toBe(6); // five chunks, then the held-back end: not one chunk more
    expect(served.mock.requests).toHaveLength(0);
  });

  it('refuses a body that is not JSON', async () => {
    expect((await send('{"channelId":')).status).toBe(400);
  });

  it('turns an upstream failure into 502 with the service’s code', async () => {
    served.mock.faults.enqueue(
      { kind: 'server-error', status: 503, body: 'html' },
      { kind: 'server-error', status: 503, body: 'html' },
    );
    const response = await send(message);
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: 'SERVER_ERROR' });
    expect(served.mock.requests).toHaveLength(2);
  });

  it('passes a refusal through with its status and code', async () => {
    const response = await send({ ...message, channelId: DEMO_CHANNEL_IDS.disabled });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'CHANNEL_BLOCKED' });
  });

  it('answers a repeated crmMessageId in the API’s duplicate protocol', async () => {
    await send({ ...message, crmMessageId: 'order-7' });
    const again = await send({ ...message, crmMessageId: 'order-7' });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({
      error: 'REPEATED_CRM_MESSAGE_ID',
      data: { crmMessageId: 'order-7' },
    });
    expect(served.mock.messages).toHaveLength(1);
  });

  it('only takes POST', async () => {
    expect(
      (await worker.dispatchFetch('http://worker/send', { headers: { origin: ORIGIN } })).status,
    ).toBe(405);
  });
});
