import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { API_KEY, WHATSAPP_TEXT } from '../../test/fixtures';
import { failed, recordingFetch, type Scripted } from '../../test/recording-fetch';
import { createWazzup } from '../client';
import { WazzupError } from './classes';

/** Every way an error gets printed, logged or shipped, with its cause chain. */
function renderings(error: unknown): string[] {
  const out: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const e = current as Error;
    out.push(String(e), e.message, e.stack ?? '', JSON.stringify(e), inspect(e, { depth: 10 }));
    current = e.cause;
  }
  return out;
}

const echoKey = (status: number) =>
  failed(status, {
    error: 'VALIDATION_ERROR',
    description: `Bad header Authorization: Bearer ${API_KEY}`,
    data: { headers: { authorization: `Bearer ${API_KEY}` }, list: [API_KEY] },
  });

const cases: [string, Scripted[]][] = [
  ['a 400 that echoes the key', [echoKey(400)]],
  ['a 5xx that echoes the key, retried', [echoKey(500)]],
  ['a connection error that names the key', [new TypeError(`connect failed for ${API_KEY}`)]],
  ['an HTML page holding the key', [new Response(`<h1>${API_KEY}</h1>`, { status: 502 })]],
  ['a 201 that is not a result', [new Response(`{"oops":"${API_KEY}"}`, { status: 201 })]],
];

describe('the API key never leaks', () => {
  it.each(cases)('through %s', async (_, script) => {
    const wazzup = createWazzup({
      apiKey: API_KEY,
      fetch: recordingFetch(...script),
      maxRetries: 1,
      timeoutMs: 1000,
    });
    const error = await wazzup.messages.send(WHATSAPP_TEXT).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WazzupError);
    for (const text of renderings(error)) expect(text).not.toContain(API_KEY);
  });

  it('through a validation error', async () => {
    const wazzup = createWazzup({ apiKey: API_KEY, fetch: recordingFetch() });
    const error = await wazzup.messages
      .send({ ...WHATSAPP_TEXT, chatId: 'x' })
      .catch((caught: unknown) => caught);
    for (const text of renderings(error)) expect(text).not.toContain(API_KEY);
  });

  it('through the client object', () => {
    const wazzup = createWazzup({ apiKey: API_KEY });
    expect(JSON.stringify(wazzup)).not.toContain(API_KEY);
    expect(inspect(wazzup, { depth: 10, showHidden: true })).not.toContain(API_KEY);
  });
});
