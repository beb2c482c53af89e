import type { IncomingMessage } from 'node:http';
import { inspect } from 'node:util';
import { createProxySender } from '@wazzup-sdk/browser';
import { createProxyHandler } from '@wazzup-sdk/cloudflare';
import { describeError } from '@wazzup-sdk/cloudflare/outbox';
import {
  createWazzup,
  WazzupAbortError,
  WazzupApiError,
  WazzupConfigError,
  WazzupError,
  WazzupQueueTimeoutError,
  type WazzupResponse,
} from '@wazzup-sdk/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type HostileAnswer,
  type HostileScript,
  type HostileServer,
  serveHostile,
} from './hostile-server';

// A hostile server on loopback echoes every secret the client sent (the API key, the proxy's
// headers) into every field it controls, in every form (as sent, bare, upper-cased, encoded), and
// every rendering of every resulting error, proxy answer, dead letter, log line, hook record and
// `.withResponse()` answer is scanned for them.

const KEY = 'sk-live-7d3f9a0c1b2e4d5f6a7b8c9d0e1f2a3b';
const TOKEN = 'app-session-Zx81Qw72Er63Ty54';
const SESSION = 's3ss10n+t0k3n/AbCdEf==';
const SECRETS = [KEY, TOKEN, SESSION];
const MESSAGE = {
  channelId: 'e0629e11-0f67-4567-92a9-2237e91ec1b9',
  chatType: 'whatsapp',
  chatId: '79011112233',
  text: 'Hi',
} as const;

/** The bare token of the request's Authorization header. */
function bare(request: IncomingMessage): string {
  return (request.headers.authorization ?? '').replace(/^Bearer /, '');
}

/** Every form of every secret the request carried, in one string. */
function echo(request: IncomingMessage): string {
  const token = bare(request);
  const session = String(request.headers['x-session'] ?? '');
  return [
    request.headers.authorization,
    token,
    token.toUpperCase(),
    encodeURIComponent(token),
    session,
    encodeURIComponent(session),
  ]
    .filter(Boolean)
    .join(' ; ');
}

const json = (
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): HostileAnswer => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

const entities = (text: string) => [...text].map((char) => `&#${char.codePointAt(0)};`).join('');

/** Each way a server can put a secret into an answer, by name. */
const SCRIPTS: [string, HostileScript][] = [
  ['the error code', (r) => json(401, { error: `Invalid token ${echo(r)}` })],
  ['the error code, upper-cased', (r) => json(401, { error: `BEARER ${bare(r).toUpperCase()}` })],
  ['the description', (r) => json(400, { error: 'VALIDATION_ERROR', description: echo(r) })],
  [
    'data keys and values',
    (r) =>
      json(400, {
        error: 'INVALID_MESSAGE_DATA',
        data: { [bare(r)]: echo(r), fields: [echo(r)], nested: { [echo(r)]: [{ [bare(r)]: 1 }] } },
      }),
  ],
  [
    'data: [{ index, fields }]',
    (r) => json(400, { error: 'INVALID_CONTACTS_DATA', data: [{ index: 0, fields: [echo(r)] }] }),
  ],
  ['the body requestId', (r) => json(400, { error: 'VALIDATION_ERROR', requestId: echo(r) })],
  [
    'the x-request-id header',
    (r) => json(400, { error: 'VALIDATION_ERROR' }, { 'x-request-id': echo(r) }),
  ],
  [
    'the x-request-id of an empty 503',
    (r) => ({ status: 503, headers: { 'x-request-id': bare(r) } }),
  ],
  [
    'a code nested as { error: { code } }',
    (r) => json(400, { error: { code: echo(r), message: echo(r) } }),
  ],
  ['a 201 that is not a result', (r) => json(201, { oops: echo(r) })],
  ['a 201 whose ids are the secret', (r) => json(201, { messageId: bare(r), chatId: bare(r) })],
  [
    'a 429 with the secret as Retry-After',
    (r) => json(429, { error: echo(r) }, { 'retry-after': bare(r) }),
  ],
  // Every length around the 200-character cut of a summary, so a secret straddles it somewhere.
  ...Array.from({ length: 30 }, (_, i): [string, HostileScript] => [
    `an HTML page with ${i * 9} characters before the secret`,
    (r) => ({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: `<html><head><title>${bare(r)}</title></head><body><p>${'x'.repeat(i * 9)}${bare(r)}</p><p>${echo(r)}</p></body></html>`,
    }),
  ]),
  ...Array.from({ length: 30 }, (_, i): [string, HostileScript] => [
    `plain text with ${i * 9} characters before the secret`,
    (r) => ({ status: 500, body: `${'y'.repeat(i * 9)}${bare(r)} ${echo(r)}` }),
  ]),
  ...Array.from({ length: 4 }, (_, i): [string, HostileScript] => [
    `an HTML page with the secret as character references, ${i * 60} characters in`,
    (r) => ({ status: 502, body: `<p>${'z'.repeat(i * 60)}${entities(bare(r))}</p>` }),
  ]),
];

