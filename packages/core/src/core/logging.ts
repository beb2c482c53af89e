// What the SDK tells about its requests: log lines to a logger, and plain records to hooks. Every
// string in them has passed the client's redaction, as errors have.

/** Anything with these four methods: `console`, pino, a Worker's console. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * The least severe lines that are written: `debug` every request and answer, `info` waits for a
 * rate-limit slot and calls that failed, `warn` retries, `error` nothing yet, `off` nothing.
 */
export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

/** What every record names: the route (as a template, ids left out), the request and its attempt. */
export interface RequestRecord {
  /**
   * A number no other call in this runtime has, the same on every record of the call's attempts:
   * what ties an attempt's `onResponse` to its `onRequest`, and a call's attempts together.
   */
  callId: number;
  /** The route, e.g. `POST /v3/message` or `GET /v3/users/:id`. */
  route: string;
  method: string;
  /** The path as sent, query included (redacted). */
  path: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** A send's crmMessageId. */
  crmMessageId?: string | undefined;
}

/** An attempt that ended: with an answer (`status`), or without one (`code` says why). */
export interface ResponseRecord extends RequestRecord {
  /** The HTTP status; absent when no answer came (a timeout, a dropped connection). */
  status?: number | undefined;
  /** How long the attempt took, in ms. */
  ms: number;
  /** The error code, for an attempt that failed. */
  code?: string | undefined;
  requestId?: string | undefined;
}

/** An attempt that failed and will be tried again after `waitMs`. */
export interface RetryRecord extends RequestRecord {
  waitMs: number;
  /** Why: the failed attempt's code (`RATE_LIMITED`, `SERVER_ERROR`, `TIMEOUT`, …). */
  code: string;
}

/** A request that waited for a slot under the key's rate limit. */
export interface RateLimitWaitRecord extends RequestRecord {
  waitMs: number;
}

/** Functions told of every attempt; a throw from one is logged and never fails the call. */
export interface WazzupHooks {
  onRequest?(record: RequestRecord): void;
  onResponse?(record: ResponseRecord): void;
  onRetry?(record: RetryRecord): void;
  onRateLimitWait?(record: RateLimitWaitRecord): void;
}

/** The log levels, least severe first. */
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'off'];
