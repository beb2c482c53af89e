import { WazzupConfigError } from '../errors/classes';
import type { UnknownKeys } from '../schemas/exact-object';
import type { TextLimits } from '../schemas/limits';
import {
  checkApiKey,
  checkCount,
  checkMs,
  checkUnknownKeys,
  checkUrl,
  refuseOption,
} from './check-options';
import { LOG_LEVELS, type Logger, type LogLevel, type WazzupHooks } from './logging';
import { type Lane, type RateLimitStore, storeLimiters } from './rate-limit-store';

// The client's options in one home: what a caller may pass, the defaults, and the one function
// that checks them all when a client is made. Nothing checks them again.

/** A `fetch` as every runtime provides it; only the call signature is used. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Requests allowed per key in any sliding window. */
export interface RateLimit {
  limit: number;
  windowMs: number;
  /**
   * Where the count is kept when several processes share the key (`redisRateLimit`,
   * `kvRateLimit`, the Durable Object's): every process on the same store and key counts against
   * one budget. Default: in this runtime's memory.
   */
  store?: RateLimitStore | undefined;
}

/** The service's limit: about 500 requests per 5 s per key, across every route. */
export const DEFAULT_RATE_LIMIT: RateLimit = { limit: 500, windowMs: 5000 };
/** The public API's address. */
export const DEFAULT_BASE_URL = 'https://api.wazzup24.com';
/** Per-attempt time limit, unless the client or the call sets one. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Retries after the first attempt, unless the client or the call sets a number. */
export const DEFAULT_MAX_RETRIES = 2;
/**
 * How long the service remembers a crmMessageId (about 60 s, seen live): a repeat within it is
 * answered as a duplicate instead of sent again.
 */
export const DUPLICATE_WINDOW_MS = 60_000;
/**
 * No retry starts later than this after the first attempt: a retry past the duplicate window
 * could deliver a message twice.
 */
export const DEFAULT_RETRY_DEADLINE_MS = 50_000;
/**
 * Longest a call waits for a slot under the key's rate limit before it fails with
 * `WazzupQueueTimeoutError`; at the service's 500 / 5 s that is 6 000 requests queued ahead.
 */
export const DEFAULT_QUEUE_TIMEOUT_MS = 60_000;

/** The variable of the log level: its own name, so a proxy sender bundles no key's name. */
const LOG_ENV = 'WAZZUP_LOG';

/** The environment variables a client reads. */
export const ENV: {
  readonly apiKey: 'WAZZUP_API_KEY';
  readonly baseUrl: 'WAZZUP_BASE_URL';
  readonly logLevel: typeof LOG_ENV;
} = { apiKey: 'WAZZUP_API_KEY', baseUrl: 'WAZZUP_BASE_URL', logLevel: LOG_ENV };

/** Where variables come from: a Worker's env, `process.env`, or a function that reads one. */
export type EnvSource = object | ((name: string) => string | undefined);

/** Options every call takes. */
export interface CallOptions {
  /** Aborts the call (and any wait in the queue or between retries) with a `WazzupAbortError`. */
  signal?: AbortSignal | undefined;
  /** Per-attempt time limit for this call, over the client's `timeoutMs`. */
  timeoutMs?: number | undefined;
  /** Retries for this call, over the client's `maxRetries`. */
  maxRetries?: number | undefined;
  /** Longest wait for a rate-limit slot for this call, over the client's `queueTimeoutMs`. */
  queueTimeoutMs?: number | undefined;
  /**
   * The rate limit's queue this call waits in: `'interactive'` (default) is always served before
   * `'bulk'`; send campaigns as bulk so replies never wait behind them.
   */
  lane?: Lane | undefined;
}

