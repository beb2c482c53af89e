import {
  createSendClient,
  createSender,
  createWazzup as createWholeClient,
  type WazzupClient,
  WazzupConfigError,
  type WazzupOptions,
  type WazzupSender,
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

/** Refuses an API key in a page unless the caller said they know what it means. */
function allowKey(dangerouslyAllowBrowser: boolean | undefined): void {
  if (dangerouslyAllowBrowser !== true) {
    throw new WazzupConfigError(
      'apiKey',
      'anyone who opens the page can read an apiKey: send through { proxyUrl }, or set dangerouslyAllowBrowser',
    );
  }
}

/**
 * The whole client (every v3 route, not only sending) straight from a page, with the API key in
 * it: for private tools only, so it needs `dangerouslyAllowBrowser: true`. The proxy speaks only
 * `/v3/message`, so through a proxy there is {@link createWazzup}, which only sends.
 */
export function createDirectClient(
  options: WazzupOptions & { dangerouslyAllowBrowser: true },
): WazzupClient {
  const { dangerouslyAllowBrowser, ...clientOptions } = options;
  allowKey(dangerouslyAllowBrowser);
  return createWholeClient(clientOptions);
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
export function createWazzup(options: BrowserWazzupOptions): WazzupSender {
  const { proxyUrl, headers, apiKey, dangerouslyAllowBrowser, ...clientOptions } = options;
  if (apiKey !== undefined) {
    allowKey(dangerouslyAllowBrowser);
    return createSender({ ...clientOptions, apiKey });
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
