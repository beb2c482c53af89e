import type { RequestRecord } from '../core/logging';
import { type CallOptions, type ResolvedOptions, resolveCallOptions } from '../core/options';
import type { WazzupResponse, WithResponse } from '../core/promise';
import type { RawAnswer } from '../errors/answer';
import {
  WazzupAbortError,
  WazzupApiError,
  WazzupConnectionError,
  WazzupError,
  WazzupQueueTimeoutError,
  WazzupTimeoutError,
} from '../errors/classes';
import { errorFromAnswer } from '../errors/map-response';
import type { Redact } from '../errors/redact';
import { abortableWait } from './abortable-wait';
import type { StartDeadline } from './attempt-timeouts';
import type { RateLimiter, Release } from './rate-limiter';
import { backoffDelay, isTransientStatus, parseRetryAfter } from './retry-policy';
import type { Telemetry } from './telemetry';
import type { TransportRequest } from './transport';

/**
 * How long past its end an attempt without an answer still counts against the rate limit: a
 * request the client gave up on may be read by the service after that, as the outbox assumes too.
 */
export const UNANSWERED_HOLD_MS = 5_000;

/** Everything a request needs from its client, made once when the client is made. */
export interface Engine {
  /** The client's checked options, but for what holds the key. */
  options: Omit<ResolvedOptions, 'headers' | 'secrets' | 'limiterKey'>;
  /** Sends one attempt with the client's headers (bound in, never on the engine). */
  transport: (url: string, init: Omit<TransportRequest, 'headers'>) => Promise<RawAnswer>;
  redact: Redact;
  telemetry: Telemetry;
  /** Queues attempts under the key's rate limit, shared by every route; absent when off. */
  limiter: RateLimiter | undefined;
  /** Starts each attempt's time limit (signals shared by attempts close together). */
  startDeadline: StartDeadline;
}

/**
 * One route, as data: what to send, how to read a 2xx answer, and which error answers still
 * settle the call.
 */
export interface Route<Result> {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** The path with its query, ids already encoded. */
  path: string;
  /** The route as a template, ids left out (`GET /v3/users/:id`): what records and logs name. */
  route: string;
  /** The JSON body, serialised. */
  body?: string | undefined;
  /** Most of the answer to read, in bytes; default the transport's 64 KiB. */
  maxBytes?: number | undefined;
  /** Whether the route is safe to repeat (see the README's table of why); default `true`. */
  repeatable?: boolean | undefined;
  /** Reads a 2xx answer: the result, or the error to fail with (never retried). */
  read(answer: RawAnswer, redact: Redact): Result | WazzupApiError;
  /**
   * An error answer that settles the call after all: a send's duplicate, or a retried delete's
   * "not found" (`retried` is whether an earlier attempt may have done it).
   */
  settle?(error: WazzupApiError, retried: boolean): { settled: Result } | undefined;
  /** Stamped on the error of a failed send, so it can be retried safely. */
  crmMessageId?: string | undefined;
}

/** An attempt either settles the call or fails; a `transient` failure is tried again. */
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
  if (settled) return { done: settled.settled };
  return {
    error,
    transient: isTransientStatus(answer.status),
    retryAfterMs: parseRetryAfter(answer.headers.get('retry-after')),
  };
}

/**
 * One attempt's time limit, from the engine's shared deadlines, followed by the caller's signal
 * when there is one: only then is a signal of the attempt's own made.
 */
function deadline(start: StartDeadline, timeoutMs: number, caller: AbortSignal | undefined) {
  const limit = start(timeoutMs);
  if (!caller) {
    return { signal: limit.signal, timedOut: () => limit.signal.aborted, end: limit.release };
  }
  const controller = new AbortController();
  const abort = () => controller.abort();
  if (caller.aborted || limit.signal.aborted) abort();
  caller.addEventListener('abort', abort, { once: true });
  limit.signal.addEventListener('abort', abort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => limit.signal.aborted,
    end() {
      caller.removeEventListener('abort', abort);
      limit.signal.removeEventListener('abort', abort);
      limit.release();
    },
  };
}