/** Every way an error gets printed, logged or shipped, with its cause chain. */
function renderings(value: unknown): string[] {
  const out: string[] = [];
  let current: unknown = value;
  for (let depth = 0; depth < 5 && current; depth++) {
    const error = current as Error;
    out.push(
      String(error),
      error.message,
      error.stack ?? '',
      JSON.stringify(error),
      inspect(error, { depth: 10, showHidden: true }),
    );
    current = error.cause;
  }
  return out;
}

/** Every 10-character piece of every secret and of its encoded form, lower-cased. */
const PIECES = SECRETS.flatMap((secret) =>
  [secret, encodeURIComponent(secret)].flatMap((form) =>
    Array.from({ length: form.length - 9 }, (_, at) => form.slice(at, at + 10).toLowerCase()),
  ),
);

/**
 * Fails, naming where it showed, if any form of any secret is in `texts`, or any part of one
 * ten characters long (a secret cut off at the end of a summary still gives most of it away).
 */
function expectNoSecret(texts: string[], where: string): void {
  for (const text of texts) {
    const lower = text.toLowerCase();
    const piece = PIECES.find((each) => lower.includes(each));
    if (piece)
      throw new Error(
        `${where}: "${piece}" of a secret showed in ${JSON.stringify(text.slice(0, 400))}`,
      );
  }
}

/** Every line and hook record the clients below gave, since the last test. */
const told: string[] = [];
/** Clients log everything and call every hook, into `told`. */
const TELLING = {
  logLevel: 'debug',
  logger: {
    debug: (line: string) => told.push(line),
    info: (line: string) => told.push(line),
    warn: (line: string) => told.push(line),
    error: (line: string) => told.push(line),
  },
  hooks: {
    onRequest: (record: object) => told.push(JSON.stringify(record)),
    onResponse: (record: object) => told.push(JSON.stringify(record)),
    onRetry: (record: object) => told.push(JSON.stringify(record)),
    onRateLimitWait: (record: object) => told.push(JSON.stringify(record)),
  },
} as const;

/** A call's answer, every way it gets printed: its headers, request id and whole. */
function answerRenderings(response: WazzupResponse | undefined): string[] {
  if (!response) return [];
  return [
    ...[...response.headers].map(([name, value]) => `${name}: ${value}`),
    String(response.requestId),
    JSON.stringify(response),
    inspect(response, { depth: 10, showHidden: true }),
  ];
}

let hostile: HostileServer;
let elsewhere: HostileServer;
const logged: string[] = [];

beforeAll(async () => {
  [hostile, elsewhere] = await Promise.all([serveHostile(), serveHostile()]);
  elsewhere.answer(() => json(201, { messageId: 'm', chatId: 'c' }));
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg))).join(' '));
    });
  }
});
afterAll(async () => {
  vi.restoreAllMocks();
  expectNoSecret(logged, 'a log line');
  await Promise.all([hostile?.close(), elsewhere?.close()]);
});
beforeEach(() => {
  hostile.reset();
  elsewhere.reset();
});
afterEach(() => {
  expectNoSecret(told, 'a log line or hook record');
  told.length = 0;
});

const direct = () =>
  createWazzup({ apiKey: KEY, baseUrl: hostile.url, maxRetries: 0, rateLimit: false, ...TELLING });
