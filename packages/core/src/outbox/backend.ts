import {
  type CallOptions,
  DEFAULT_RATE_LIMIT,
  DUPLICATE_WINDOW_MS,
  type RateLimit,
  type WazzupOptions,
} from '../core/options';
import type { Lane, RateLimitStore } from '../core/rate-limit-store';
import { WazzupConfigError } from '../errors/classes';
import type { SendMessageResult } from '../resources/messages';
import type { SendMessageRequest, SendMessageRequestSchemaType } from '../schemas/request-types';
import type { OutboxJob, OutboxSend, OutboxSettings } from './engine';
import { outboxMessage } from './message';

// What every queue-engine backend (BullMQ, Deno KV) does the same way around the engine: its
// settings' defaults, a checked job for a message, and the client it sends with.

/** The options every outbox backend takes for the engine. */
export interface OutboxOptions {
  /** How long the service remembers a crmMessageId; default 60 000 ms. */
  duplicateWindowMs?: number;
  /** Deliveries of one message before it is dead-lettered; default 10. */
  maxAttempts?: number;
  /** Longest wait before a message is tried again, in seconds; default 60. */
  maxRetryDelaySeconds?: number;
  /** Re-sends within one delivery of a send whose outcome is unknown; default 2. */
  inlineResends?: number;
  /** How long a message's record (ledger, status, timeline) is kept; default 14 days. */
  ledgerTtlMs?: number;
  /** The schema messages are checked with: the sending client's, if it has `textLimits` or `allowChatTypes`. */
  schema?: SendMessageRequestSchemaType;
}

/** How a message is queued. */
export interface OutboxEnqueueOptions {
  /** `interactive` (the default) is sent before any `bulk` message waiting. */
  lane?: Lane;
  /** Hold it back this long before its first try. */
  delaySeconds?: number;
}

/** The engine's settings from a backend's options: each one given, or its default. */
export function outboxSettings(options: OutboxOptions, timeoutMs?: number): OutboxSettings {
  return {
    duplicateWindowMs: options.duplicateWindowMs ?? DUPLICATE_WINDOW_MS,
    maxAttempts: options.maxAttempts ?? 10,
    maxRetryDelaySeconds: options.maxRetryDelaySeconds ?? 60,
    inlineResends: options.inlineResends ?? 2,
    ledgerTtlMs: options.ledgerTtlMs ?? 14 * 24 * 60 * 60 * 1000,
    timeoutMs,
  };
}

/**
 * A message as a job, checked first: its lane, its delay (whole seconds up to the engine's
 * `maxDelaySeconds`) and the message itself, which throws `WazzupValidationError` here, so bad
 * input never enters a queue.
 */
export function outboxJob(
  message: SendMessageRequest,
  queued: OutboxEnqueueOptions,
  schema: SendMessageRequestSchemaType | undefined,
  maxDelaySeconds: number,
): { job: OutboxJob; delayMs: number } {
  const lane = queued.lane ?? 'interactive';
  if (lane !== 'interactive' && lane !== 'bulk') {
    throw new WazzupConfigError('lane', "lane: 'interactive' or 'bulk'");
  }
  const { delaySeconds = 0 } = queued;
  if (!(Number.isInteger(delaySeconds) && delaySeconds >= 0 && delaySeconds <= maxDelaySeconds)) {
    throw new WazzupConfigError(
      'delaySeconds',
      `delaySeconds: a whole number of seconds from 0 to ${maxDelaySeconds}`,
    );
  }
  const job: OutboxJob = {
    wazzupOutbox: 1,
    message: outboxMessage(message, schema),
    lane,
    enqueuedAt: Date.now(),
  };
  return { job, delayMs: delaySeconds * 1000 };
}

/** What a backend sends with: a client's `messages.send`. */
export interface OutboxClient {
  messages: {
    send(message: SendMessageRequest, options: CallOptions): Promise<SendMessageResult>;
  };
}

/** The client options a backend takes: a client of your own, or what to make one from. */
export interface OutboxClientOptions<Client extends OutboxClient> {
  /** The client to send with; give it the backend's shared rate-limit store. Else one is made. */
  wazzup?: Client;
  apiKey?: string;
  baseUrl?: string;
  /** More options of the client made here; its retries are the outbox's (`maxRetries: 0`). */
  client?: Omit<WazzupOptions, 'apiKey' | 'baseUrl' | 'rateLimit'>;
  /** The key's limit, shared through the backend's store; default the service's 500 per 5 s. */
  rateLimit?: Omit<RateLimit, 'store'>;
}

/**
 * The engine's send: the given client, or one made (on first use) by the runtime's
 * `createWazzup` with the backend's shared rate-limit store; every call with `maxRetries: 0`,
 * since the outbox retries.
 */
export function outboxSend<Client extends OutboxClient>(
  options: OutboxClientOptions<Client>,
  create: (options: WazzupOptions) => Client,
  store: () => RateLimitStore,
): OutboxSend {
  let client = options.wazzup;
  return (message, call) => {
    client ??= create({
      ...options.client,
      ...(options.apiKey !== undefined && { apiKey: options.apiKey }),
      ...(options.baseUrl !== undefined && { baseUrl: options.baseUrl }),
      rateLimit: { ...(options.rateLimit ?? DEFAULT_RATE_LIMIT), store: store() },
    });
    return client.messages.send(message, { ...call, maxRetries: 0 });
  };
}
