import { afterEach, describe, expect, it, vi } from 'vitest';
import { API_KEY, WHATSAPP_TEXT } from '../test/fixtures';
import { created, failed, recordingFetch } from '../test/recording-fetch';
import { createSender, createWazzup } from './client';
import type { Logger } from './core/logging';
import { WazzupApiError, WazzupConfigError, WazzupValidationError } from './errors/classes';

const page = (ids: string[], count?: number | string) =>
  Response.json({ ...(count !== undefined && { count }), data: ids.map((id) => ({ id })) });

describe('createWazzup reads what it is not given from the env', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('from options.env, an object or a function, and options given win', async () => {
    const fetch = recordingFetch(created());
    const env = { WAZZUP_API_KEY: API_KEY, WAZZUP_BASE_URL: 'http://127.0.0.1:9' };
    await createWazzup({ env, fetch }).messages.send(WHATSAPP_TEXT);
    await createWazzup({ env: (name) => env[name as keyof typeof env], fetch }).messages.send(
      WHATSAPP_TEXT,
    );
    await createWazzup({
      env,
      apiKey: 'given-key-1234',
      baseUrl: 'http://127.0.0.1:8',
      fetch,
    }).messages.send(WHATSAPP_TEXT);
    expect(fetch.requests.map((request) => request.url)).toEqual([
      'http://127.0.0.1:9/v3/message',
      'http://127.0.0.1:9/v3/message',
      'http://127.0.0.1:8/v3/message',
    ]);
    expect(fetch.requests[2]?.headers.get('authorization')).toBe('Bearer given-key-1234');
  });

  it('from process.env when no env is given', async () => {
    vi.stubEnv('WAZZUP_API_KEY', API_KEY);
    const fetch = recordingFetch(created());
    await createWazzup({ fetch }).messages.send(WHATSAPP_TEXT);
    expect(fetch.requests[0]?.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
  });

  it('names the missing variable, and a blank one is as missing', () => {
    vi.stubEnv('WAZZUP_API_KEY', '');
    for (const make of [
      () => createWazzup(),
      () => createSender({ env: { WAZZUP_API_KEY: ' ' } }),
    ]) {
      expect(make).toThrow(WazzupConfigError);
      expect(make).toThrow(expect.objectContaining({ variable: 'WAZZUP_API_KEY' }));
    }
  });

  it('refuses a key in a web page unless told that is meant', () => {
    vi.stubGlobal('window', {});
    vi.stubGlobal('document', {});
    try {
      expect(() => createWazzup({ apiKey: API_KEY })).toThrow(/dangerouslyAllowBrowser/);
      expect(() => createWazzup({ apiKey: API_KEY, dangerouslyAllowBrowser: true })).not.toThrow();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('one surface', () => {
  it('a sender has messages.send and nothing else', () => {
    const sender = createSender({ apiKey: API_KEY });
    expect(Object.keys(sender)).toEqual(['messages']);
    expect(typeof sender.messages.send).toBe('function');
    expect('edit' in sender.messages).toBe(false);
  });

  it('every call gives its HTTP answer with withResponse(), redacted, and an error carries it', async () => {
    const fetch = recordingFetch(
      created(),
      Response.json(
        { messageId: 'm2', chatId: '79011112233' },
        { status: 201, headers: { 'x-request-id': 'req-1', 'x-echo': `Bearer ${API_KEY}` } },
      ),
      failed(400, { error: 'CHANNEL_NOT_FOUND', requestId: 'req-2' }),
    );
    const wazzup = createWazzup({ apiKey: API_KEY, fetch, rateLimit: false });
    expect(await wazzup.messages.send(WHATSAPP_TEXT)).toMatchObject({ status: 'sent' });
    const { data, response } = await wazzup.messages.send(WHATSAPP_TEXT).withResponse();
    expect(data).toMatchObject({ status: 'sent', messageId: 'm2' });
    expect(response).toMatchObject({ status: 201, requestId: 'req-1', attempts: 1 });
    expect(response.rateLimitWaitMs).toBe(0);
    expect(response.headers.get('x-echo')).toBe('Bearer [redacted]');
    const error = await wazzup.messages.send(WHATSAPP_TEXT).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WazzupApiError);
    expect((error as WazzupApiError).response).toMatchObject({ status: 400, requestId: 'req-2' });
  });

  it('a bad input rejects the promise, it never throws, and withResponse() rejects alike', async () => {
    const wazzup = createWazzup({ apiKey: API_KEY, fetch: recordingFetch(created()) });
    const bad = { ...WHATSAPP_TEXT, chatId: '+7' };
    const sent = wazzup.messages.send(bad);
    await expect(sent).rejects.toBeInstanceOf(WazzupValidationError);
    await expect(wazzup.messages.send(bad).withResponse()).rejects.toBeInstanceOf(
      WazzupValidationError,
    );
    await expect(wazzup.users.get('..')).rejects.toBeInstanceOf(WazzupValidationError);
  });

  it('a failed call read only by withResponse() leaves no unhandled rejection behind', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const fetch = recordingFetch(failed(400, { error: 'CHANNEL_NOT_FOUND' }));
      const wazzup = createWazzup({ apiKey: API_KEY, fetch, rateLimit: false, maxRetries: 0 });
      await expect(wazzup.messages.send(WHATSAPP_TEXT).withResponse()).rejects.toMatchObject({
        code: 'CHANNEL_NOT_FOUND',
      });
      await expect(wazzup.channels.list().withResponse()).rejects.toBeInstanceOf(WazzupApiError);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it("a call's response reads as JSON with its headers redacted, and then and catch give plain promises", async () => {
    const headers = { 'x-request-id': 'req-9', 'x-echo': `Bearer ${API_KEY}` };
    const fetch = recordingFetch(
      Response.json({ messageId: 'm', chatId: '79011112233' }, { status: 201, headers }),
    );
    const wazzup = createWazzup({ apiKey: API_KEY, fetch, rateLimit: false });
    const sent = wazzup.messages.send(WHATSAPP_TEXT);
    const { response } = await sent.withResponse();
    const json = JSON.parse(JSON.stringify(response));
    expect(json).toMatchObject({
      status: 201,
      requestId: 'req-9',
      attempts: 1,
      rateLimitWaitMs: 0,
    });
    expect(json.headers['x-echo']).toBe('Bearer [redacted]');
    expect(JSON.stringify(response)).not.toContain(API_KEY);
    expect('withResponse' in sent.then(() => 1)).toBe(false);
    expect(fetch.requests).toHaveLength(1);
  });

  it('a list is its first page when awaited, and every item when iterated; it resumes from an offset', async () => {
    const fetch = recordingFetch((request) => {
      const offset = Number(new URL(request.url).searchParams.get('offset'));
      const ids = Array.from({ length: offset < 200 ? 100 : 5 }, (_, i) => `c${offset + i}`);
      return page(ids, '205');
    });
    const wazzup = createWazzup({ apiKey: API_KEY, fetch, rateLimit: false });
    const first = await wazzup.contacts.list();
    expect(first).toMatchObject({ count: 205, offset: 0, hasNext: true });
    expect(first.data).toHaveLength(100);
    const second = await first.next();
    expect(second?.offset).toBe(100);
    let seen = 0;
    for await (const _ of wazzup.contacts.list()) seen++;
    expect(seen).toBe(205);
    const resumed = await wazzup.contacts.list({ offset: 200 });
    expect(resumed.data.map((contact) => contact.id)).toEqual([
      'c200',
      'c201',
      'c202',
      'c203',
      'c204',
    ]);
    expect(await resumed.next()).toBeNull();
    await expect(wazzup.contacts.list({ offset: -1 })).rejects.toBeInstanceOf(
      WazzupValidationError,
    );
  });

  it('an unpaged list is one page', async () => {
    const fetch = recordingFetch(
      Response.json([{ channelId: 'c', transport: 'whatsapp', state: 'active' }]),
    );
    const channels = await createWazzup({ apiKey: API_KEY, fetch }).channels.list();
    expect(channels).toMatchObject({ offset: 0, count: 1, hasNext: false });
    expect(await channels.next()).toBeNull();
  });

  it('request() calls a route the SDK does not type, on the same engine, and keeps to the host', async () => {
    const fetch = recordingFetch(failed(503), Response.json({ ok: 1 }), failed(503));
    const wazzup = createWazzup({ apiKey: API_KEY, fetch, rateLimit: false });
    const answer = await wazzup
      .request({ method: 'GET', path: '/v3/new/route', query: { a: 1, b: undefined } })
      .withResponse();
    expect(answer).toMatchObject({ data: { ok: 1 }, response: { status: 200, attempts: 2 } });
    expect(fetch.requests[0]?.url).toBe('https://api.wazzup24.com/v3/new/route?a=1');
    // A POST is not repeated unless it says it may be.
    const posted = await wazzup
      .request({ method: 'POST', path: '/v3/new', body: { x: 1 } })
      .catch((caught: unknown) => caught);
    expect(posted).toMatchObject({ status: 503, attempts: 1 });
    await expect(wazzup.request({ method: 'GET', path: '@evil.example/x' })).rejects.toMatchObject({
      field: 'path',
    });
    expect(fetch.requests).toHaveLength(3);
  });

  it('request() gives an answer that is not JSON as its text, and an empty one as undefined', async () => {
    const fetch = recordingFetch(new Response('plain words'), new Response(null, { status: 204 }));
    const wazzup = createWazzup({ apiKey: API_KEY, fetch, rateLimit: false });
    expect(await wazzup.request({ method: 'GET', path: '/v3/text' })).toBe('plain words');
    expect(await wazzup.request({ method: 'DELETE', path: '/v3/x/1' })).toBeUndefined();
  });
});

describe('logging and hooks', () => {
  function recorder() {
    const lines: string[] = [];
    const logger: Logger = {
      debug: (line) => lines.push(`debug ${line}`),
      info: (line) => lines.push(`info ${line}`),
      warn: (line) => lines.push(`warn ${line}`),
      error: (line) => lines.push(`error ${line}`),
    };
    return { lines, logger };
  }

  it('tell every attempt, retry and wait, at the level asked (warn by default, or WAZZUP_LOG)', async () => {
    const { lines, logger } = recorder();
    const records: string[] = [];
    const fetch = recordingFetch(failed(503), created());
    const wazzup = createWazzup({
      apiKey: API_KEY,
      fetch,
      logger,
      env: { WAZZUP_LOG: 'debug' },
      hooks: {
        onRequest: (record) => records.push(`request ${record.route} ${record.attempt}`),
        onResponse: (record) => records.push(`response ${record.status} ${record.code ?? ''}`),
        onRetry: (record) => records.push(`retry ${record.attempt} ${record.code}`),
      },
    });
    await wazzup.messages.send({ ...WHATSAPP_TEXT, crmMessageId: 'c-1' });
    expect(records).toEqual([
      'request POST /v3/message 1',
      'response 503 SERVER_ERROR',
      'retry 2 SERVER_ERROR',
      'request POST /v3/message 2',
      'response 201 ',
    ]);
    expect(lines.filter((line) => line.startsWith('warn'))).toEqual([
      expect.stringMatching(
        /^warn wazzup: retrying POST \/v3\/message after SERVER_ERROR \(attempt 2 in \d+ ms\)$/,
      ),
    ]);
    expect(lines.filter((line) => line.startsWith('debug'))).toHaveLength(2);
    const quiet = recorder();
    await createWazzup({
      apiKey: API_KEY,
      fetch: recordingFetch(created()),
      logger: quiet.logger,
    }).messages.send(WHATSAPP_TEXT);
    expect(quiet.lines).toEqual([]);
  });

  it('every attempt told to onRequest is told to onResponse, with the same callId, an aborted one too', async () => {
    const records: { hook: string; callId: number; code?: string | undefined }[] = [];
    const controller = new AbortController();
    const wazzup = createWazzup({
      apiKey: API_KEY,
      rateLimit: false,
      // Never answers: the caller's abort ends the attempt.
      fetch: (_input, init) =>
        new Promise((_, reject) =>
          init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
        ),
      hooks: {
        onRequest: ({ callId }) => records.push({ hook: 'request', callId }),
        onResponse: ({ callId, code }) => records.push({ hook: 'response', callId, code }),
      },
    });
    const sent = wazzup.messages.send(WHATSAPP_TEXT, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(sent).rejects.toMatchObject({ name: 'WazzupAbortError', attempts: 1 });
    const [request, response] = records;
    expect(records).toHaveLength(2);
    expect(response).toEqual({ hook: 'response', callId: request?.callId, code: 'ABORTED' });
    // Another call has another id.
    await wazzup.messages.send(WHATSAPP_TEXT, { signal: AbortSignal.abort() }).catch(() => {});
    const other = createWazzup({
      apiKey: API_KEY,
      fetch: recordingFetch(created()),
      hooks: { onRequest: ({ callId }) => records.push({ hook: 'request', callId }) },
    });
    await other.messages.send(WHATSAPP_TEXT);
    expect(records.at(-1)?.callId).not.toBe(request?.callId);
  });

  it('a hook that throws is logged and never fails the call; bad options are refused by name', async () => {
    const { lines, logger } = recorder();
    const wazzup = createWazzup({
      apiKey: API_KEY,
      fetch: recordingFetch(created()),
      logger,
      hooks: {
        onRequest: () => {
          throw new Error(`broken with ${API_KEY}`);
        },
      },
    });
    expect(await wazzup.messages.send(WHATSAPP_TEXT)).toMatchObject({ status: 'sent' });
    expect(lines).toEqual(['warn wazzup: the onRequest hook threw: broken with [redacted]']);
    for (const [option, value] of [
      ['logLevel', 'loud'],
      ['logger', { log() {} }],
      ['hooks', { onRequst() {} }],
    ] as const) {
      expect(() => createWazzup({ apiKey: API_KEY, [option]: value } as never)).toThrow(
        expect.objectContaining({ variable: option }),
      );
    }
    expect(() => createWazzup({ apiKey: API_KEY, env: { WAZZUP_LOG: 'chatty' } })).toThrow(
      expect.objectContaining({ variable: 'WAZZUP_LOG' }),
    );
  });
});
