import {
  createFaultPlan,
  type Fault,
  type FaultPlan,
  isConnectionReset,
  MockConnectionReset,
  type RandomFaults,
  serverErrorResponse,
} from './faults/faults';
import { answerControl, CONTROL_PREFIX } from './routes/control';
import { apiError, type MockRoute, matchRoute, v3Routes } from './routes/v3-routes';
import { bearerKey, createAccountDirectory, type MockAccount } from './state/accounts';
import { canSendTo, type MockChannel, stateError } from './state/channels';
import { createDuplicateWindow } from './state/duplicate-window';
import { keepRecent, setRecent } from './state/history';
import { createRateLimiter, type RateLimit, SERVICE_RATE_LIMIT } from './state/rate-limit';
import { createStore, type MockEntity, type MockStore } from './state/store';
import { SERVICE_CHAT_TYPES, type ValidationRules, WABA } from './validate/rules';
import { validateMessage } from './validate/validate-message';
import {
  createWebhookDeliverer,
  statusTimeline,
  type WebhookAttempt,
  type WebhookDeliveryOptions,
} from './webhooks/deliveries';

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
  /** Text limits per chat type, over the service's own. */
  textLimits?: Readonly<Record<string, number>>;
  /**
   * Keys the send page does not document: `pass` (default: no source says the service refuses
   * them) or `refuse` them as `INVALID_MESSAGE_DATA`.
   */
  unknownKeys?: 'pass' | 'refuse';
  /**
   * How a repeated crmMessageId is answered: `REPEATED_CRM_MESSAGE_ID` with `status`, `requestId`
   * and `data.crmMessageId` (default, as the service answers now), or the send page's prose
   * spelling `{ error: 'repeatedCrmMessageId', description }`. Both were seen.
   */
  duplicateSpelling?: 'REPEATED_CRM_MESSAGE_ID' | 'repeatedCrmMessageId';
  /**
   * How many of the most recent requests, messages and webhook attempts the mock keeps for
   * inspection (and per-crmMessageId delivery counts); default 10 000 each. Older ones are
   * dropped, so a long-running mock stays bounded.
   */
  maxHistory?: number;
  /** Scripted faults for the first requests. */
  faults?: readonly (Fault | null)[];
  /** Faults by chance. */
  randomFaults?: RandomFaults;
  /** The clock, for duplicate windows and rate limits; default `Date.now`. */
  now?: () => number;
  /** How a `delay` fault waits; default `setTimeout`. */
  sleep?: (ms: number) => Promise<void>;
  /** How long after sending a message may be edited or deleted; default 24 h. */
  editWindowMs?: number;
  /** How `GET /v3/webhooks` answers: as seen live (default: booleans, `wabaTemplatesStatus`) or as documented (`"true"` strings). */
  webhooksShape?: 'live' | 'documented';
  /** How `GET /v3/users` answers: `{ count, data }` pages (default) or one array, as older pages say. */
  usersShape?: 'pages' | 'array';
  /** The fetch every webhook goes out with (the `{ test: true }` probe and every delivery); default the global one. */
  webhookFetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** How webhooks are delivered to the address set with `PATCH /v3/webhooks`: status delays, echoes, failing chats, retries. */
  webhooks?: WebhookDeliveryOptions;
}

/** An incoming message to inject with `mock.receive`, as the contact would write it. */
export interface IncomingMessage {
  /** The account it reaches; default the first one. */
  apiKey?: string;
  channelId: string;
  chatType: string;
  chatId: string;
  text?: string;
  contentUri?: string;
  /** Default `text`, or `image` with a contentUri. */
  type?: string;
  /** The contact as the messenger shows it; for Telegram with its username and phone. */
  contact?: { name?: string; username?: string; phone?: string; avatarUri?: string };
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
  /** When it was last edited through `PATCH /v3/message/:id`. */
  editedAt?: number | undefined;
  /** When it was deleted through `DELETE /v3/message/:id`. */
  deletedAt?: number | undefined;
}

