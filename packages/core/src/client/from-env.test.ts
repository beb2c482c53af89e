import { describe, expect, it } from 'vitest';
import { WazzupConfigError, WazzupError } from '../errors/classes';
import { API_KEY, WHATSAPP_TEXT } from '../testing/fixtures';
import { created, recordingFetch } from '../testing/recording-fetch';
import { createWazzupFromEnv } from './from-env';

const env = (vars: Record<string, string>) => (name: string) => vars[name];

describe('createWazzupFromEnv', () => {
  it('reads WAZZUP_API_KEY and WAZZUP_BASE_URL', async () => {
    const fetch = recordingFetch(created());
    const wazzup = createWazzupFromEnv(
      env({ WAZZUP_API_KEY: API_KEY, WAZZUP_BASE_URL: 'http://127.0.0.1:9' }),
      { fetch },
    );
    await wazzup.sendMessage(WHATSAPP_TEXT);
    expect(fetch.requests[0]?.url).toBe('http://127.0.0.1:9/v3/message');
    expect(fetch.requests[0]?.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
  });

  it('lets explicit options win', async () => {
    const fetch = recordingFetch(created());
    const wazzup = createWazzupFromEnv(env({ WAZZUP_API_KEY: 'from-env' }), {
      apiKey: 'given',
      fetch,
    });
    await wazzup.sendMessage(WHATSAPP_TEXT);
    expect(fetch.requests[0]?.headers.get('authorization')).toBe('Bearer given');
    expect(fetch.requests[0]?.url).toBe('https://api.wazzup24.com/v3/message');
  });

  it('names the missing variable and where it looked', () => {
    const attempt = () => createWazzupFromEnv(env({}), {}, 'Deno.env');
    expect(attempt).toThrow(WazzupConfigError);
    expect(attempt).toThrow(WazzupError);
    expect(attempt).toThrow('WAZZUP_API_KEY is not set in Deno.env');
  });
});
