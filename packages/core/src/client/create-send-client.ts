import { createRedactor } from '../errors/redact';
import { createSendMessageRequestSchema } from '../schemas/request';
import type { RequestSchemaOptions } from '../schemas/request-types';
import { createDeadlines } from './attempt-timeouts';
import {
  checkCount,
  checkHeaders,
  checkMs,
  checkUnknownKeys,
  checkUrl,
  refuseOption,
} from './check-options';
import {
  type CallOptions,
  DEFAULT_MAX_RETRIES,
  DEFAULT_QUEUE_TIMEOUT_MS,
  DEFAULT_RATE_LIMIT,
  DEFAULT_RETRY_DEADLINE_MS,
  DEFAULT_TIMEOUT_MS,
  type RateLimit,
  type WazzupOptions,
  type WazzupSender,
} from './contract';
import { createCrmMessageId } from './crm-message-id';
import { sharedRateLimiter } from './rate-limiter';
import { type EngineContext, request } from './retry-loop';
import { sendRoute } from './send-route';
import { createTransport } from './transport';
import { validateRequest } from './validate';

/** Options of {@link createSendClient}: the client's options, with the endpoint spelled out. */
export interface SendClientOptions extends Omit<WazzupOptions, 'apiKey' | 'baseUrl'> {
  /** The full URL messages are POSTed to: the API's `/v3/message`, or a proxy speaking its protocol. */
  url: string;
  /** Headers sent with every request, such as `authorization`. */
  headers?: Record<string, string>;
  /**
   * Values that must never appear in an error (keys, tokens): each, its bare form (without a
   * `Bearer ` scheme) and its percent-encoded form are replaced by `[redacted]`, whatever their case.
   * Values under 8 characters are not secrets and are left alone.
   */
  secrets?: readonly string[];
}

function checkRateLimit(value: unknown): RateLimit | false {
  if (value === undefined || value === false) return value ?? DEFAULT_RATE_LIMIT;
  if (typeof value !== 'object' || !value)
    refuseOption('rateLimit', '{ limit, windowMs } or false');
  const { limit, windowMs } = value as Partial<RateLimit>;
  return {
    limit: checkCount('rateLimit.limit', limit, 1, 1e6),
    windowMs: checkMs('rateLimit.windowMs', windowMs),
  };
}

function checkSchemaOptions({
  textLimits,
  allowChatTypes,
  unknownKeys,
}: Omit<WazzupOptions, 'apiKey'>): RequestSchemaOptions {
  if (typeof (textLimits ?? {}) !== 'object') refuseOption('textLimits', 'an object');
  for (const [chatType, limit] of Object.entries(textLimits ?? {})) {
    checkCount(`textLimits.${chatType}`, limit, 1, 1e6);
  }
  const names = allowChatTypes ?? [];
  if (!Array.isArray(names) || names.some((name) => typeof name !== 'string' || !name.trim())) {
    refuseOption('allowChatTypes', 'an array of chat type names');
  }
  return {
    ...(textLimits && { textLimits }),
    ...(allowChatTypes && { allowChatTypes }),
    unknownKeys: checkUnknownKeys(unknownKeys),
  };
}

/**
 * The engine every client is made on, from checked options: one transport, one retry policy,
 * one redaction and the key's one rate limiter for every route. `base` is where route paths
 * (`/v3/message`) are appended, or, with `fixed`, the one URL every request goes to (a proxy).
 */
export function createEngine(
  options: Omit<WazzupOptions, 'apiKey' | 'baseUrl'> & {
    headers?: Record<string, string> | undefined;
    secrets?: readonly string[] | undefined;
  },
  base: string,
  fixed: boolean,
): EngineContext {
  const headers = checkHeaders(options.headers);
  const rateLimit = checkRateLimit(options.rateLimit);
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    refuseOption('fetch', 'a function');
  }
  return {
    transport: createTransport(options.fetch),
    startDeadline: createDeadlines(),
    endpoint: fixed ? () => base : (path) => base + path,
    headers: { ...headers, 'content-type': 'application/json', accept: 'application/json' },
    maxRetries: checkCount('maxRetries', options.maxRetries ?? DEFAULT_MAX_RETRIES, 0, 100),
    timeoutMs: checkMs('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    retryDeadlineMs: checkMs(
      'retryDeadlineMs',
      options.retryDeadlineMs ?? DEFAULT_RETRY_DEADLINE_MS,
    ),
    queueTimeoutMs: checkMs('queueTimeoutMs', options.queueTimeoutMs ?? DEFAULT_QUEUE_TIMEOUT_MS),
    redact: createRedactor(options.secrets ?? []),
    unknownKeys: checkUnknownKeys(options.unknownKeys),
    limiter:
      rateLimit === false
        ? undefined
        : sharedRateLimiter(`${base} ${headers?.authorization ?? ''}`, rateLimit),
  };
}

/** A send without options: one shared object rather than a new `{}` per call. */
const NO_OPTIONS: CallOptions = {};

/** `sendMessage` on an engine: validation, one crmMessageId per call, the send route. */
export function senderOn(
  engine: EngineContext,
  options: Omit<WazzupOptions, 'apiKey'>,
): WazzupSender {
  const schema = createSendMessageRequestSchema(checkSchemaOptions(options));
  return {
    sendMessage(input, callOptions = NO_OPTIONS) {
      try {
        const message = validateRequest(schema, input);
        // The request is valibot's output, a fresh object, so it may take the generated id.
        message.crmMessageId ??= createCrmMessageId();
        const { crmMessageId } = message;
        return request(engine, sendRoute(JSON.stringify(message), crmMessageId), callOptions);
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}

/**
 * A send-only client against any endpoint that speaks the `/v3/message` protocol: validation,
 * one crmMessageId per call, the retry loop and the answer → result/error mapping. Runtime
 * packages use it to send through a proxy; most code wants `createWazzup` or `createSender`.
 * Every option is checked here: a bad one throws `WazzupConfigError` naming it.
 */
export function createSendClient(options: SendClientOptions): WazzupSender {
  const engine = createEngine(options, checkUrl('url', options.url, false), true);
  return senderOn(engine, options);
}
