import { WazzupConfigError } from '@wazzup-sdk/core';
import { describe, expect, it } from 'vitest';
import { createProxyHandler, type ProxyOptions } from './create-proxy-handler';

const authorize = () => true;
const make = (options: Partial<ProxyOptions<object>>) => () =>
  createProxyHandler({ authorize, allowedOrigins: [], ...options } as ProxyOptions<object>);

describe('createProxyHandler checks its options when it is made', () => {
  it.each([
    ['a string', 'https://app'],
    ['an origin with a path', ['https://app.example.com/']],
    ['a bare host', ['app.example.com']],
    ['not a string', [42]],
    ['missing', undefined],
  ])('allowedOrigins as %s: WazzupConfigError', (_, allowedOrigins) => {
    expect(make({ allowedOrigins } as never)).toThrow(WazzupConfigError);
  });

  it('without authorize: WazzupConfigError', () => {
    expect(make({ authorize: undefined } as never)).toThrow(WazzupConfigError);
  });

  it.each([0, -1, 1.5, '65536'])('maxBodyBytes %j: WazzupConfigError', (maxBodyBytes) => {
    expect(make({ maxBodyBytes } as never)).toThrow(WazzupConfigError);
  });

  it('takes exact origins, ports included', async () => {
    const proxy = make({ allowedOrigins: ['https://app.example.com', 'http://localhost:5173'] })();
    const preflight = (origin: string) =>
      proxy(new Request('http://worker/send', { method: 'OPTIONS', headers: { origin } }), {});
    expect((await preflight('http://localhost:5173')).status).toBe(204);
    // A string would have let this in by substring.
    expect((await preflight('https://app')).status).toBe(403);
  });
});