/** A request the mock received, on any route, whatever came of it. */
export interface ReceivedRequest {
  at: number;
  method: string;
  /** The path without its query, e.g. `/v3/message`. */
  path: string;
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
  /** Every delivered message, in order (the most recent `maxHistory`). */
  readonly messages: readonly DeliveredMessage[];
  /** Every request, on every route, in order, answered or not (the most recent `maxHistory`). */
  readonly requests: readonly ReceivedRequest[];
  /** The CRM store (users, contacts, deals, pipelines, templates, counters, webhook settings) of the key's account, or the first account's. */
  store(apiKey?: string): MockStore;
  /** Fault injection: script the next requests or set a fault rate. */
  readonly faults: FaultPlan;
  /** Messages delivered per crmMessageId; more than one means a duplicate got through. */
  deliveriesOf(crmMessageId: string): number;
  /** Every webhook the mock tried to deliver, each attempt of each, in order. */
  readonly webhookDeliveries: readonly WebhookAttempt[];
  /** Resolves once every scheduled webhook (status timelines, retries) has been delivered or given up. */
  webhooksIdle(): Promise<void>;
  /** A contact writes in: delivers `{ messages: [...] }` and resolves the new message's id. */
  receive(message: IncomingMessage): Promise<string>;
  /**
   * Delivers any body once, with no retry, to the account's webhook address or to `options.uri`:
   * a batch, unknown values, a malformed item, a repeat, a non-JSON or oversized text (a string
   * goes as it is), or the right body to an address with a wrong or missing token. Resolves the
   * attempt, which the inspection log keeps too.
   */
  deliverWebhook(
    body: Record<string, unknown> | string,
    options?: { uri?: string; apiKey?: string },
  ): Promise<WebhookAttempt>;
  /** A channel changes state: delivers `{ channelsUpdates: [...] }`. */
  changeChannelState(channelId: string, state: string, apiKey?: string): Promise<void>;
  /** A WABA template is moderated: delivers `{ templateStatus }`. */
  moderateTemplate(templateGuid: string, status: string, apiKey?: string): Promise<void>;
  /**
   * The service asks the CRM to create a contact (or a deal): delivers `{ createContact }` (or
   * `{ createDeal }`) and resolves the entity the CRM answered, which it also stores.
   */
  requestEntity(
    kind: 'createContact' | 'createDeal',
    request: Record<string, unknown>,
    apiKey?: string,
  ): Promise<unknown>;
  /** Forgets messages, requests, remembered ids, rate counters and faults, and restores every store to its seed. */
  reset(): void;
}

const json = (status: number, body: unknown) => Response.json(body, { status });

/** A stable fake Telegram chat id for a username or phone, so repeated sends agree. */
function telegramChatId(handle: string): string {
  let hash = 7;
  for (const char of handle) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) % 1_000_000_007;
  return String(100_000_000 + hash);
}

/**
 * Creates a fake Wazzup API that behaves like the service: API keys (and Sidecar keys), channels
 * and their states, the send-message validation with the service's codes, crmMessageId
 * duplicates, edit and delete of sent messages, every other v3 route with a store per account,
 * one rate limit per key across all routes, and injectable faults on every route.
 */
