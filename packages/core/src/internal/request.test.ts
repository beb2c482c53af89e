import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_KEY, WHATSAPP_TEXT } from '../../test/fixtures';
import { created, failed, recordingFetch, type Scripted } from '../../test/recording-fetch';
import { createWazzup } from '../client';
import type { WazzupOptions } from '../core/options';
import {
  WazzupAbortError,
  WazzupApiError,
  WazzupConfigError,
  WazzupConnectionError,
  type WazzupError,
  WazzupTimeoutError,
} from '../errors/classes';

beforeEach(() => {
  vi.useFakeTimers();
  // The middle of every jitter range, so waits are predictable: 250 ms, 500 ms, 1 s, …
  vi.spyOn(Math, 'random').mockReturnValue(0.5);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Runs a send to completion under fake timers and reports how it ended and when. */
async function run(
  script: Scripted[],
  options: Partial<WazzupOptions> = {},
  input = WHATSAPP_TEXT,
) {
  const fetch = recordingFetch(...script);
  const wazzup = createWazzup({ apiKey: API_KEY, rateLimit: false, fetch, ...options });
  const startedAt = Date.now();
  // Timed when the call settles: running every timer also runs the idle deadline timer that Node
  // keeps (unreferenced) for the next attempt, which moves the fake clock on past the end.
  const settled = wazzup.messages.send(input).then(
    (result) => ({ result, error: undefined, elapsed: Date.now() - startedAt }),
    (error: unknown) => ({ result: undefined, error, elapsed: Date.now() - startedAt }),
  );
  await vi.runAllTimersAsync();
  return { ...(await settled), fetch };
}

/** A server that never answers: the request ends only when its signal aborts, as with a real fetch. */
const hang = (request: Request) =>
  new Promise<Response>((_, reject) => {
    if (request.signal.aborted) reject(request.signal.reason);
    request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
  });

describe('sending', () => {
  it('POSTs JSON to {baseUrl}/v3/message with the bearer key', async () => {
    const { result, fetch } = await run([created('m-1', '79011112233')], {
      baseUrl: 'http://127.0.0.1:9/',
    });
    expect(result).toMatchObject({ status: 'sent', messageId: 'm-1', chatId: '79011112233' });
    const [request] = fetch.requests;
    expect(request?.url).toBe('http://127.0.0.1:9/v3/message');
    expect(request?.method).toBe('POST');
    expect(request?.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
    expect(request?.headers.get('content-type')).toBe('application/json');
  });

  it('generates one crmMessageId per call and returns it', async () => {
    const { result, fetch } = await run([created()]);
    const sent = fetch.requests[0]?.body.crmMessageId;
    expect(sent).toMatch(/^[0-9a-f-]{36}$/);
    expect(result).toMatchObject({ crmMessageId: sent });
  });

  it('leaves the caller’s message as it was, so sending it again gets a new crmMessageId', async () => {
    const input = { ...WHATSAPP_TEXT };
    const first = await run([created()], {}, input);
    expect(input).toEqual(WHATSAPP_TEXT);
    const second = await run([created()], {}, input);
    expect(second.fetch.requests[0]?.body.crmMessageId).not.toBe(
      first.fetch.requests[0]?.body.crmMessageId,
    );
  });

  it('keeps the caller’s crmMessageId', async () => {
    const { result, fetch } = await run([created()], {}, {
      ...WHATSAPP_TEXT,
      crmMessageId: 'order-42',
    } as typeof WHATSAPP_TEXT);
    expect(fetch.requests[0]?.body.crmMessageId).toBe('order-42');
    expect(result).toMatchObject({ crmMessageId: 'order-42' });
  });

  it.each(['repeatedCrmMessageId', 'REPEATED_CRM_MESSAGE_ID'])(
    'answers duplicate for %s',
    async (code) => {
      const { result, fetch } = await run([
        failed(400, { error: code, description: 'already sent' }),
      ]);
      expect(result).toEqual({
        status: 'duplicate',
        crmMessageId: fetch.requests[0]?.body.crmMessageId,
      });
    },
  );
});

describe('retries', () => {
  it.each([500, 502, 503, 504])(
    'retries %i up to maxRetries with the same crmMessageId',
    async (status) => {
      const { error, fetch } = await run([failed(status)], { maxRetries: 3 });
      expect(error).toBeInstanceOf(WazzupApiError);
      expect(fetch.requests).toHaveLength(4);
      expect(new Set(fetch.requests.map((request) => request.body.crmMessageId)).size).toBe(1);
      expect((error as WazzupError).attempts).toBe(4);
    },
  );

  it('waits out a 429 lasting 10 s with the default options, and sends', async () => {
    const startedAt = Date.now();
    const { result, error, fetch, elapsed } = await run([
      () =>
        Date.now() - startedAt < 10_000
          ? failed(429, { error: 'TOO_MANY_REQUESTS' })
          : created('m-1'),
    ]);
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ status: 'sent', messageId: 'm-1' });
    // Far more than the two retries a failure gets, all with one crmMessageId.
    expect(fetch.requests.length).toBeGreaterThan(3);
    expect(new Set(fetch.requests.map((request) => request.body.crmMessageId)).size).toBe(1);
    expect(elapsed).toBeGreaterThanOrEqual(10_000);
  });

  it('fails a lasting 429 RATE_LIMITED at its retry deadline, not after two tries', async () => {
    const { error, fetch, elapsed } = await run([failed(429)], { retryDeadlineMs: 3_000 });
    expect((error as WazzupApiError).code).toBe('RATE_LIMITED');
    expect(fetch.requests.length).toBeGreaterThan(3);
    // Backoffs of 250, 500, 1 000 ms, then one cut to end at the deadline: the last try is there.
    expect(elapsed).toBe(3_000);
  });

  it('waits out a 429 on a route that is never retried otherwise (it was not acted on)', async () => {
    const fetch = recordingFetch(failed(429), failed(429), Response.json({ ok: true }));
    const wazzup = createWazzup({ apiKey: API_KEY, rateLimit: false, fetch });
    const done = wazzup.request({ method: 'POST', path: '/v3/new/route', body: {} });
    await vi.runAllTimersAsync();
    await done;
    expect(fetch.requests).toHaveLength(3);
  });

  it('counts the failures around 429s against maxRetries, and the 429s not', async () => {
    const { error, fetch } = await run(
      [failed(500), failed(429), failed(429), failed(503), failed(429), failed(502)],
      { maxRetries: 2 },
    );
    expect((error as WazzupApiError).status).toBe(502);
    expect(fetch.requests).toHaveLength(6);
  });

  it('retries nothing, not even a 429, with maxRetries 0 (the caller retries itself)', async () => {
    const { error, fetch } = await run([failed(429)], { maxRetries: 0 });
    expect((error as WazzupApiError).status).toBe(429);
    expect(fetch.requests).toHaveLength(1);
  });

  it.each([400, 401, 403, 404, 422])('never retries %i', async (status) => {
    const { error, fetch } = await run([failed(status, { error: 'X', description: 'no' })]);
    expect((error as WazzupApiError).status).toBe(status);
    expect(fetch.requests).toHaveLength(1);
  });

  it('makes maxRetries + 1 attempts by default (3)', async () => {
    const { fetch } = await run([failed(503)]);
    expect(fetch.requests).toHaveLength(3);
  });

  it('succeeds when a retry does, and the result carries the crmMessageId of every attempt', async () => {
    const { result, fetch } = await run([failed(500), failed(429), created()]);
    expect(result).toMatchObject({
      status: 'sent',
      crmMessageId: fetch.requests[0]?.body.crmMessageId,
    });
    expect(fetch.requests).toHaveLength(3);
  });

  it('backs off exponentially with full jitter', async () => {
    const { elapsed } = await run([failed(500), failed(500), created()]);
    // random() = 0.5: 0.5 × 500 ms, then 0.5 × 1000 ms.
    expect(elapsed).toBe(250 + 500);
  });

  it('honours Retry-After in seconds', async () => {
    const { elapsed, fetch } = await run([
      failed(429, undefined, { 'retry-after': '7' }),
      created(),
    ]);
    expect(fetch.requests).toHaveLength(2);
    expect(elapsed).toBe(7000);
  });

  it('retries connection errors', async () => {
    const { result, fetch } = await run([new TypeError('fetch failed'), created()]);
    expect(result).toMatchObject({ status: 'sent' });
    expect(fetch.requests).toHaveLength(2);
  });

  it('gives up on connection errors with WazzupConnectionError', async () => {
    const { error } = await run([
      new TypeError('fetch failed', { cause: new Error('ECONNREFUSED') }),
    ]);
    expect(error).toBeInstanceOf(WazzupConnectionError);
    expect((error as Error).message).toContain('ECONNREFUSED');
  });

  it('times out each attempt and retries it', async () => {
    const { error, fetch, elapsed } = await run([hang], { timeoutMs: 1000, maxRetries: 1 });
    expect(error).toBeInstanceOf(WazzupTimeoutError);
    expect((error as WazzupTimeoutError).timeoutMs).toBe(1000);
    expect(fetch.requests).toHaveLength(2);
    // A lone attempt's timer fires with the whole slack: a tenth of the limit, at most 100 ms.
    expect(elapsed).toBe(1100 + 250 + 1100);
  });

  it('lets a call override the timeout', async () => {
    const fetch = recordingFetch(hang);
    const wazzup = createWazzup({ apiKey: API_KEY, rateLimit: false, fetch, maxRetries: 0 });
    const settled = wazzup.messages
      .send(WHATSAPP_TEXT, { timeoutMs: 10 })
      .catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(10);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled).toBeInstanceOf(WazzupTimeoutError);
  });

  it('starts no retry later than 50 s after the first attempt', async () => {
    // Each attempt hangs 20.1 s: attempts start at 0, 20.35 and 40.95 s; a fourth would start past
    // 50 s.
    const { error, fetch, elapsed } = await run([hang], { timeoutMs: 20_000, maxRetries: 10 });
    expect(error).toBeInstanceOf(WazzupTimeoutError);
    expect(fetch.requests).toHaveLength(3);
    expect(elapsed).toBe(20_100 + 250 + 20_100 + 500 + 20_100);
  });

  it('does not wait out a Retry-After that ends past the 50 s bound', async () => {
    const { error, fetch, elapsed } = await run([
      failed(429, undefined, { 'retry-after': '60' }),
      created(),
    ]);
    expect((error as WazzupApiError).code).toBe('RATE_LIMITED');
    expect(fetch.requests).toHaveLength(1);
    expect(elapsed).toBe(0);
  });

  it('never retries a 201 it cannot read, and says the message may have been sent', async () => {
    const { error, fetch } = await run([new Response('<html>ok</html>', { status: 201 })]);
    expect(error).toBeInstanceOf(WazzupApiError);
    expect((error as WazzupApiError).code).toBe('INVALID_RESPONSE');
    expect((error as Error).message).toContain('may have been sent');
    expect(fetch.requests).toHaveLength(1);
  });
});

