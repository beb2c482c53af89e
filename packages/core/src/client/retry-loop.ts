import {
  WazzupAbortError,
  WazzupApiError,
  WazzupConnectionError,
  type WazzupError,
  WazzupQueueTimeoutError,
  WazzupTimeoutError,
} from '../errors/classes';
import { errorFromAnswer } from '../errors/map-response';
import type { Redact } from '../errors/redact';
import type { UnknownKeys } from '../schemas/exact-object';
import { abortableWait } from './abortable-wait';
import type { StartDeadline } from './attempt-timeouts';
import { checkCount, checkMs } from './check-options';
import { type CallOptions, UNANSWERED_HOLD_MS } from './contract';
import type { RateLimiter, Release } from './rate-limiter';
import type { RawAnswer } from './raw-answer';
import { backoffDelay, isTransientStatus, parseRetryAfter } from './retry-policy';
import type { Transport } from './transport';

/** Everything a request needs from its client, fixed when the client is made. */
export interface EngineContext {
  transport: Transport;
  /** Starts each attempt's time limit (shared signals, see `createDeadlines`). */
  startDeadline: StartDeadline;
  /** The URL of a route's path (`/v3/channels`): the base URL's, or a proxy's one endpoint. */
  endpoint(path: string): string;
  headers: Record<string, string>;
  maxRetries: number;
  timeoutMs: number;
  retryDeadlineMs: number;
  queueTimeoutMs: number;
  redact: Redact;
  /** What request schemas do with keys they do not know. */
  unknownKeys: UnknownKeys;
  /** Queues attempts under the key's rate limit, shared by every route; absent when off. */
  limiter?: RateLimiter | undefined;
}

/**
 * One route, as data: what to send, how to read a 2xx answer, and which error answers still
 * settle the call. Every route is safe to repeat (see the README's table of why), so the loop
 * retries each the same way; what differs is how an answer reads.
 */
export interface Route<Result> {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The path with its query, ids already encoded. */
  path: string;
  /** The JSON body, serialised. */
  body?: string;
  /** Most of the answer to read, in bytes; default the transport's 64 KiB. */
  maxBytes?: number;
  /** Reads a 2xx answer: the result, or the error to fail with (never retried). */
  read(answer: RawAnswer, redact: Redact): Result | WazzupApiError;
  /**
   * An error answer that settles the call after all: a send's `repeatedCrmMessageId`, or a
   * retried delete's "not found" (`retried` is whether an earlier attempt may have done it).
   */
  settle?(error: WazzupApiError, retried: boolean): Result | undefined;
  /** Stamped on the error of a failed send, so it can be retried safely. */
  crmMessageId?: string;
}

/** An attempt either settles the call or fails; a `transient` failure is tried again now. */
type Outcome<Result> =
  | { done: Result }
  | { error: WazzupError; transient: boolean; retryAfterMs?: number | undefined };

/**
 * A copy of a thrown value that is safe to keep as `cause`: the messages of its cause chain, but
 * not the error itself, since ofetch's error holds the request options and so the key.
 */