export function createWazzupMock(options: WazzupMockOptions = {}): WazzupMock {
  const accounts: MockAccount[] = [...(options.accounts ?? [])];
  if (options.apiKeys || options.channels) {
    accounts.unshift({ apiKeys: options.apiKeys ?? [], channels: options.channels ?? [] });
  }
  const directory = createAccountDirectory(accounts);
  const now = options.now ?? Date.now;
  const maxHistory = options.maxHistory ?? 10_000;
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const rules: ValidationRules = {
    chatTypes: options.chatTypes ?? SERVICE_CHAT_TYPES,
    textLimits: options.textLimits ?? {},
    unknownKeys: options.unknownKeys ?? 'pass',
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
  const stores = new Map<MockAccount, MockStore>();
  const storeOf = (account: MockAccount) => {
    let store = stores.get(account);
    if (!store) {
      store = createStore(account);
      stores.set(account, store);
    }
    return store;
  };
  // Messages per account, for edit and delete.
  const sentBy = new Map<string, MockAccount>();
  const webhookFetch =
    options.webhookFetch ?? ((input: string, init: RequestInit) => fetch(input, init));
  const deliverer = createWebhookDeliverer(options.webhooks ?? {}, {
    fetch: webhookFetch,
    now,
    maxLog: maxHistory,
  });
  const accountFor = (apiKey: string | undefined) => {
    const account = apiKey === undefined ? accounts[0] : directory.byKey(apiKey);
    if (!account) throw new Error('no account has that key');
    return account;
  };
  /** A send's status timeline (and echo), as webhooks to the account's address. */
  function afterSend(account: MockAccount, delivered: DeliveredMessage): void {
    const settings = storeOf(account).webhooks;
    let previousMs = 0;
    const steps = statusTimeline(options.webhooks ?? {}, delivered.chatId).map(
      ({ status, afterMs }) => {
        const update = {
          messageId: delivered.messageId,
          timestamp: new Date(now() + afterMs).toISOString(),
          status,
          ...(status === 'error' && {
            error: { error: 'BAD_CONTACT', description: 'The contact cannot receive messages' },
          }),
        };
        const delayMs = Math.max(0, afterMs - previousMs);
        previousMs = afterMs;
        return { body: { statuses: [update] }, delayMs };
      },
    );
    // One after another, so a slow answer to `sent` never lets `delivered` overtake it.
    void deliverer.deliverInOrder(settings, 'messagesAndStatuses', steps);
    if (options.webhooks?.echoApiSends) {
      const { body } = delivered;
      const echo = {
        messageId: delivered.messageId,
        channelId: delivered.channelId,
        chatType: delivered.chatType,
        chatId: delivered.chatId,
        dateTime: new Date(now()).toISOString(),
        type: body.contentUri ? 'image' : 'text',
        status: 'sent',
        isEcho: true,
        ...(typeof body.text === 'string' && { text: body.text }),
        ...(typeof body.contentUri === 'string' && { contentUri: body.contentUri }),
      };
      void deliverer.deliver(settings, 'messagesAndStatuses', { messages: [echo] });
    }
  }
  const routes: MockRoute[] = v3Routes({
    messageOf: (id) => messages.find((message) => message.messageId === id),
    editWindowMs: options.editWindowMs ?? 24 * 60 * 60 * 1000,
    webhooksShape: options.webhooksShape ?? 'live',
    usersShape: options.usersShape ?? 'pages',
    unknownKeys: rules.unknownKeys ?? 'pass',
    async probe(uri) {
      const response = await webhookFetch(uri, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ test: true }),
        signal: AbortSignal.timeout(30_000),
      });
      await response.body?.cancel();
      return response.status;
    },
  });

  /** The service's own answer to a repeated crmMessageId, in the spelling the mock was given. */
  function duplicateAnswer(crmMessageId: string): Response {
    const description = 'You have already sent message with the same crmMessageId';
    if (options.duplicateSpelling === 'repeatedCrmMessageId') {
      return json(400, { error: 'repeatedCrmMessageId', description });
    }
    return apiError(400, 'REPEATED_CRM_MESSAGE_ID', description, { crmMessageId });
  }

  /** WABA's limits, which only the channel tells: its text, and a template's. */
  function wabaRejection(message: Record<string, unknown>): Response | undefined {
    if (typeof message.text !== 'string') return undefined;
    const template = message.templateId !== undefined;
    const max = template ? WABA.maxTemplateText : WABA.maxText;
    if (Array.from(message.text).length <= max) return undefined;
    const code = template ? WABA.templateTooLong : WABA.tooLong;
    return apiError(400, code, `The text is longer than ${max} characters`, { fields: ['text'] });
  }

  async function send(account: MockAccount, body: unknown): Promise<Response> {
    const rejection = validateMessage(body, rules);
    if (rejection) {
      const data =
        rejection.code === 'INVALID_MESSAGE_DATA' ? { fields: [rejection.field] } : undefined;
      return apiError(400, rejection.code, rejection.description, data);
    }
    const message = Object.fromEntries(
      Object.entries(body as object).filter(([, v]) => v !== null),
    );
    const channel = account.channels.find((candidate) => candidate.id === message.channelId);
    if (!channel)
      return apiError(400, 'CHANNEL_NOT_FOUND', 'The channel is not found in the integration');
    const state = channel.state ?? 'active';
    if (state !== 'active') {
      const { code, description } = stateError(state);
      return apiError(400, code, description);
    }
    const chatType = message.chatType as string;
    if (!canSendTo(channel, chatType)) {
      return apiError(400, 'WRONG_TRANSPORT', 'The chat type does not fit the channel', {
        channelId: channel.id,
        transport: channel.transport,
        chatType,
      });
    }
    const waba = channel.transport === 'wapi' ? wabaRejection(message) : undefined;
    if (waba) return waba;
    const crmMessageId = message.crmMessageId as string | undefined;
    if (crmMessageId !== undefined && duplicates.seen(account, crmMessageId, now())) {
      return duplicateAnswer(crmMessageId);
    }
    if (crmMessageId !== undefined) {
      duplicates.remember(account, crmMessageId, now());
      setRecent(deliveries, crmMessageId, (deliveries.get(crmMessageId) ?? 0) + 1, maxHistory);
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
    keepRecent(messages, delivered, maxHistory);
    setRecent(sentBy, delivered.messageId, account, maxHistory);
    afterSend(account, delivered);
    return json(201, { messageId: delivered.messageId, chatId });
  }

  /** Authenticates, rate limits (one budget per key, every route) and dispatches a request. */
  async function answer(request: Request, body: unknown): Promise<Response> {
    const url = new URL(request.url);
    const matched = matchRoute(routes, request.method, url.pathname);
    const isSend = url.pathname === '/v3/message';
    if (matched === 'malformed') {
      return apiError(
        400,
        'VALIDATION_ERROR',
        'The path has a percent-escape that does not decode',
      );
    }
    if (!isSend && matched === undefined) {
      return apiError(404, 'NOT_FOUND', `No route ${url.pathname}`);
    }
    if (isSend ? request.method !== 'POST' : matched === 'wrong-method') {
      return apiError(405, 'METHOD_NOT_ALLOWED', `${request.method} is not a method of this route`);
    }
    const apiKey = bearerKey(request.headers.get('authorization'));
    const account = apiKey === undefined ? undefined : directory.byKey(apiKey);
    if (!apiKey || !account) return new Response(null, { status: 401 });
    if (limiter && !limiter.admit(apiKey, now())) return new Response(null, { status: 429 });
    if (isSend) return send(account, body);
    const { route, id } = matched as Exclude<
      typeof matched,
      'wrong-method' | 'malformed' | undefined
    >;
    if (!route.sidecar && directory.isSidecar(apiKey)) return json(403, { error: 'FORBIDDEN' });
    if (id !== undefined && route.path.startsWith('/v3/message/') && sentBy.get(id) !== account) {
      return apiError(400, 'MESSAGES_NOT_FOUND', 'The message is not found');
    }
    return route.handle({
      store: storeOf(account),
      channels: account.channels,
      id,
      query: url.searchParams,
      body,
      now: now(),
    });
  }

  async function readBody(request: Request): Promise<unknown> {
    const text = await request.text();
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  }

  /** A control request (`/_mock/trigger/<kind>`), for the account its key names. */
  async function control(request: Request, pathname: string): Promise<Response> {
    const kind = /^\/_mock\/trigger\/([\w-]+)$/.exec(pathname)?.[1];
    if (!kind) return apiError(404, 'NOT_FOUND', `No control route ${pathname}`);
    if (request.method !== 'POST') {
      return apiError(405, 'METHOD_NOT_ALLOWED', `${request.method} is not a method of this route`);
    }
    const apiKey = bearerKey(request.headers.get('authorization'));
    const account = apiKey === undefined ? undefined : directory.byKey(apiKey);
    if (!apiKey || !account) return new Response(null, { status: 401 });
    return answerControl(kind, await readBody(request), {
      channels: account.channels,
      receive: (message) => api.receive({ ...message, apiKey }),
      deliverWebhook: (body) => api.deliverWebhook(body, { apiKey }),
      changeChannelState: (channelId, state) => api.changeChannelState(channelId, state, apiKey),
      requestEntity: (kind, entity) => api.requestEntity(kind, entity, apiKey),
      now,
    });
  }

  /** Every request: logged, given the next fault (on any route), then answered. */
  async function handle(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    // The control surface is the test's, not the service's: no fault, no log, no rate limit.
    if (pathname.startsWith(CONTROL_PREFIX)) return control(request, pathname);
    const fault = faults.next();
    const body = await readBody(request);
    const log: ReceivedRequest = {
      at: now(),
      method: request.method,
      path: pathname,
      body,
      fault,
      outcome: 'reset',
    };
    keepRecent(requests, log, maxHistory);
    if (fault?.kind === 'reset') throw new MockConnectionReset('connection reset by the mock');
    if (fault?.kind === 'server-error') return record(log, serverErrorResponse(fault));
    if (fault?.kind === 'rate-limit') return record(log, new Response(null, { status: 429 }));
    if (fault?.kind === 'delay') await sleep(fault.ms);
    const response = await answer(request, body);
    if (fault?.kind === 'lose-answer') throw new MockConnectionReset('answer lost by the mock');
    return record(log, response);
  }

  function record(log: ReceivedRequest, response: Response): Response {
    log.outcome = response.status;
    // Every answer names its request, as the service's do; an error body names it too (apiError).
    if (!response.headers.has('x-request-id')) {
      response.headers.set('x-request-id', crypto.randomUUID());
    }
    return response;
  }

  const handler = handle;

  const api: WazzupMock = {
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
    store: (apiKey) => storeOf(accountFor(apiKey)),
    webhookDeliveries: deliverer.log,
    webhooksIdle: () => deliverer.idle(),
    async receive(incoming) {
      const { apiKey, contact, type, ...fields } = incoming;
      const messageId = crypto.randomUUID();
      const item = {
        messageId,
        ...fields,
        dateTime: new Date(now()).toISOString(),
        type: type ?? (fields.contentUri ? 'image' : 'text'),
        status: 'inbound',
        isEcho: false,
        ...(contact && { contact }),
      };
      const settings = storeOf(accountFor(apiKey)).webhooks;
      await deliverer.deliver(settings, 'messagesAndStatuses', { messages: [item] });
      return messageId;
    },
    deliverWebhook(body, { uri, apiKey } = {}) {
      const address = uri ?? storeOf(accountFor(apiKey)).webhooks.uri;
      if (!address) return Promise.reject(new Error('no webhook address is set'));
      return deliverer.deliverOnce(address, body);
    },
    async changeChannelState(channelId, state, apiKey) {
      const settings = storeOf(accountFor(apiKey)).webhooks;
      const update = { channelId, state, timestamp: now() };
      await deliverer.deliver(settings, 'channelsUpdates', { channelsUpdates: [update] });
    },
    async moderateTemplate(templateGuid, status, apiKey) {
      const store = storeOf(accountFor(apiKey));
      const template = store.templates.find((each) => each.templateGuid === templateGuid);
      if (template) template.status = status;
      const body = { templateStatus: { templateGuid, name: template?.name, status } };
      await deliverer.deliver(store.webhooks, 'templateStatus', body);
    },
    async requestEntity(kind, request, apiKey) {
      const store = storeOf(accountFor(apiKey));
      const attempt = await deliverer.deliver(store.webhooks, 'contactsAndDealsCreation', {
        [kind]: request,
      });
      const entity = attempt?.outcome === 200 ? attempt.answer : undefined;
      const id = (entity as { id?: unknown } | undefined)?.id;
      if (typeof id === 'string') {
        (kind === 'createContact' ? store.contacts : store.deals).set(id, entity as MockEntity);
      }
      return entity;
    },
    deliveriesOf: (crmMessageId) => deliveries.get(crmMessageId) ?? 0,
    reset() {
      messages.length = 0;
      requests.length = 0;
      stores.clear();
      sentBy.clear();
      deliverer.clear();
      deliveries.clear();
      duplicates.clear();
      limiter?.clear();
      faults.clear();
    },
  };
  return api;
}