/** Options of a client. Every one is optional, and checked when the client is made. */
export interface WazzupOptions {
  /** The account's API key (or a Sidecar key); default `WAZZUP_API_KEY` from `env`. */
  apiKey?: string | undefined;
  /** Where the API lives; default `WAZZUP_BASE_URL` from `env`, else `https://api.wazzup24.com`. */
  baseUrl?: string | undefined;
  /**
   * Where missing options are read from (`WAZZUP_API_KEY`, `WAZZUP_BASE_URL`, `WAZZUP_LOG`): a
   * Worker's `env`, or a function; default the runtime's own environment where it has one.
   */
  env?: EnvSource | undefined;
  /** The fetch to use; default the runtime's global `fetch`, looked up at call time. */
  fetch?: FetchLike | undefined;
  /** Per-attempt time limit in ms; default 30 000. */
  timeoutMs?: number | undefined;
  /**
   * Longest a request waits for a slot under the key's rate limit, in ms; default 60 000. Past it
   * the call fails with `WazzupQueueTimeoutError` and nothing is sent.
   */
  queueTimeoutMs?: number | undefined;
  /**
   * Retries after the first attempt on 5xx, connection errors and timeouts; default 2. A 429 is
   * waited out until `retryDeadlineMs` without counting, unless this is 0: then nothing is
   * retried, for callers that retry themselves.
   */
  maxRetries?: number | undefined;
  /** No retry starts later than this many ms after the first attempt; default 50 000. */
  retryDeadlineMs?: number | undefined;
  /**
   * Client-side rate limit per key: requests queue instead of provoking 429s, and every client of
   * the key in this runtime shares it, whatever the route. Default the service's 500 requests per
   * 5 s; `false` turns it off.
   */
  rateLimit?: RateLimit | false | undefined;
  /** Per-chat-type text limits (code points) over the service's: `{ vk: 4096 }`. */
  textLimits?: TextLimits | undefined;
  /**
   * Chat types to accept beyond the ten the service documents (one it adds later); they are sent
   * without per-type checks.
   */
  allowChatTypes?: readonly string[] | undefined;
  /**
   * What a request does with a key no page documents: `'refuse'` it locally (default; catches a
   * typo such as `crmMesageId`) or `'pass'` it to the service unchanged.
   */
  unknownKeys?: UnknownKeys | undefined;
  /** Where log lines go; default `console`. */
  logger?: Logger | undefined;
  /** The least severe lines written; default `WAZZUP_LOG` from `env`, else `'warn'`. */
  logLevel?: LogLevel | undefined;
  /** Told of every attempt, retry and wait for a slot (OpenTelemetry spans, metrics). */
  hooks?: WazzupHooks | undefined;
  /** Allows an API key in a web page, which anyone who opens it can read: for private tools only. */
  dangerouslyAllowBrowser?: boolean | undefined;
}

/** The request schemas' options: which requests are valid. */
export interface SchemaOptions {
  textLimits?: TextLimits | undefined;
  allowChatTypes?: readonly string[] | undefined;
  unknownKeys: UnknownKeys;
}

/** A client's options as they were checked: what its engine runs with. */
export interface ResolvedOptions {
  /** The URL of a route's path: the base URL's, or a proxy's one endpoint. */
  endpoint(path: string): string;
  /** What the key's shared rate limiter is known by (never the key in clear: see the engine). */
  limiterKey: string;
  /** Headers sent with every request, such as `authorization`. */
  headers: Record<string, string>;
  /** Values that must never appear in an error, a log line or a record. */
  secrets: readonly string[];
  fetch: FetchLike | undefined;
  timeoutMs: number;
  maxRetries: number;
  retryDeadlineMs: number;
  queueTimeoutMs: number;
  rateLimit: RateLimit | false;
  schema: SchemaOptions;
  logger: Logger;
  logLevel: LogLevel;
  hooks: WazzupHooks;
}

/** A reader for an {@link EnvSource}: its string values, anything else absent. */
export function envReader(source: EnvSource | undefined): (name: string) => string | undefined {
  if (typeof source === 'function') return source as (name: string) => string | undefined;
  return (name) => {
    const value = (source as Record<string, unknown> | undefined)?.[name];
    return typeof value === 'string' ? value : undefined;
  };
}

function checkRateLimit(value: unknown): RateLimit | false {
  if (value === undefined || value === false) return value ?? DEFAULT_RATE_LIMIT;
  if (typeof value !== 'object' || !value)
    refuseOption('rateLimit', '{ limit, windowMs, store? } or false');
  const { limit, windowMs, store } = value as Partial<RateLimit>;
  if (store !== undefined && !storeLimiters.has(store)) {
    refuseOption('rateLimit.store', 'a RateLimitStore made with defineRateLimitStore');
  }
  return {
    limit: checkCount('rateLimit.limit', limit, 1, 1e6),
    windowMs: checkMs('rateLimit.windowMs', windowMs),
    ...(store && { store }),
  };
}

function checkSchema({ textLimits, allowChatTypes, unknownKeys }: WazzupOptions): SchemaOptions {
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

function checkLogging(options: WazzupOptions, level: string | undefined) {
  const logger = options.logger ?? console;
  const methods = ['debug', 'info', 'warn', 'error'] as const;
  if (typeof logger !== 'object' || methods.some((name) => typeof logger[name] !== 'function')) {
    refuseOption('logger', 'an object with debug, info, warn and error (console, pino)');
  }
  const logLevel = options.logLevel ?? level?.trim() ?? 'warn';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    refuseOption(options.logLevel === undefined ? LOG_ENV : 'logLevel', LOG_LEVELS.join(', '));
  }
  const hooks = options.hooks ?? {};
  const names = ['onRequest', 'onResponse', 'onRetry', 'onRateLimitWait'];
  const hookValues = Object.entries(hooks as Record<string, unknown>);
  if (
    typeof hooks !== 'object' ||
    hookValues.some(([name, hook]) => !names.includes(name) || typeof hook !== 'function')
  ) {
    refuseOption('hooks', `an object of functions: ${names.join(', ')}`);
  }
  return { logger, logLevel: logLevel as LogLevel, hooks };
}