function safeCause(error: unknown, redact: Redact): Error {
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined; depth++) {
    messages.push(current instanceof Error ? current.message : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  const copy = new Error(redact(messages.join(': ')));
  copy.name = error instanceof Error ? error.name : 'Error';
  return copy;
}

/**
 * A signal that aborts when either input does, and a function that stops following them. Only
 * made when the caller passed a signal of their own; `AbortSignal.any` is missing before Node 20.3.
 */
function either(
  first: AbortSignal,
  second: AbortSignal,
): { signal: AbortSignal; unfollow: () => void } {
  const controller = new AbortController();
  const abort = () => controller.abort();
  if (first.aborted || second.aborted) abort();
  first.addEventListener('abort', abort, { once: true });
  second.addEventListener('abort', abort, { once: true });
  return {
    signal: controller.signal,
    unfollow() {
      first.removeEventListener('abort', abort);
      second.removeEventListener('abort', abort);
    },
  };
}

function interpret<Result>(
  route: Route<Result>,
  answer: RawAnswer,
  redact: Redact,
  retried: boolean,
): Outcome<Result> {
  if (answer.status >= 200 && answer.status < 300) {
    const read = route.read(answer, redact);
    return read instanceof WazzupApiError ? { error: read, transient: false } : { done: read };
  }
  const error = errorFromAnswer(answer, redact);
  const settled = route.settle?.(error, retried);
  if (settled !== undefined) return { done: settled };
  return {
    error,
    transient: isTransientStatus(answer.status),
    retryAfterMs: parseRetryAfter(answer.headers.get('retry-after')),
  };
}

/**
 * What a thrown attempt means: the caller's abort (thrown on), the attempt's time limit, or a
 * connection that failed before an answer came; the last two are worth retrying.
 */
function failure<Result>(
  error: unknown,
  signal: AbortSignal | undefined,
  deadline: AbortSignal,
  timeoutMs: number,
  redact: Redact,
): Outcome<Result> {
  if (signal?.aborted) throw new WazzupAbortError();
  if (deadline.aborted) return { error: new WazzupTimeoutError(timeoutMs), transient: true };
  const cause = safeCause(error, redact);
  const failed = new WazzupConnectionError(
    `The request failed before an answer came: ${cause.message}`,
    { cause },
  );
  return { error: failed, transient: true };
}

/**
 * The one retry loop under every route: waits for a slot under the key's shared rate limit, makes
 * the attempt, and retries 429, 5xx, connection errors and timeouts with exponential backoff and
 * full jitter (or the server's Retry-After), up to `maxRetries` times and never starting a retry
 * past `retryDeadlineMs` after the first attempt. A send's body carries the same crmMessageId on
 * every attempt, so a retry after a lost answer comes back `duplicate`.
 */
export async function request<Result>(
  context: EngineContext,
  route: Route<Result>,
  options: CallOptions,
): Promise<Result> {
  let startedAt: number | undefined;
  let lastError: WazzupError | undefined;
  let attempts = 0;
  // Whether an earlier attempt may have reached the service (no answer, or a 5xx).
  let uncertain = false;
  try {
    const { signal } = options;
    const timeoutMs =
      options.timeoutMs === undefined ? context.timeoutMs : checkMs('timeoutMs', options.timeoutMs);
    const queueTimeoutMs =
      options.queueTimeoutMs === undefined
        ? context.queueTimeoutMs
        : checkMs('queueTimeoutMs', options.queueTimeoutMs);
    const maxRetries =
      options.maxRetries === undefined
        ? context.maxRetries
        : checkCount('maxRetries', options.maxRetries, 0, 100);
    for (;;) {
      if (signal?.aborted) throw new WazzupAbortError();
      // A retry may wait for a slot only until the retry deadline; the first attempt, its own limit.
      const maxWaitMs =
        startedAt === undefined
          ? queueTimeoutMs
          : Math.min(queueTimeoutMs, startedAt + context.retryDeadlineMs - Date.now());
      // Not awaited when limiting is off: every await is a trip through the microtask queue.
      let answered: Release | undefined;
      if (context.limiter) {
        try {
          answered = await context.limiter.acquire(signal, Math.max(0, maxWaitMs));
        } catch (error) {
          // A retry that found no slot before its deadline fails with what made it retry.
          throw lastError && error instanceof WazzupQueueTimeoutError ? lastError : error;
        }
      }
      // The duplicate window opens with the first attempt; a retry the queue held past the deadline
      // must not go out.
      startedAt ??= Date.now();
      if (lastError && Date.now() - startedAt > context.retryDeadlineMs) throw lastError;
      attempts++;
      // The attempt, inline: an async function of its own per attempt cost a send a promise.
      const deadline = context.startDeadline(timeoutMs);
      const joined = signal && either(signal, deadline.signal);
      let outcome: Outcome<Result> | undefined;
      try {
        const answer = await context.transport(context.endpoint(route.path), {
          method: route.method,
          body: route.body,
          maxBytes: route.maxBytes,
          headers: context.headers,
          signal: joined ? joined.signal : deadline.signal,
        });
        outcome = interpret(route, answer, context.redact, uncertain);
      } catch (error) {
        outcome = failure(error, signal, deadline.signal, timeoutMs, context.redact);
      } finally {
        deadline.release();
        joined?.unfollow();
        // Without an answer (timeout, abort, broken connection) the request may still reach the
        // service later, so its slot stays taken a while longer.
        const gotAnswer = outcome && ('done' in outcome || outcome.error instanceof WazzupApiError);
        answered?.(gotAnswer ? 0 : UNANSWERED_HOLD_MS);
      }
      if ('done' in outcome) return outcome.done;
      lastError = outcome.error;
      uncertain ||= !(lastError instanceof WazzupApiError) || lastError.status >= 500;
      const wait = outcome.retryAfterMs ?? backoffDelay(attempts - 1);
      // The limiter caps the pause for everyone; this call itself fails below rather than wait
      // past its retry deadline, however long a Retry-After asks for.
      if (outcome.error instanceof WazzupApiError && outcome.error.status === 429)
        context.limiter?.pause(wait);
      const retriesLeft = attempts <= maxRetries;
      const withinDeadline = Date.now() + wait - startedAt <= context.retryDeadlineMs;
      if (!outcome.transient || !retriesLeft || !withinDeadline) throw outcome.error;
      await abortableWait(wait, signal);
    }
  } catch (error) {
    const failure = error as WazzupError;
    failure.crmMessageId = route.crmMessageId;
    failure.attempts = attempts;
    throw failure;
  }
}
