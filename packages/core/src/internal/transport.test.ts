import { describe, expect, it } from 'vitest';
import { created, failed, recordingFetch } from '../../test/recording-fetch';
import { createTransport } from './transport';

const init = (signal = new AbortController().signal) => ({
  body: '{"a":1}',
  headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
  signal,
});

describe('transport over ofetch', () => {
  it('uses the injected fetch and hands back status, headers and text', async () => {
    const fetch = recordingFetch(created('m', 'c'));
    const answer = await createTransport(fetch)('http://host/v3/message', init());
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.text)).toEqual({ messageId: 'm', chatId: 'c' });
    expect(fetch.requests[0]).toMatchObject({ method: 'POST', body: { a: 1 } });
  });

  it('hands fetch the headers as a record of their own, and leaves the shared ones as they were', async () => {
    let given: HeadersInit | undefined;
    const fetch = recordingFetch(created('m', 'c'));
    const request = init();
    await createTransport((input, options) => {
      given = options?.headers;
      return fetch(input, options);
    })('http://host/v3/message', request);
    // fetch reads exactly the headers, plus the accept ofetch adds, as the object's own properties.
    expect({ ...(given as Record<string, string>) }).toEqual({
      authorization: 'Bearer k',
      'content-type': 'application/json',
      accept: 'application/json',
    });
    expect(Object.fromEntries(fetch.requests[0]?.headers ?? [])).toEqual({
      authorization: 'Bearer k',
      'content-type': 'application/json',
      accept: 'application/json',
    });
    expect(request.headers).toEqual({
      authorization: 'Bearer k',
      'content-type': 'application/json',
    });
  });

  it("keeps a caller's content-type and accept in whatever case they are spelled", async () => {
    const fetch = recordingFetch(created('m', 'c'));
    await createTransport(fetch)('http://host/v3/message', {
      ...init(),
      headers: { 'Content-Type': 'text/plain', Accept: 'text/plain' },
    });
    expect(fetch.requests[0]?.headers.get('content-type')).toBe('text/plain');
    expect(fetch.requests[0]?.headers.get('accept')).toBe('text/plain');
  });

  it('hands back error statuses instead of throwing, and makes one attempt only', async () => {
    const fetch = recordingFetch(failed(503, { error: 'X' }, { 'retry-after': '2' }));
    const answer = await createTransport(fetch)('http://host/v3/message', init());
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('2');
    expect(fetch.requests).toHaveLength(1);
  });

  it('gives an empty text for an empty body', async () => {
    const answer = await createTransport(recordingFetch(failed(401)))(
      'http://host/v3/message',
      init(),
    );
    expect(answer).toMatchObject({ status: 401, text: '' });
  });

  it('passes the abort signal to fetch', async () => {
    const controller = new AbortController();
    const fetch = recordingFetch(
      (request) =>
        new Promise<Response>((_, reject) => {
          request.signal.addEventListener('abort', () => reject(new Error('aborted')));
          controller.abort();
        }),
    );
    const pending = createTransport(fetch)('http://host/v3/message', init(controller.signal));
    await expect(pending).rejects.toThrow('aborted');
  });

  it('never follows a redirect: fetch is told so, and the 3xx comes back as it is', async () => {
    const fetch = recordingFetch(
      new Response(null, { status: 307, headers: { location: 'http://elsewhere/v3/message' } }),
    );
    let redirect: RequestRedirect | undefined;
    const answer = await createTransport((input, options) => {
      redirect = options?.redirect;
      return fetch(input, options);
    })('http://host/v3/message', init());
    expect(redirect).toBe('manual');
    expect(answer.status).toBe(307);
    expect(fetch.requests).toHaveLength(1);
  });

  it('reads a body only up to its limit and says it was cut', async () => {
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode('x'.repeat(1000)));
      },
    });
    const answer = await createTransport(async () => new Response(endless, { status: 500 }))(
      'http://host/v3/message',
      { ...init(), maxBytes: 2500 },
    );
    expect(answer).toMatchObject({ status: 500, truncated: true });
    expect(answer.text).toHaveLength(2500);
  });

  it('does not trust a declared length when the body is compressed', async () => {
    const body = new TextEncoder().encode('y'.repeat(3000));
    const answer = await createTransport(
      async () =>
        new Response(body, {
          status: 500,
          headers: { 'content-length': '10', 'content-encoding': 'gzip' },
        }),
    )('http://host/v3/message', { ...init(), maxBytes: 100 });
    expect(answer).toMatchObject({ truncated: true });
    expect(answer.text).toHaveLength(100);
  });

  it('reads a body of undeclared length whole, whatever its chunks split', async () => {
    // One byte a chunk: every Cyrillic letter and the emoji fall across chunk boundaries.
    const text = '{"description":"Привет, мир 👋"}';
    const bytes = new TextEncoder().encode(text);
    let at = 0;
    const trickle = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at < bytes.length) controller.enqueue(bytes.subarray(at, ++at));
        else controller.close();
      },
    });
    const answer = await createTransport(async () => new Response(trickle, { status: 400 }))(
      'http://host/v3/message',
      init(),
    );
    expect(answer).toMatchObject({ status: 400, text, truncated: false });
  });
});