/**
 * The options every client shares, checked: times, retries, the rate limit, the request schemas,
 * logging and the fetch. `where` says where the requests go.
 */
export function resolveShared(
  options: WazzupOptions,
  where: Pick<ResolvedOptions, 'endpoint' | 'limiterKey' | 'headers' | 'secrets'>,
  env: (name: string) => string | undefined,
): ResolvedOptions {
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    refuseOption('fetch', 'a function');
  }
  return {
    ...where,
    fetch: options.fetch,
    maxRetries: checkCount('maxRetries', options.maxRetries ?? DEFAULT_MAX_RETRIES, 0, 100),
    timeoutMs: checkMs('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    retryDeadlineMs: checkMs(
      'retryDeadlineMs',
      options.retryDeadlineMs ?? DEFAULT_RETRY_DEADLINE_MS,
    ),
    queueTimeoutMs: checkMs('queueTimeoutMs', options.queueTimeoutMs ?? DEFAULT_QUEUE_TIMEOUT_MS),
    rateLimit: checkRateLimit(options.rateLimit),
    schema: checkSchema(options),
    ...checkLogging(options, env(LOG_ENV)),
  };
}

/** Whether this looks like a web page, where a key would be read by anyone who opens it. */
function inBrowser(): boolean {
  const scope = globalThis as { window?: unknown; document?: unknown };
  return typeof scope.window === 'object' && typeof scope.document === 'object';
}

/**
 * Checks a client's options when it is made, each failing with a `WazzupConfigError` that names
 * it and never repeats a value that may hold a secret. The key and base URL missing from
 * `options` are read from `env` (`source` names it for the message).
 */
export function resolveOptions(
  options: WazzupOptions,
  env: (name: string) => string | undefined,
  source: string,
): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    refuseOption('options', 'an object');
  }
  const given = options.apiKey ?? env(ENV.apiKey);
  // A secret set to '' or spaces is as missing as an unset one (a deploy that lost its value).
  if (typeof given !== 'string' || given.trim() === '') {
    throw new WazzupConfigError(
      options.apiKey === undefined ? ENV.apiKey : 'apiKey',
      `${ENV.apiKey} is not set in ${source}: set it, or pass { apiKey } to createWazzup()`,
    );
  }
  const apiKey = checkApiKey(given, options.apiKey === undefined ? ENV.apiKey : 'apiKey');
  if (inBrowser() && options.dangerouslyAllowBrowser !== true) {
    throw new WazzupConfigError(
      'apiKey',
      'anyone who opens the page can read an apiKey: send through a proxy (createProxySender), or set dangerouslyAllowBrowser',
    );
  }
  const base = checkUrl(
    'baseUrl',
    options.baseUrl ?? env(ENV.baseUrl)?.trim() ?? DEFAULT_BASE_URL,
    { base: true },
  );
  return resolveShared(
    options,
    {
      endpoint: (path) => base + path,
      limiterKey: `${base} ${apiKey}`,
      headers: { authorization: `Bearer ${apiKey}` },
      secrets: [apiKey],
    },
    env,
  );
}

/** Per-call options, checked against the client's: the values the call runs with. */
export function resolveCallOptions(
  call: CallOptions,
  client: Pick<ResolvedOptions, 'timeoutMs' | 'maxRetries' | 'queueTimeoutMs'>,
): {
  signal: AbortSignal | undefined;
  timeoutMs: number;
  maxRetries: number;
  queueTimeoutMs: number;
  lane: Lane;
} {
  const lane = call.lane ?? 'interactive';
  if (lane !== 'interactive' && lane !== 'bulk') refuseOption('lane', "'interactive' or 'bulk'");
  return {
    signal: call.signal,
    lane,
    timeoutMs:
      call.timeoutMs === undefined ? client.timeoutMs : checkMs('timeoutMs', call.timeoutMs),
    maxRetries:
      call.maxRetries === undefined
        ? client.maxRetries
        : checkCount('maxRetries', call.maxRetries, 0, 100),
    queueTimeoutMs:
      call.queueTimeoutMs === undefined
        ? client.queueTimeoutMs
        : checkMs('queueTimeoutMs', call.queueTimeoutMs),
  };
}
