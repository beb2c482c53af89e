import {
  createWazzup as createDirectClient,
  createSendClient,
  type WazzupClient,
  WazzupConfigError,
  type WazzupOptions,
} from '@wazzup-sdk/core';

/** Options of the browser {@link createWazzup}. */
export interface BrowserWazzupOptions extends Partial<Omit<WazzupOptions, 'apiKey'>> {
  /**
   * Where your proxy takes messages (`createProxyHandler` from `@wazzup-sdk/cloudflare`, or any
   * endpoint speaking the `/v3/message` protocol). Relative URLs resolve against the page.
   */
  proxyUrl?: string;
  /** Headers for the proxy, such as the user's session token. Never shown in errors. */
  headers?: Record<string, string>;
  /** A Wazzup API key. Anyone who opens the page can read it: needs `dangerouslyAllowBrowser`. */
  apiKey?: string;
  /** Allows `apiKey` in a page, for private tools only. */
  dangerouslyAllowBrowser?: boolean;
}

/**
 * Creates a Wazzup client for the browser. It validates locally, as everywhere, then sends through
 * your proxy so the API key stays on the server; the same `sendMessage`, results and errors as
 * core. Passing an `apiKey` throws unless `dangerouslyAllowBrowser: true`.
 *
 * @example
 * const wazzup = createWazzup({ proxyUrl: '/api/wazzup/send', headers: { authorization: `Bearer ${session}` } });
 * await wazzup.sendMessage({ channelId, chatType: 'whatsapp', chatId: '79011112233', text: 'Hi' });
 */
export function createWazzup(options: BrowserWazzupOptions): WazzupClient {
  const { proxyUrl, headers, apiKey, dangerouslyAllowBrowser, ...clientOptions } = options;
  if (apiKey !== undefined) {
    if (dangerouslyAllowBrowser !== true) {
      throw new WazzupConfigError(
        'apiKey',
        'An API key in a web page can be read by anyone who opens it. Send through a proxy with { proxyUrl } (see createProxyHandler in @wazzup-sdk/cloudflare), or pass dangerouslyAllowBrowser: true for a private tool.',
      );
    }
    return createDirectClient({ ...clientOptions, apiKey });
  }
  if (!proxyUrl) {
    throw new WazzupConfigError(
      'proxyUrl',
      'createWazzup needs { proxyUrl }: the endpoint of your Wazzup proxy',
    );
  }
  const base = (globalThis as { location?: { href: string } }).location?.href;
  return createSendClient({
    ...clientOptions,
    url: new URL(proxyUrl, base).href,
    ...(headers && { headers }),
    secrets: Object.values(headers ?? {}),
  });
}
