import type { TextLimits } from '../schemas/limits';
import type { SendMessageRequest } from '../schemas/request';
import { checkApiKey, checkUrl, refuseOption } from './check-options';
import { createSendClient } from './create-send-client';
import type { RateLimit } from './rate-limiter';
import type { SendMessageOptions, SendMessageResult } from './send-message';
import type { FetchLike } from './transport';

/** The public API's address. */
export const DEFAULT_BASE_URL = 'https://api.wazzup24.com';

/** Options of {@link createWazzup}. Optional ones may be `undefined` (as read from an env). */
export interface WazzupOptions {
  /** The account's API key (or a Sidecar key). Sent only as `Authorization: Bearer …`. */
  apiKey: string;
  /** Where the API lives; default `https://api.wazzup24.com`. */
  baseUrl?: string | undefined;
  /** The fetch to use; default the runtime's global `fetch`, looked up at call time. */
  fetch?: FetchLike | undefined;
  /**
   * Per-attempt time limit in ms; default 30 000. Attempts that start together share a timer, so
   * it fires up to 100 ms late (a tenth of the limit when that is shorter); on Cloudflare Workers
   * each attempt has its own.
   */
  timeoutMs?: number | undefined;
  /**
   * Longest a send waits for a slot under the key's rate limit, in ms; default 60 000. Past it the
   * send fails with {@link WazzupQueueTimeoutError} and nothing is sent.
   */
  queueTimeoutMs?: number | undefined;
  /** Retries after the first attempt on 429, 5xx, connection errors and timeouts; default 2. */
  maxRetries?: number | undefined;
  /** No retry starts later than this many ms after the first attempt; default 50 000. */
  retryDeadlineMs?: number | undefined;
  /**
   * Client-side rate limit per key: sends queue instead of provoking 429s, and every client of the
   * key in this runtime shares it. Default the service's 500 requests per 5 s; `false` turns it off.
   */
  rateLimit?: RateLimit | false | undefined;
  /** Per-chat-type text limits (code points) over the page's: `{ telegram: 4096 }`. */
  textLimits?: TextLimits;
  /** Chat types the server accepts beyond the page's four (viber, telegroup, vk, avito, max …). */
  allowChatTypes?: readonly string[];
}

/** A configured client. */
export interface WazzupClient {
  /**
   * Validates `input` (throwing {@link WazzupValidationError} before any request), then sends it.
   * Resolves `{ status: 'sent', … }`, or `{ status: 'duplicate' }` when the service already had
   * this crmMessageId; throws a {@link WazzupError} subclass otherwise.
   */
  sendMessage(input: SendMessageRequest, options?: SendMessageOptions): Promise<SendMessageResult>;
}

/**
 * Creates a client for the Wazzup24 API. Nothing runtime-specific: give it a `fetch` or it uses
 * the global one. Every option is checked now: a missing or malformed key, a `baseUrl` that is not
 * an http(s) URL (or has a query, fragment or credentials), a time that is not a positive number
 * of ms, a rate limit below 1 request… throw {@link WazzupConfigError} naming the option.
 *
 * @example
 * const wazzup = createWazzup({ apiKey: env.WAZZUP_API_KEY });
 * await wazzup.sendMessage({ channelId, chatType: 'whatsapp', chatId: '79011112233', text: 'Hi' });
 */
export function createWazzup(options: WazzupOptions): WazzupClient {
  if (typeof options !== 'object' || !options) refuseOption('options', 'an object: { apiKey }');
  const { apiKey, baseUrl, ...rest } = options;
  const key = checkApiKey(apiKey);
  const base = checkUrl('baseUrl', baseUrl ?? DEFAULT_BASE_URL, true);
  return createSendClient({
    ...rest,
    url: `${base}/v3/message`,
    headers: { authorization: `Bearer ${key}` },
    secrets: [key],
  });
}
