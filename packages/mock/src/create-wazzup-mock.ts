import {
  createFaultPlan,
  type Fault,
  type FaultPlan,
  isConnectionReset,
  MockConnectionReset,
  type RandomFaults,
  serverErrorResponse,
} from './faults/faults';
import { bearerKey, createAccountDirectory, type MockAccount } from './state/accounts';
import { canSendTo, type MockChannel, STATE_ERRORS } from './state/channels';
import { createDuplicateWindow } from './state/duplicate-window';
import { createRateLimiter, type RateLimit, SERVICE_RATE_LIMIT } from './state/rate-limit';
import { PAGE_TEXT_LIMITS, SERVICE_CHAT_TYPES } from './validate/rules';
import { validateMessage } from './validate/validate-message';

/** Options of {@link createWazzupMock}. */
export interface WazzupMockOptions {
  /** Keys of the default account. */
  apiKeys?: readonly string[];
  /** Channels of the default account. */
  channels?: readonly MockChannel[];
  /** More accounts, each with its own keys, channels and crmMessageId memory. */
  accounts?: readonly MockAccount[];
  /** How long a crmMessageId is remembered; default 60 000 ms. */
  duplicateWindowMs?: number;
  /** Requests per key per window; default 500 / 5 s; `false` turns it off. */
  rateLimit?: RateLimit | false;
  /** Chat types the validation accepts; default every type the service knows. */
  chatTypes?: readonly string[];
  /** Text limits per chat type; default the page's. */
  textLimits?: Readonly<Record<string, number>>;
  /** Scripted faults for the first requests. */
  faults?: readonly (Fault | null)[];
  /** Faults by chance. */
  randomFaults?: RandomFaults;
  /** The clock, for duplicate windows and rate limits; default `Date.now`. */
  now?: () => number;
  /** How a `delay` fault waits; default `setTimeout`. */
  sleep?: (ms: number) => Promise<void>;
}

/** A message the mock delivered. */
export interface DeliveredMessage {
  messageId: string;
  chatId: string;
  channelId: string;
  chatType: string;
  crmMessageId: string | undefined;
  /** The request body as received. */
  body: Record<string, unknown>;
  /** When it was accepted, by the mock's clock. */
  at: number;
}

/** A request the mock received at `/v3/message`, whatever came of it. */
export interface ReceivedRequest {
  at: number;
  body: unknown;
  fault: Fault | undefined;
  /** The status answered, or `'reset'` when the connection was dropped. */
  outcome: number | 'reset';
}

/** A fake Wazzup API. */
export interface WazzupMock {
  /** Handles a request like the service: runtime-neutral, for any server or Worker. */
  handler: (request: Request) => Promise<Response>;
  /** The same as a `fetch`: hand it to a client to talk to the mock in memory. */
  fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  /** Every delivered message, in order. */
  readonly messages: readonly DeliveredMessage[];
  /** Every request to `/v3/message`, in order, delivered or not. */
  readonly requests: readonly ReceivedRequest[];
  /** Fault injection: script the next requests or set a fault rate. */
  readonly faults: FaultPlan;
  /** Messages delivered per crmMessageId; more than one means a duplicate got through. */
  deliveriesOf(crmMessageId: string): number;
  /** Forgets messages, requests, remembered ids, rate counters and faults. */
  reset(): void;
}

const json = (status: number, body: unknown) => Response.json(body, { status });
const apiError = (status: number, error: string, description: string, data?: unknown) =>
  json(status, data === undefined ? { error, description } : { error, description, data });

/** A stable fake Telegram chat id for a username or phone, so repeated sends agree. */
function telegramChatId(handle: string): string {
  let hash = 7;
  for (const char of handle) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) % 1_000_000_007;
  return String(100_000_000 + hash);
}

/**
 * Creates a fake Wazzup API that behaves like the service: API keys, channels and their states,
 * the send-message validation with the service's codes, crmMessageId duplicates, a rate limit per
 * key, and injectable faults.
 */
