import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { API_KEY, WHATSAPP_TEXT } from '../../test/fixtures';
import { created, recordingFetch } from '../../test/recording-fetch';
import { createWazzup } from '../client';
import type { WazzupOptions } from '../core/options';
import { WazzupConfigError, WazzupError } from '../errors/classes';

/** The error `make` throws, which must be a WazzupConfigError. */
function configError(make: () => unknown): WazzupConfigError {
  let caught: unknown;
  try {
    make();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(WazzupConfigError);
  expect(caught).toBeInstanceOf(WazzupError);
  return caught as WazzupConfigError;
}

const withOptions = (options: Record<string, unknown>) => () =>
  createWazzup({ apiKey: API_KEY, ...options } as WazzupOptions);

describe('the API key is checked when the client is made', () => {
  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['not a string', 12345],
  ])('%s: WazzupConfigError naming apiKey', (_, apiKey) => {
    const error = configError(() => createWazzup({ apiKey } as unknown as WazzupOptions));
    expect(error.variable).toBe('apiKey');
  });

  it('missing everywhere: WazzupConfigError naming the variable it was looked for in', () => {
    const error = configError(() => createWazzup({ env: {} }));
    expect(error.variable).toBe('WAZZUP_API_KEY');
  });

  it.each([
    ['a line break', `${API_KEY}\r\nx-evil: 1`],
    ['a NUL', `${API_KEY}\0`],
    ['a space inside', `${API_KEY} x`],
    ['a non-ASCII character', `${API_KEY}é`],
  ])('with %s: refused without repeating the key', (_, apiKey) => {
    const error = configError(() => createWazzup({ apiKey }));
    expect(error.variable).toBe('apiKey');
    for (const text of [error.message, JSON.stringify(error), inspect(error)]) {
      expect(text).not.toContain(API_KEY);
    }
  });

  it('from an env that has it blank: WazzupConfigError naming the variable', () => {
    const error = configError(() => createWazzup({ env: () => ' ' }));
    expect(error.variable).toBe('WAZZUP_API_KEY');
  });

  it('a constructor call without options is a config error too', () => {
    configError(() => createWazzup(undefined as unknown as WazzupOptions));
  });
});

describe('every other option is checked when the client is made', () => {
  it.each([
    ['timeoutMs', Number.POSITIVE_INFINITY],
    ['timeoutMs', 3e9],
    ['timeoutMs', '30000'],
    ['timeoutMs', 0],
    ['timeoutMs', -1],
    ['timeoutMs', Number.NaN],
    ['retryDeadlineMs', 0],
    ['retryDeadlineMs', '50000'],
    ['queueTimeoutMs', Number.POSITIVE_INFINITY],
    ['maxRetries', -1],
    ['maxRetries', 1.5],
    ['maxRetries', '2'],
    ['fetch', 'fetch'],
  ])('%s = %s', (name, value) => {
    expect(configError(withOptions({ [name]: value })).variable).toBe(name);
  });

  it.each([
    [{ limit: 0, windowMs: 1000 }, 'rateLimit.limit'],
    [{ limit: 0.5, windowMs: 1000 }, 'rateLimit.limit'],
    [{ limit: 10 }, 'rateLimit.windowMs'],
    [{ limit: 10, windowMs: 0 }, 'rateLimit.windowMs'],
    [{ limit: '10', windowMs: 1000 }, 'rateLimit.limit'],
    [true, 'rateLimit'],
    [null, 'rateLimit'],
  ])('rateLimit %j: %s', (rateLimit, variable) => {
    expect(configError(withOptions({ rateLimit })).variable).toBe(variable);
  });

  it.each([
    ['not a URL', 'api.wazzup24.com'],
    ['not http(s)', 'ftp://api.wazzup24.com'],
    ['with a query', 'https://api.wazzup24.com/?x=1'],
    ['with a bare ?', 'https://api.wazzup24.com?'],
    ['with a fragment', 'https://api.wazzup24.com/#v3'],
    ['with credentials', 'https://user:pa55word-secret@api.wazzup24.com'],
    ['not a string', 42],
  ])('baseUrl %s', (_, baseUrl) => {
    const error = configError(withOptions({ baseUrl }));
    expect(error.variable).toBe('baseUrl');
    expect(error.message).not.toContain('pa55word-secret');
  });

  it.each([
    [{ textLimits: { telegram: 0 } }, 'textLimits.telegram'],
    [{ textLimits: { telegram: '4096' } }, 'textLimits.telegram'],
    [{ textLimits: 'big' }, 'textLimits'],
    [{ allowChatTypes: 'viber' }, 'allowChatTypes'],
    [{ allowChatTypes: ['viber', ''] }, 'allowChatTypes'],
  ])('%j: %s', (options, variable) => {
    expect(configError(withOptions(options)).variable).toBe(variable);
  });

  it('accepts every option at its bounds, and a baseUrl with a path and trailing slash', async () => {
    const fetch = recordingFetch(created());
    const wazzup = createWazzup({
      apiKey: API_KEY,
      baseUrl: 'http://127.0.0.1:1234/wazzup/',
      fetch,
      timeoutMs: 2 ** 31 - 1,
      maxRetries: 0,
      retryDeadlineMs: 1,
      queueTimeoutMs: 1,
      rateLimit: { limit: 1, windowMs: 1 },
      textLimits: { telegram: 4096 },
      allowChatTypes: ['viber'],
    });
    await wazzup.messages.send(WHATSAPP_TEXT);
    expect(fetch.requests[0]?.url).toBe('http://127.0.0.1:1234/wazzup/v3/message');
  });
});

describe('per-call options are checked before any request', () => {
  it.each([
    ['timeoutMs', 0],
    ['timeoutMs', '100'],
    ['queueTimeoutMs', -5],
  ])('%s = %s', async (name, value) => {
    const fetch = recordingFetch(created());
    const wazzup = createWazzup({ apiKey: API_KEY, fetch });
    const error = await wazzup.messages
      .send(WHATSAPP_TEXT, { [name]: value })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WazzupConfigError);
    expect(error).toMatchObject({ variable: name, attempts: 0 });
    expect(fetch.requests).toHaveLength(0);
  });
});