describe('abort', () => {
  it('stops with WazzupAbortError when the caller aborts mid-request, without retrying', async () => {
    const fetch = recordingFetch(hang);
    const wazzup = createWazzup({ apiKey: API_KEY, rateLimit: false, fetch });
    const controller = new AbortController();
    const settled = wazzup.messages
      .send(WHATSAPP_TEXT, { signal: controller.signal })
      .catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    const error = await settled;
    expect(error).toBeInstanceOf(WazzupAbortError);
    expect(error).not.toBeInstanceOf(WazzupTimeoutError);
    expect((error as WazzupAbortError).crmMessageId).toBe(fetch.requests[0]?.body.crmMessageId);
    await vi.runAllTimersAsync();
    expect(fetch.requests).toHaveLength(1);
  });

  it('stops during the wait between retries', async () => {
    const fetch = recordingFetch(failed(503));
    const wazzup = createWazzup({ apiKey: API_KEY, rateLimit: false, fetch });
    const controller = new AbortController();
    const settled = wazzup.messages
      .send(WHATSAPP_TEXT, { signal: controller.signal })
      .catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    expect(await settled).toBeInstanceOf(WazzupAbortError);
    expect(fetch.requests).toHaveLength(1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const fetch = recordingFetch(created());
    const wazzup = createWazzup({ apiKey: API_KEY, rateLimit: false, fetch });
    const error = await wazzup.messages
      .send(WHATSAPP_TEXT, { signal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WazzupAbortError);
    expect(fetch.requests).toHaveLength(0);
  });
});

describe('the fetch it is given', () => {
  it('is called unbound, as a native fetch must be', async () => {
    const seen: unknown[] = [];
    const fetch = function (this: unknown) {
      seen.push(this);
      return Promise.resolve(created());
    } as unknown as typeof globalThis.fetch;
    await createWazzup({ apiKey: API_KEY, rateLimit: false, fetch }).messages.send(WHATSAPP_TEXT);
    expect(seen).toEqual([undefined]);
  });

  it('defaults to the global fetch, looked up at call time', async () => {
    const fetch = recordingFetch(created());
    vi.stubGlobal('fetch', fetch);
    try {
      await createWazzup({ apiKey: API_KEY }).messages.send(WHATSAPP_TEXT);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(fetch.requests[0]?.url).toBe('https://api.wazzup24.com/v3/message');
  });

  it('refuses to start without a key', () => {
    expect(() => createWazzup({ apiKey: '' })).toThrow(WazzupConfigError);
    expect(() => createWazzup({ apiKey: '' })).toThrow(/WAZZUP_API_KEY is not set/);
  });
});
