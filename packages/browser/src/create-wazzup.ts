import {
  type Wazzup,
  WazzupConfigError,
  type WazzupOptions,
  type WazzupSender,
} from '@wazzup-sdk/core';
import {
  checkHeaders,
  envReader,
  resolveIn,
  resolveShared,
  senderOn,
  unlimitedSenderOn,
  wazzupOn,
} from '@wazzup-sdk/core/internal';

/**
 * Options of {@link createProxySender}: a client's options, with the proxy in place of a key. No
 * `rateLimit`: the proxy holds the key and limits it for every page and server that sends on it,
 * which a page cannot know of.
 */
export interface ProxySenderOptions
  extends Omit<WazzupOptions, 'apiKey' | 'baseUrl' | 'dangerouslyAllowBrowser' | 'rateLimit'> {
  /**
   * Where your proxy takes messages (`createProxyHandler` from `@wazzup-sdk/cloudflare`, or any
   * endpoint speaking the `/v3/message` protocol). Relative URLs resolve against the page.
   */
  proxyUrl: string;
  /** Headers for the proxy, such as the user's session token. Never shown in errors or logs. */
  headers?: Record<string, string> | undefined;
}

/** A page has no environment of its own: what is not passed is read from `options.env` only. */
const PAGE = { read: () => undefined, source: 'the page (pass { apiKey })' };

/**
 * The whole client (every v3 route) straight from a page, with the API key in it: anyone who opens
 * the page can read the key, so it needs `dangerouslyAllowBrowser: true` and is for private tools
 * only. A public page sends through {@link createProxySender}.
 *
 * @example
 * const wazzup = createWazzup({ apiKey, dangerouslyAllowBrowser: true });
 * const { data: channels } = await wazzup.channels.list();
 */
export function createWazzup(options: WazzupOptions = {}): Wazzup {
  return wazzupOn(resolveIn(options, PAGE));
}

/** {@link createWazzup} with only `messages.send`: the key in the page, so the same consent. */
export function createSender(options: WazzupOptions = {}): WazzupSender {
  return senderOn(resolveIn(options, PAGE));
}

/**
 * A sender for public pages: it validates in the page, as everywhere, then sends through your
 * proxy, so the API key stays on the server. The same `messages.send`, results and errors as
 * core's sender.
 *
 * @example
 * const wazzup = createProxySender({ proxyUrl: '/api/wazzup/send', headers: { authorization: `Bearer ${session}` } });
 * await wazzup.messages.send({ channelId, chatType: 'whatsapp', chatId: '79011112233', text: 'Hi' });
 */
export function createProxySender(options: ProxySenderOptions): WazzupSender {
  if (typeof options !== 'object' || options === null) {
    throw new WazzupConfigError('options', 'options must be an object with a proxyUrl');
  }
  const { proxyUrl, headers, ...rest } = options;
  if ('apiKey' in rest) {
    throw new WazzupConfigError(
      'apiKey',
      'a proxy sender holds no key: the proxy adds it (a key in a page is createWazzup with dangerouslyAllowBrowser)',
    );
  }
  if ('rateLimit' in rest) {
    throw new WazzupConfigError(
      'rateLimit',
      'a proxy sender has no rate limit: the proxy limits the key',
    );
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
  if (!/^https?:$/.test(new URL(url).protocol)) {
    throw new WazzupConfigError('proxyUrl', 'proxyUrl must be an http(s) URL');
  }
  const sent = checkHeaders(headers) ?? {};
  return unlimitedSenderOn(
    resolveShared(
      { ...rest, rateLimit: false },
      {
        endpoint: () => url,
        limiterKey: url,
        headers: sent,
        // Every header value is a secret to redaction (in its bare form too, without a scheme
        // such as `Bearer `); values too short to be secrets are left alone there.
        secrets: Object.values(sent),
      },
      envReader(rest.env),
    ),
  );
}