/**
 * A call's HTTP answer. Its headers and request id are redacted when first read: most calls never
 * look at them, and a redacted copy of every header is otherwise what each send pays for. The two
 * are getters of the class, so a spread copy (`{ ...response }`) leaves them out: `toJSON` and
 * {@link plainResponse} give them.
 */
class CallResponse implements WazzupResponse {
  #answer: RawAnswer;
  #redact: Redact;
  #fromBody: string | undefined;
  #headers: Headers | undefined;
  #requestId: { id: string | undefined } | undefined;
  readonly status: number;

  constructor(
    answer: RawAnswer,
    fromBody: string | undefined,
    redact: Redact,
    readonly attempts: number,
    readonly rateLimitWaitMs: number,
  ) {
    this.status = answer.status;
    this.#answer = answer;
    this.#fromBody = fromBody;
    this.#redact = redact;
  }

  get headers(): Headers {
    if (!this.#headers) {
      this.#headers = new Headers();
      for (const [name, value] of this.#answer.headers)
        this.#headers.set(name, this.#redact(value));
    }
    return this.#headers;
  }

  get requestId(): string | undefined {
    if (!this.#requestId) {
      const id = this.#fromBody ?? this.#answer.headers.get('x-request-id') ?? undefined;
      this.#requestId = { id: id && this.#redact(id) };
    }
    return this.#requestId.id;
  }

  /** The response as JSON shows it: headers as a record. */
  toJSON(): Omit<WazzupResponse, 'headers'> & { headers: Record<string, string> } {
    return { ...plainResponse(this), headers: Object.fromEntries(this.headers) };
  }
}

/** A response as a plain object, every field its own. */
function plainResponse(response: WazzupResponse, changed?: Partial<WazzupResponse>) {
  const { status, headers, requestId, attempts, rateLimitWaitMs } = response;
  return { status, headers, requestId, attempts, rateLimitWaitMs, ...changed };
}

/** What an attempt that got no answer failed with, by name, for records and logs. */
const codeOf = (error: WazzupError) =>
  error instanceof WazzupApiError
    ? error.code
    : error instanceof WazzupTimeoutError
      ? 'TIMEOUT'
      : error instanceof WazzupAbortError
        ? 'ABORTED'
        : 'CONNECTION_ERROR';

/** Calls made in this runtime, so each call's records share a number no other call has. */
let calls = 0;

/**
 * The one retry loop under every route: waits for a slot under the key's shared rate limit, makes
 * the attempt (with a time limit of its own), and retries 5xx, connection errors and timeouts of
 * a repeatable route with exponential backoff and full jitter (or the server's Retry-After), up
 * to `maxRetries` times; a 429 on any route is waited out the same way without counting (with
 * `maxRetries` 0, nothing is retried). No retry starts past `retryDeadlineMs` after the first
 * attempt. Resolves the result with the HTTP answer it came in; an error carries the same.
 */
export function request<Result>(
  engine: Engine,
  route: Route<Result>,
  callOptions: CallOptions = {},
): Promise<WithResponse<Result>> {
  let call: ResolvedCall;
  try {
    call = resolveCallOptions(callOptions, engine.options);
  } catch (error) {
    return Promise.reject(failed(error, route));
  }
  const { limiter } = engine;
  if (!limiter || call.signal?.aborted) return attemptLoop(engine, route, call);
  // The first slot is waited for before the loop starts: a call queued behind the limiter then
  // holds a promise and this small closure, not the whole loop's suspended frame (tens of
  // thousands may wait at once).
  const queuedAt = Date.now();
  const leaseMs = call.timeoutMs + UNANSWERED_HOLD_MS;
  return limiter.acquire(call.signal, Math.max(0, call.queueTimeoutMs), call.lane, leaseMs).then(
    (release) => attemptLoop(engine, route, call, { release, queuedAt }),
    (error: unknown) => Promise.reject(failed(error, route)),
  );
}

/** The call's options as {@link resolveCallOptions} gives them. */
type ResolvedCall = ReturnType<typeof resolveCallOptions>;

/** A failure before any attempt, marked with the call's crmMessageId. */
function failed(error: unknown, route: Route<unknown>): unknown {
  if (error instanceof WazzupError) {
    error.crmMessageId = route.crmMessageId;
    error.attempts = 0;
  }
  return error;
}

/** {@link request}'s loop, given the first slot when there is a limiter. */
async function attemptLoop<Result>(
  engine: Engine,
  route: Route<Result>,
  call: ResolvedCall,
  first?: { release: Release; queuedAt: number },
): Promise<WithResponse<Result>> {
  const { options, telemetry, redact, limiter } = engine;
  let startedAt: number | undefined;
  let lastError: WazzupError | undefined;
  let attempts = 0;
  // Failures that count against maxRetries: every transient one but a 429, which means "wait".
  let failures = 0;
  // 429s in a row, for their backoff.
  let limitedInRow = 0;
  let rateLimitWaitMs = 0;
  let response: WazzupResponse | undefined;
  // Whether an earlier attempt may have reached the service (no answer, or a 5xx).
  let uncertain = false;
  const callId = ++calls;
  const record = (): RequestRecord => ({
    callId,
    route: route.route,
    method: route.method,
    path: redact(route.path),
    attempt: attempts,
    ...(route.crmMessageId !== undefined && { crmMessageId: route.crmMessageId }),
  });
  let granted = first;
  try {
    const { signal, timeoutMs, queueTimeoutMs, maxRetries, lane } = call;
    for (;;) {
      if (signal?.aborted) throw new WazzupAbortError();
      // A retry may wait for a slot only until the retry deadline; the first attempt, its own limit.
      const maxWaitMs =
        startedAt === undefined
          ? queueTimeoutMs
          : Math.min(queueTimeoutMs, startedAt + options.retryDeadlineMs - Date.now());
      let answered: Release | undefined;
      if (limiter) {
        const queuedAt = granted?.queuedAt ?? Date.now();
        if (granted) {
          answered = granted.release;
          granted = undefined;
        } else {
          try {
            // A shared store counts the slot for this long if this process dies holding it.
            const leaseMs = timeoutMs + UNANSWERED_HOLD_MS;
            answered = await limiter.acquire(signal, Math.max(0, maxWaitMs), lane, leaseMs);
          } catch (error) {
            // A retry that found no slot before its deadline fails with what made it retry.
            throw lastError && error instanceof WazzupQueueTimeoutError ? lastError : error;
          }
        }
        const waitedMs = Date.now() - queuedAt;
        if (waitedMs > 0) {
          rateLimitWaitMs += waitedMs;
          telemetry.hook('onRateLimitWait', {
            ...record(),
            attempt: attempts + 1,
            waitMs: waitedMs,
          });
          if (telemetry.logs('info')) {
            telemetry.log('info', `${route.route} waited ${waitedMs} ms for a rate-limit slot`);
          }
        }
      }
      // The duplicate window opens with the first attempt; a retry the queue held past the deadline
      // must not go out.
      startedAt ??= Date.now();
      if (lastError && Date.now() - startedAt > options.retryDeadlineMs) throw lastError;
      attempts++;
      if (telemetry.hooked) telemetry.hook('onRequest', record());
      const attempt = deadline(engine.startDeadline, timeoutMs, signal);
      const sentAt = Date.now();
      let outcome: Outcome<Result> | undefined;
      let answer: RawAnswer | undefined;
      try {
        answer = await engine.transport(options.endpoint(route.path), {
          method: route.method,
          body: route.body,
          maxBytes: route.maxBytes,
          signal: attempt.signal,
        });
        outcome = interpret(route, answer, redact, uncertain);
      } catch (error) {
        // Every attempt that was told to onRequest is told to onResponse, an aborted one too.
        if (signal?.aborted) {
          outcome = { error: new WazzupAbortError(), transient: false };
        } else if (attempt.timedOut()) {
          outcome = { error: new WazzupTimeoutError(timeoutMs), transient: true };
        } else {
          const cause = safeCause(error, redact);
          const message = `The request failed before an answer came: ${cause.message}`;
          outcome = { error: new WazzupConnectionError(message, { cause }), transient: true };
        }
      } finally {
        attempt.end();
        // Without an answer (timeout, abort, broken connection) the request may still reach the
        // service later, so its slot stays taken a while longer.
        answered?.(answer ? 0 : UNANSWERED_HOLD_MS);
      }
      const error = 'error' in outcome ? outcome.error : undefined;
      if (answer) {
        const fromBody = error instanceof WazzupApiError ? error.requestId : undefined;
        response = new CallResponse(answer, fromBody, redact, attempts, rateLimitWaitMs);
      }
      const ms = Date.now() - sentAt;
      if (telemetry.hooked) {
        telemetry.hook('onResponse', {
          ...record(),
          ...(answer && { status: answer.status }),
          ms,
          ...(error && { code: codeOf(error) }),
          ...(response?.requestId && answer && { requestId: response.requestId }),
        });
      }
      if (telemetry.logs('debug')) {
        telemetry.log(
          'debug',
          `${route.method} ${route.path} → ${answer ? answer.status : codeOf(error as WazzupError)} in ${ms} ms (attempt ${attempts})`,
        );
      }
      if ('done' in outcome) return { data: outcome.done, response: response as WazzupResponse };
      lastError = outcome.error;
      uncertain ||= !(lastError instanceof WazzupApiError) || lastError.status >= 500;
      // A 429 was not acted on: it is waited out until the retry deadline on every route, and
      // does not count against maxRetries (a dropped connection does).
      const limited = outcome.error instanceof WazzupApiError && outcome.error.status === 429;
      limitedInRow = limited ? limitedInRow + 1 : 0;
      if (!limited && outcome.transient) failures++;
      let wait = outcome.retryAfterMs ?? backoffDelay((limited ? limitedInRow : failures) - 1);
      const leftMs = startedAt + options.retryDeadlineMs - Date.now();
      // The limiter caps the pause for everyone (the shared store tells every process); this call
      // itself fails rather than wait past its retry deadline, however long a Retry-After asks
      // for, and a backoff of its own is cut to end at the deadline.
      if (limited) {
        limiter?.pause(wait);
        if (outcome.retryAfterMs === undefined) wait = Math.min(wait, leftMs);
      }
      // maxRetries 0 turns every retry off, a 429's too: the caller retries itself (the outbox).
      const retriesLeft =
        maxRetries > 0 && (limited || (route.repeatable !== false && failures <= maxRetries));
      const withinDeadline = leftMs > 0 && wait <= leftMs;
      if (!outcome.transient || !retriesLeft || !withinDeadline) throw outcome.error;
      const code = codeOf(outcome.error);
      telemetry.hook('onRetry', {
        ...record(),
        attempt: attempts + 1,
        waitMs: Math.round(wait),
        code,
      });
      telemetry.log(
        'warn',
        `retrying ${route.route} after ${code} (attempt ${attempts + 1} in ${Math.round(wait)} ms)`,
      );
      await abortableWait(wait, signal);
    }
  } catch (error) {
    const failure = error as WazzupError;
    failure.crmMessageId = route.crmMessageId;
    failure.attempts = attempts;
    if (response) failure.response = plainResponse(response, { attempts, rateLimitWaitMs });
    if (telemetry.logs('info') && !(failure instanceof WazzupAbortError) && attempts > 0) {
      telemetry.log('info', `${route.route} failed after ${attempts} attempts: ${failure.message}`);
    }
    throw failure;
  }
}
