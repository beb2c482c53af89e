import type { TextLimits } from '../schemas/limits';
import { createSendMessageRequestSchema, type SendMessageRequest } from '../schemas/request';
import { createCrmMessageId } from './crm-message-id';
import { DEFAULT_RETRY_DEADLINE_MS } from './retry-policy';
import {
  type SendContext,
  type SendMessageOptions,
  type SendMessageResult,
  sendWithRetries,
} from './send-message';
import { createTransport, type FetchLike } from './transport';
import { validateRequest } from './validate';

/** The public API's address. */
export const DEFAULT_BASE_URL = 'https://api.wazzup24.com';

/** Options of {@link createWazzup}. */
export interface WazzupOptions {
  /** The account's API key (or a Sidecar key). Sent only as `Authorization: Bearer …`. */
  apiKey: string;
  /** Where the API lives; default `https://api.wazzup24.com`. */
  baseUrl?: string;
  /** The fetch to use; default the runtime's global `fetch`, looked up at call time. */
  fetch?: FetchLike;
  /** Per-attempt time limit in ms; default 30 000. */
  timeoutMs?: number;
  /** Retries after the first attempt on 429, 5xx, connection errors and timeouts; default 2. */
  maxRetries?: number;
  /** No retry starts later than this many ms after the first attempt; default 50 000. */
  retryDeadlineMs?: number;
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

function redactor(secret: string): (text: string) => string {
  return (text) => (secret ? text.split(secret).join('[redacted]') : text);
}

/**
 * Creates a client for the Wazzup24 API. Nothing runtime-specific: give it a `fetch` or it uses
 * the global one.
 *
 * @example
 * const wazzup = createWazzup({ apiKey: env.WAZZUP_API_KEY });
 * await wazzup.sendMessage({ channelId, chatType: 'whatsapp', chatId: '79011112233', text: 'Hi' });
 */
export function createWazzup(options: WazzupOptions): WazzupClient {
  const { apiKey } = options;
  if (typeof apiKey !== 'string' || apiKey.trim() === '') {
    throw new TypeError('createWazzup: apiKey is required');
  }
  const schema = createSendMessageRequestSchema({
    ...(options.textLimits && { textLimits: options.textLimits }),
    ...(options.allowChatTypes && { allowChatTypes: options.allowChatTypes }),
  });
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const context: SendContext = {
    transport: createTransport(options.fetch),
    url: `${baseUrl}/v3/message`,
    headers: {
      authorization: `Bearer ${apiKey}`,
      'content-type': 'application/json',
      accept: 'application/json',
    },
    maxRetries: options.maxRetries ?? 2,
    timeoutMs: options.timeoutMs ?? 30_000,
    retryDeadlineMs: options.retryDeadlineMs ?? DEFAULT_RETRY_DEADLINE_MS,
    redact: redactor(apiKey),
  };
  return {
    sendMessage(input, callOptions = {}) {
      try {
        const request = validateRequest(schema, input);
        const crmMessageId = request.crmMessageId ?? createCrmMessageId();
        const body = JSON.stringify({ ...request, crmMessageId });
        return sendWithRetries(context, body, crmMessageId, callOptions);
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}
