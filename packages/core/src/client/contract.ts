import type { UnknownKeys } from '../schemas/exact-object';
import type { TextLimits } from '../schemas/limits';
import type { SendMessageRequest } from '../schemas/request-types';
import type { FetchLike } from './transport';

// The client's contract in one home: its defaults, options, per-call options and results. The
// factories, the retry loop and other packages (the outbox) import these; nothing here imports
// them back.

/** The public API's address. */
export const DEFAULT_BASE_URL = 'https://api.wazzup24.com';
/** Per-attempt time limit, unless the client or the call sets one. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Retries after the first attempt, unless the client or the call sets a number. */
export const DEFAULT_MAX_RETRIES = 2;
/**
 * How long the service remembers a crmMessageId (about 60 s, seen live): a repeat within it is
 * answered `repeatedCrmMessageId` instead of sent again.
 */
export const DUPLICATE_WINDOW_MS = 60_000;
/**
 * No retry starts later than this after the first attempt: a retry past the duplicate window
 * could deliver a message twice.
 */
export const DEFAULT_RETRY_DEADLINE_MS = 50_000;
/**
 * How long past its end an attempt without an answer still counts against the rate limit: a
 * request the client gave up on may be read by the service after that, as the outbox assumes too.
 */
export const UNANSWERED_HOLD_MS = 5_000;
/**
 * Longest a call waits for a slot under the key's rate limit before it fails with
 * `WazzupQueueTimeoutError`; at the service's 500 / 5 s that is 6 000 requests queued ahead.
 */
export const DEFAULT_QUEUE_TIMEOUT_MS = 60_000;

/** Requests allowed per key in any sliding window. */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** The service's limit: about 500 requests per 5 s per key, across every route. */
export const DEFAULT_RATE_LIMIT: RateLimit = { limit: 500, windowMs: 5000 };

/** Options of `createWazzup`. Optional ones may be `undefined` (as read from an env). */
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
   * Longest a request waits for a slot under the key's rate limit, in ms; default 60 000. Past it
   * the call fails with `WazzupQueueTimeoutError` and nothing is sent.
   */
  queueTimeoutMs?: number | undefined;
  /** Retries after the first attempt on 429, 5xx, connection errors and timeouts; default 2. */
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
}

/** Per-call options every method takes. */
export interface CallOptions {
  /** Aborts the call (and any wait in the queue or between retries) with a `WazzupAbortError`. */
  signal?: AbortSignal;
  /** Per-attempt time limit for this call, over the client's `timeoutMs`. */
  timeoutMs?: number;
  /** Retries for this call, over the client's `maxRetries`. */
  maxRetries?: number;
  /** Longest wait for a rate-limit slot for this call, over the client's `queueTimeoutMs`. */
  queueTimeoutMs?: number;
}

/** Per-call options of `sendMessage`. */
export type SendMessageOptions = CallOptions;

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

/** A client that only sends: what a page or a Worker that sends needs, and all it bundles. */
export interface WazzupSender {
  /**
   * Validates `input` (throwing `WazzupValidationError` before any request), then sends it.
   * Resolves `{ status: 'sent', … }`, or `{ status: 'duplicate' }` when the service already had
   * this crmMessageId; throws a `WazzupError` subclass otherwise.
   */
  sendMessage(input: SendMessageRequest, options?: SendMessageOptions): Promise<SendMessageResult>;
}