const browser = () =>
  createProxySender({
    proxyUrl: `${hostile.url}/v3/message`,
    // A short header too: it must neither be redacted nor break the match on the longer ones.
    headers: { authorization: `Bearer ${TOKEN}`, 'x-app-version': '1', 'x-session': SESSION },
    maxRetries: 0,
    ...TELLING,
  });
const proxy = createProxyHandler({
  allowedOrigins: [],
  authorize: () => true,
  client: { maxRetries: 0, rateLimit: false, ...TELLING },
});
const throughProxy = () =>
  proxy(
    new Request('http://worker/send', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(MESSAGE),
    }),
    { WAZZUP_API_KEY: KEY, WAZZUP_BASE_URL: hostile.url },
  );

/** The error a send fails with; a send that resolves fails the test. */
async function failure(client: { messages: { send(input: typeof MESSAGE): Promise<unknown> } }) {
  const error = await client.messages.send(MESSAGE).then(
    (result) => {
      throw new Error(`resolved ${JSON.stringify(result)}`);
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WazzupError);
  return error as WazzupError;
}

describe('a hostile server never gets a secret into an error, a proxy answer or a dead letter', () => {
  it.each(SCRIPTS)('echoing them into %s', async (_, script) => {
    hostile.answer(script);
    const fromKey = await failure(direct());
    expectNoSecret(renderings(fromKey), 'the client error');
    expectNoSecret(answerRenderings(fromKey.response), "the client error's answer");
    expectNoSecret([JSON.stringify(describeError(fromKey))], 'the dead letter');
    // The clients did tell: the records scanned after each test are there to scan.
    expect(told.some((line) => line.includes('"route":"POST /v3/message"'))).toBe(true);
    expect(told.some((line) => line.startsWith('wazzup: '))).toBe(true);

    const fromProxyHeaders = await failure(browser());
    expectNoSecret(renderings(fromProxyHeaders), 'the browser client error');
    expectNoSecret(answerRenderings(fromProxyHeaders.response), "the browser error's answer");
    if (fromProxyHeaders instanceof WazzupApiError && fromProxyHeaders.status !== 201) {
      // The short header was not taken for a secret: the status still reads whole.
      expect(fromProxyHeaders.message).toContain(`HTTP ${fromProxyHeaders.status}`);
    }

    const answer = await throughProxy();
    const headers = [...answer.headers].map(([name, value]) => `${name}: ${value}`);
    expectNoSecret([String(answer.status), ...headers, await answer.text()], 'the proxy answer');
  });

  it.each(SCRIPTS.filter(([name]) => !name.includes('201') && !name.includes('characters before')))(
    'nor through the other routes, echoing them into %s',
    async (_, script) => {
      hostile.answer(script);
      const client = direct();
      for (const call of [
        () => client.channels.list(),
        () =>
          client.contacts.upsert([
            {
              id: 'c1',
              responsibleUserId: 'u1',
              name: 'A',
              contactData: [{ chatType: 'whatsapp', chatId: '1' }],
            },
          ]),
        () => client.messages.delete('m1'),
      ]) {
        const error = await call().catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(WazzupError);
        expectNoSecret(renderings(error), 'a route error');
      }
    },
  );

  it('a success whose headers echo them shows none in .withResponse()', async () => {
    hostile.answer((r) =>
      json(
        r.method === 'POST' ? 201 : 200,
        r.url?.startsWith('/v3/channels')
          ? [{ channelId: MESSAGE.channelId, transport: 'whatsapp', state: 'active' }]
          : { messageId: 'm1', chatId: '79011112233', echo: echo(r) },
        {
          'x-request-id': echo(r),
          'x-echo': echo(r),
          'set-cookie': `session=${bare(r)}; HttpOnly`,
          'www-authenticate': `Bearer realm="${bare(r)}"`,
        },
      ),
    );
    for (const client of [direct(), browser()]) {
      const { data, response } = await client.messages.send(MESSAGE).withResponse();
      expect(data.status).toBe('sent');
      expect(response).toMatchObject({ status: 201, attempts: 1 });
      expect(response.headers.get('x-echo')).toContain('[redacted]');
      expectNoSecret(answerRenderings(response), 'a successful answer');
      expectNoSecret([JSON.stringify(data)], 'a send result');
    }
    const { response } = await direct().channels.list().withResponse();
    expectNoSecret(answerRenderings(response), 'a read answer');
    const raw = await direct().request({ method: 'GET', path: '/v3/anything' }).withResponse();
    expectNoSecret(answerRenderings(raw.response), 'a request() answer');
    expectNoSecret([JSON.stringify(raw.data)], 'a request() body');
  });

  it.each([301, 302, 303, 307, 308])(
    'a %i to another host is an error, never followed, and its Location never shows',
    async (status) => {
      hostile.answer((r) => ({
        status,
        headers: { location: `${elsewhere.url}/v3/message?key=${encodeURIComponent(bare(r))}` },
        body: echo(r),
      }));
      for (const client of [direct(), browser()]) {
        const error = await failure(client);
        expect(error).toMatchObject({ code: 'UNEXPECTED_REDIRECT', status });
        expectNoSecret(renderings(error), 'the redirect error');
      }
      const answer = await throughProxy();
      expect(answer.status).toBe(502);
      expectNoSecret([await answer.text()], 'the proxy answer');
      expect(elsewhere.hits).toBe(0);
    },
  );

  it('a password in baseUrl is refused when the client is made, and never shown', () => {
    const password = 'hunter2-secret-pass';
    let caught: unknown;
    try {
      createWazzup({ apiKey: KEY, baseUrl: `http://user:${password}@127.0.0.1:1` });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(WazzupConfigError);
    expect(caught).toMatchObject({ variable: 'baseUrl' });
    for (const text of renderings(caught)) expect(text).not.toContain(password);
  });
});

describe('a hostile server cannot stall or flood a client', () => {
  const limited = (name: string, windowMs: number, limit = 50) =>
    createWazzup({
      apiKey: `${KEY}-${name}`,
      baseUrl: hostile.url,
      maxRetries: 2,
      rateLimit: { limit, windowMs },
      ...TELLING,
    });

  it.each([
    ['3600', 'seconds'],
    ['Fri, 01 Jan 2099 00:00:00 GMT', 'http-date'],
    ['1e308', 'huge'],
  ])(
    'one 429 with Retry-After %s (%s) fails that call at once and pauses the key briefly',
    async (value, name) => {
      let first = true;
      hostile.answer(() => {
        if (!first) return json(201, { messageId: 'm', chatId: '79011112233' });
        first = false;
        return json(429, { error: 'RATE_LIMITED' }, { 'retry-after': value });
      });
      const started = Date.now();
      const error = await failure(limited(name, 300));
      expect(error).toMatchObject({ status: 429 });
      expect(Date.now() - started).toBeLessThan(1000);
      // Another client of the key waits at most two windows, not the hour the header asked for.
      const next = limited(name, 300).messages.send(MESSAGE);
      const bound = new Promise((_, reject) =>
        setTimeout(() => reject(new Error('stalled')), 3000),
      );
      await expect(Promise.race([next, bound])).resolves.toMatchObject({ status: 'sent' });
      expect(Date.now() - started).toBeLessThan(2000);
    },
  );

  it('waiting for a slot is bounded by queueTimeoutMs, and nothing is sent', async () => {
    hostile.answer(() => json(201, { messageId: 'm', chatId: '79011112233' }));
    const client = limited('queue', 60_000, 1);
    await client.messages.send(MESSAGE);
    const started = Date.now();
    const error = await client.messages
      .send(MESSAGE, { queueTimeoutMs: 300 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WazzupQueueTimeoutError);
    expect(error).toMatchObject({ attempts: 0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(hostile.hits).toBe(1);
  });

  it('a caller queued behind another follows its own signal', async () => {
    hostile.answer(() => json(201, { messageId: 'm', chatId: '79011112233' }));
    const client = limited('abort', 2000, 1);
    await client.messages.send(MESSAGE);
    const ahead = new AbortController();
    const behind = new AbortController();
    const first = client.messages.send(MESSAGE, { signal: ahead.signal }).catch((e: unknown) => e);
    const started = Date.now();
    const second = client.messages
      .send(MESSAGE, { signal: behind.signal })
      .catch((e: unknown) => e);
    setTimeout(() => behind.abort(), 100);
    expect(await second).toBeInstanceOf(WazzupAbortError);
    expect(Date.now() - started).toBeLessThan(500);
    ahead.abort();
    expect(await first).toBeInstanceOf(WazzupAbortError);
    expect(hostile.hits).toBe(1);
  });

  it.each([
    ['an endless chunked error body', {}, undefined],
    [
      'a declared 64 MiB error body',
      { 'content-length': String(64 * 1024 * 1024) },
      64 * 1024 * 1024,
    ],
  ])('%s is read only as far as an error needs, then dropped', async (_, headers, limit) => {
    hostile.answer(() => ({
      status: 500,
      headers: { 'content-type': 'text/plain', ...headers },
      endless: 'x'.repeat(64 * 1024),
      ...(limit !== undefined && { limit }),
    }));
    const error = await failure(direct());
    expect(error).toMatchObject({ code: 'SERVER_ERROR', status: 500 });
    expect(JSON.stringify(error).length).toBeLessThan(2000);
    await vi.waitFor(() => expect(hostile.endlessCut).toBe(true));
    expect(hostile.endlessBytes).toBeLessThan(16 * 1024 * 1024);
  });
});

describe('a hostile server cannot steer the v3 routes', () => {
  const routes = () =>
    createWazzup({ apiKey: KEY, baseUrl: hostile.url, rateLimit: false, ...TELLING });

  it.each([
    ['users.get', (c: ReturnType<typeof routes>, id: string) => c.users.get(id)],
    ['contacts.delete', (c: ReturnType<typeof routes>, id: string) => c.contacts.delete(id)],
    [
      'messages edit',
      (c: ReturnType<typeof routes>, id: string) => c.messages.edit(id, { text: 'x' }),
    ],
    ['unanswered.get', (c: ReturnType<typeof routes>, id: string) => c.unanswered.get(id)],
  ])(
    '%s refuses "." and ".." as ids before any request, so no other route is reached',
    async (_, call) => {
      hostile.answer(() => json(200, { ok: true }));
      for (const id of ['.', '..']) {
        const error = await call(routes(), id).catch((caught: unknown) => caught);
        expect(error).toMatchObject({ name: 'WazzupValidationError', code: 'VALIDATION_ERROR' });
      }
      expect(hostile.hits).toBe(0);
    },
  );

  it.each([
    ['users', { count: 1_000_000 }],
    ['contacts', {}],
    ['templates', {}],
  ])(
    'a %s list whose server ignores offset fails, it does not walk forever',
    async (kind, extra) => {
      const page = Array.from({ length: 100 }, (_, i) =>
        kind === 'templates' ? { templateGuid: `t${i}` } : { id: `${kind}-${i}` },
      );
      hostile.answer(() => json(200, kind === 'templates' ? page : { ...extra, data: page }));
      const client = routes();
      const list = kind === 'templates' ? client.templates.list() : client[kind as 'users'].list();
      let seen = 0;
      const error = await (async () => {
        for await (const _ of list) seen++;
      })().catch((caught: unknown) => caught);
      expect(error).toMatchObject({ name: 'WazzupApiError', code: 'INVALID_RESPONSE' });
      expect((error as Error).message).toContain('ignores offset');
      expect(seen).toBe(100);
      expect(hostile.hits).toBe(2);
    },
  );

  it('an iframe link that is not http(s) is INVALID_RESPONSE, never a URL for a page', async () => {
    for (const url of [
      'javascript:alert(document.cookie)',
      'data:text/html,<script>x</script>',
      'file:///etc/passwd',
    ]) {
      hostile.answer(() => json(200, { url }));
      const error = await routes()
        .iframe.create({ user: { id: 'u1' }, scope: 'global' })
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'INVALID_RESPONSE' });
    }
  });

  it('a read answer past its cap says it was cut', async () => {
    hostile.answer(() => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      endless: `[${'{"channelId":"c","transport":"whatsapp","state":"active"},'.repeat(1000)}`,
    }));
    const error = await routes()
      .channels.list()
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'INVALID_RESPONSE' });
    expect((error as Error).message).toContain('cut');
    await vi.waitFor(() => expect(hostile.endlessCut).toBe(true));
  });
});