export function createWazzupMock(options: WazzupMockOptions = {}): WazzupMock {
  const accounts: MockAccount[] = [...(options.accounts ?? [])];
  if (options.apiKeys || options.channels) {
    accounts.unshift({ apiKeys: options.apiKeys ?? [], channels: options.channels ?? [] });
  }
  const directory = createAccountDirectory(accounts);
  const now = options.now ?? Date.now;
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const rules = {
    chatTypes: options.chatTypes ?? SERVICE_CHAT_TYPES,
    textLimits: options.textLimits ?? PAGE_TEXT_LIMITS,
  };
  const duplicates = createDuplicateWindow(options.duplicateWindowMs ?? 60_000);
  const limiter =
    options.rateLimit === false
      ? undefined
      : createRateLimiter(options.rateLimit ?? SERVICE_RATE_LIMIT);
  const faults = createFaultPlan(options.faults, options.randomFaults);
  const messages: DeliveredMessage[] = [];
  const requests: ReceivedRequest[] = [];
  const deliveries = new Map<string, number>();

  async function send(request: Request, body: unknown): Promise<Response> {
    const apiKey = bearerKey(request.headers.get('authorization'));
    const account = apiKey === undefined ? undefined : directory.byKey(apiKey);
    if (!apiKey || !account) return new Response(null, { status: 401 });
    if (limiter && !limiter.admit(apiKey, now())) return new Response(null, { status: 429 });
    if (body === undefined) return apiError(400, 'VALIDATION_ERROR', 'The body must be JSON');
    const rejection = validateMessage(body, rules);
    if (rejection)
      return apiError(400, rejection.code, rejection.description, { field: rejection.field });
    const message = Object.fromEntries(
      Object.entries(body as object).filter(([, v]) => v !== null),
    );
    const channel = account.channels.find((candidate) => candidate.id === message.channelId);
    if (!channel)
      return apiError(400, 'CHANNEL_NOT_FOUND', 'The channel is not found in the integration');
    const state = channel.state ?? 'active';
    if (state !== 'active')
      return apiError(400, STATE_ERRORS[state].code, STATE_ERRORS[state].description);
    const chatType = message.chatType as string;
    if (!canSendTo(channel, chatType)) {
      return apiError(
        400,
        'MESSAGES_ABNORMAL_SEND',
        'The chat type does not match the source of the contact',
      );
    }
    const crmMessageId = message.crmMessageId as string | undefined;
    if (crmMessageId !== undefined && duplicates.seen(account, crmMessageId, now())) {
      return apiError(
        400,
        'repeatedCrmMessageId',
        'You have already sent message with the same crmMessageId',
      );
    }
    if (crmMessageId !== undefined) {
      duplicates.remember(account, crmMessageId, now());
      deliveries.set(crmMessageId, (deliveries.get(crmMessageId) ?? 0) + 1);
    }
    const chatId =
      (message.chatId as string | undefined) ??
      telegramChatId(String(message.username ?? message.phone));
    const delivered: DeliveredMessage = {
      messageId: crypto.randomUUID(),
      chatId,
      channelId: channel.id,
      chatType,
      crmMessageId,
      body: message,
      at: now(),
    };
    messages.push(delivered);
    return json(201, { messageId: delivered.messageId, chatId });
  }

  async function readBody(request: Request): Promise<unknown> {
    const text = await request.text();
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  }

  async function handleMessage(request: Request): Promise<Response> {
    const fault = faults.next();
    const body = await readBody(request);
    const log: ReceivedRequest = { at: now(), body, fault, outcome: 'reset' };
    requests.push(log);
    if (fault?.kind === 'reset') throw new MockConnectionReset('connection reset by the mock');
    if (fault?.kind === 'server-error') return record(log, serverErrorResponse(fault));
    if (fault?.kind === 'rate-limit') return record(log, new Response(null, { status: 429 }));
    if (fault?.kind === 'delay') await sleep(fault.ms);
    const response = await send(request, body);
    if (fault?.kind === 'lose-answer') throw new MockConnectionReset('answer lost by the mock');
    return record(log, response);
  }

  function record(log: ReceivedRequest, response: Response): Response {
    log.outcome = response.status;
    return response;
  }

  async function handler(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname !== '/v3/message') return apiError(404, 'NOT_FOUND', `No route ${pathname}`);
    if (request.method !== 'POST') return apiError(405, 'METHOD_NOT_ALLOWED', 'Use POST');
    return handleMessage(request);
  }

  return {
    handler,
    fetch(input, init) {
      const request = new Request(input, init);
      const handled = handler(request).catch((error: unknown) => {
        // What a real fetch does when the connection drops.
        if (isConnectionReset(error)) throw new TypeError('fetch failed', { cause: error });
        throw error;
      });
      // A real fetch gives up as soon as its signal aborts, while the server goes on working.
      const { signal } = request;
      if (signal.aborted) return Promise.reject(signal.reason);
      const aborted = new Promise<never>((_, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
      handled.catch(() => {});
      return Promise.race([handled, aborted]);
    },
    messages,
    requests,
    faults,
    deliveriesOf: (crmMessageId) => deliveries.get(crmMessageId) ?? 0,
    reset() {
      messages.length = 0;
      requests.length = 0;
      deliveries.clear();
      duplicates.clear();
      limiter?.clear();
      faults.clear();
    },
  };
}
