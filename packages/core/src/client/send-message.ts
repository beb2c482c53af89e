import * as v from 'valibot';
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
import { SendMessageResponseSchema } from '../schemas/response';
import { abortableWait } from './abortable-wait';
import { checkMs } from './check-options';
import type { StartDeadline } from './deadlines';
import type { RateLimiter, Release } from './rate-limiter';
import { parseJson, type RawAnswer } from './raw-answer';
import { backoffDelay, isRetryableStatus, parseRetryAfter } from './retry-policy';
import type { Transport } from './transport';

/** A message the service accepted just now. */
export interface SentResult {
  status: 'sent';
  /** Wazzup's id of the new message. */
  messageId: string;
  /** The chat it went to (for Telegram by username or phone: the id to use from now on). */
  chatId: string;
  /** The idempotency key used: yours, or the one generated for this call. */
  crmMessageId: string;
}

/** The service had already delivered a message with this crmMessageId; nothing new was sent. */
export interface DuplicateResult {
  status: 'duplicate';
  crmMessageId: string;
}

/** What `sendMessage` resolves to. */
export type SendMessageResult = SentResult | DuplicateResult;

/** Per-call options of `sendMessage`. */
export interface SendMessageOptions {
  /** Aborts the send (and any wait between retries) with a {@link WazzupAbortError}. */
  signal?: AbortSignal;
  /** Per-attempt time limit for this call, over the client's `timeoutMs`. */
  timeoutMs?: number;
  /** Longest wait for a rate-limit slot for this call, over the client's `queueTimeoutMs`. */
  queueTimeoutMs?: number;
}

/** Everything one send needs, fixed when the client is made. */
export interface SendContext {
  transport: Transport;
  /** Starts each attempt's time limit (shared signals, see `createDeadlines`). */
  startDeadline: StartDeadline;
  url: string;
  headers: Record<string, string>;
  maxRetries: number;
  timeoutMs: number;
  retryDeadlineMs: number;
  queueTimeoutMs: number;
  redact: Redact;
  /** Queues attempts under the key's rate limit; absent when limiting is off. */
  limiter?: RateLimiter | undefined;
}

const DUPLICATE_CODE = 'repeatedCrmMessageId';

/**
 * How long past its end an attempt without an answer still counts against the rate limit: a
 * request the client gave up on may be read by the service after that, as the outbox assumes too.
 */
export const UNANSWERED_HOLD_MS = 5_000;

/** An attempt either settles the call or fails in a way the policy may retry. */
type Outcome =
  | { done: SendMessageResult }
  | { error: WazzupError; retryable: boolean; retryAfterMs?: number | undefined };

function interpret(answer: RawAnswer, crmMessageId: string, redact: Redact): Outcome {
  if (answer.status >= 200 && answer.status < 300) {
    const parsed = v.safeParse(SendMessageResponseSchema, parseJson(answer.text));
    // Ids that hold a secret come from a server echoing it, not from Wazzup: never hand them on.
    if (
      parsed.success &&
      redact(parsed.output.messageId) === parsed.output.messageId &&
      redact(parsed.output.chatId) === parsed.output.chatId
    ) {
      const { messageId, chatId } = parsed.output;
      return { done: { status: 'sent', messageId, chatId, crmMessageId } };
    }
    // Never retried: the service said yes, so the message may well be out.
    const error = new WazzupApiError({
      status: answer.status,
      code: 'INVALID_RESPONSE',
      description: `HTTP ${answer.status} with a body that is not a send result; the message may have been sent (crmMessageId ${crmMessageId})`,
    });
    return { error, retryable: false };
  }
  const error: WazzupApiError = errorFromAnswer(answer, redact);
  if (error.code === DUPLICATE_CODE) return { done: { status: 'duplicate', crmMessageId } };
  return {
    error,
    retryable: isRetryableStatus(answer.status),
    retryAfterMs: parseRetryAfter(answer.headers.get('retry-after')),
  };
}

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

async function attempt(
  context: SendContext,
  body: string,
  crmMessageId: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  const deadline = context.startDeadline(timeoutMs);
  const joined = signal && either(signal, deadline.signal);
  try {
    const answer = await context.transport(context.url, {
      body,
      headers: context.headers,
      signal: joined ? joined.signal : deadline.signal,
    });
    return interpret(answer, crmMessageId, context.redact);
  } catch (error) {
    if (signal?.aborted) throw new WazzupAbortError();
    if (deadline.signal.aborted) {
      return { error: new WazzupTimeoutError(timeoutMs), retryable: true };
    }
    const cause = safeCause(error, context.redact);
    const failure = new WazzupConnectionError(
      `The request failed before an answer came: ${cause.message}`,
      { cause },
    );
    return { error: failure, retryable: true };
  } finally {
    deadline.release();
    joined?.unfollow();
  }
}

/**
 * Sends one validated body, retrying 429, 5xx, connection errors and timeouts with exponential
 * backoff and full jitter (or the server's Retry-After), up to `maxRetries` times and never
 * starting a retry past `retryDeadlineMs` after the first attempt. The body carries the same
 * crmMessageId on every attempt, so a retry after a lost answer comes back `duplicate`.
 */
export async function sendWithRetries(
  context: SendContext,
  body: string,
  crmMessageId: string,
  options: SendMessageOptions,
): Promise<SendMessageResult> {
  let startedAt: number | undefined;
  let lastError: WazzupError | undefined;
  let attempts = 0;
  try {
    const { signal } = options;
    const timeoutMs =
      options.timeoutMs === undefined ? context.timeoutMs : checkMs('timeoutMs', options.timeoutMs);
    const queueTimeoutMs =
      options.queueTimeoutMs === undefined
        ? context.queueTimeoutMs
        : checkMs('queueTimeoutMs', options.queueTimeoutMs);
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
      let outcome: Outcome | undefined;
      try {
        outcome = await attempt(context, body, crmMessageId, timeoutMs, signal);
      } finally {
        // Without an answer (timeout, abort, broken connection) the request may still reach the
        // service later, so its slot stays taken a while longer.
        const gotAnswer = outcome && ('done' in outcome || outcome.error instanceof WazzupApiError);
        answered?.(gotAnswer ? 0 : UNANSWERED_HOLD_MS);
      }
      if ('done' in outcome) return outcome.done;
      lastError = outcome.error;
      const wait = outcome.retryAfterMs ?? backoffDelay(attempts - 1);
      // The limiter caps the pause for everyone; this call itself fails below rather than wait
      // past its retry deadline, however long a Retry-After asks for.
      if (outcome.error instanceof WazzupApiError && outcome.error.status === 429)
        context.limiter?.pause(wait);
      const retriesLeft = attempts <= context.maxRetries;
      const withinDeadline = Date.now() + wait - startedAt <= context.retryDeadlineMs;
      if (!outcome.retryable || !retriesLeft || !withinDeadline) throw outcome.error;
      await abortableWait(wait, signal);
    }
  } catch (error) {
    const failure = error as WazzupError;
    failure.crmMessageId = crmMessageId;
    failure.attempts = attempts;
    throw failure;
  }
}
