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
        'anyone who opens the page can read an apiKey: send through { proxyUrl }, or set dangerouslyAllowBrowser',
      );
    }
    return createDirectClient({ ...clientOptions, apiKey });
  }
  if (typeof proxyUrl !== 'string' || proxyUrl.trim() === '') {
    throw new WazzupConfigError('proxyUrl', 'proxyUrl must be the endpoint of your Wazzup proxy');
  }
  const base = (globalThis as { location?: { href: string } }).location?.href;
  let url: string;
  try {
    url = new URL(proxyUrl, base).href;
  } catch {
    throw new WazzupConfigError('proxyUrl', 'proxyUrl must be a URL or a path on this page');
  }
  // Every header value is a secret to core's redaction (in its bare form too, without a scheme
  // such as `Bearer `); values too short to be secrets are left alone there.
  return createSendClient({
    ...clientOptions,
    url,
    ...(headers && { headers }),
    secrets: headers && typeof headers === 'object' ? Object.values(headers) : [],
  });
}
