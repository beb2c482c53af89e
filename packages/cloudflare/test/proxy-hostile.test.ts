import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { DEMO_CHANNEL_IDS } from '@wazzup-sdk/mock';
import { startWorker } from '@wazzup-sdk/worker-bundle';
import type { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The proxy inside workerd in front of a hostile upstream that echoes the Worker's key into every
// field it controls, and a proxy deployed with a blank secret.

const KEY = 'sk-live-51d0e6c2a8b94f7e3d1c0b9a8f7e6d5c';
const TOKEN = 'app-token-for-hostile-tests';
const message = {
  channelId: DEMO_CHANNEL_IDS.whatsapp,
  chatType: 'whatsapp',
  chatId: '79011112233',
  text: 'Hi',
};

type Answer = { status: number; headers?: Record<string, string>; body?: string };
const bare = (request: IncomingMessage) =>
  (request.headers.authorization ?? '').replace(/^Bearer /, '');
const echo = (request: IncomingMessage) =>
  `${request.headers.authorization} ${bare(request)} ${bare(request).toUpperCase()}`;

const ANSWERS: [string, (request: IncomingMessage) => Answer][] = [
  [
    'the code, description, data and request id',
    (r) => ({
      status: 400,
      headers: { 'content-type': 'application/json', 'x-request-id': bare(r) },
      body: JSON.stringify({
        error: `Invalid token ${echo(r)}`,
        description: echo(r),
        data: { [bare(r)]: [echo(r)] },
        requestId: echo(r),
      }),
    }),
  ],
  ['a 401 naming the key', (r) => ({ status: 401, body: JSON.stringify({ error: echo(r) }) })],
  [
    'an HTML page with the key across the summary cut',
    (r) => ({ status: 502, body: `<p>${'x'.repeat(180)}${bare(r)}</p>` }),
  ],
  [
    'a redirect to the key',
    (r) => ({
      status: 302,
      headers: { location: `http://127.0.0.1:1/?k=${bare(r)}` },
      body: echo(r),
    }),
  ],
  [
    'a 201 with the key as its ids',
    (r) => ({ status: 201, body: JSON.stringify({ messageId: bare(r), chatId: bare(r) }) }),
  ],
];

let current: (request: IncomingMessage) => Answer = () => ({ status: 500 });
let upstream: Server;
let hostile: Miniflare;
let blank: Miniflare;
let runtimeLog = '';

beforeAll(async () => {
  upstream = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const answer = current(req);
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  const entry = new URL('./worker.ts', import.meta.url).href;
  const keepLog = {
    handleRuntimeStdio(stdout: Readable, stderr: Readable) {
      for (const stream of [stdout, stderr]) {
        stream.on('data', (chunk: Buffer) => {
          runtimeLog += chunk.toString();
        });
      }
    },
  };
  [hostile, blank] = await Promise.all([
    startWorker(entry, { WAZZUP_API_KEY: KEY, WAZZUP_BASE_URL: url, APP_TOKEN: TOKEN }, keepLog),
    startWorker(entry, { WAZZUP_API_KEY: '  ', WAZZUP_BASE_URL: url, APP_TOKEN: TOKEN }, keepLog),
  ]);
});
afterAll(async () => {
  await Promise.all([hostile?.dispose(), blank?.dispose()]);
  await new Promise((resolve) => upstream?.close(resolve));
});

const send = (worker: Miniflare) =>
  worker.dispatchFetch('http://worker/send', {
    method: 'POST',
    headers: {
      origin: 'https://crm.example.com',
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(message),
  });

describe('the proxy in workerd, in front of a hostile upstream', () => {
  it.each(ANSWERS)('never answers the key, echoed into %s', async (_, answer) => {
    current = answer;
    const response = await send(hostile);
    const text = await response.text();
    const seen = [text, ...[...response.headers].map(([name, value]) => `${name}: ${value}`)];
    for (const part of seen) {
      for (const piece of [KEY, KEY.slice(0, 12), KEY.slice(-12)]) {
        expect(part.toLowerCase()).not.toContain(piece.toLowerCase());
      }
    }
    expect(response.status).toBeGreaterThanOrEqual(400);
  });

  it('nor logs it', () => {
    for (const piece of [KEY, KEY.slice(0, 12), KEY.slice(-12)]) {
      expect(runtimeLog.toLowerCase()).not.toContain(piece.toLowerCase());
    }
  });
});

describe('a proxy deployed with a blank secret', () => {
  it('answers 500 PROXY_MISCONFIGURED and says why in its log', async () => {
    const before = runtimeLog.length;
    const response = await send(blank);
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ error: 'PROXY_MISCONFIGURED' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(runtimeLog.slice(before)).toContain('wazzup proxy: WAZZUP_API_KEY is not set');
  });
});
