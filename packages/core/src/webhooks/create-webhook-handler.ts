import * as v from 'valibot';
import { checkCount, checkMs, refuseOption } from '../client/check-options';
import { readLimited } from '../client/read-capped';
import { WazzupConfigError, WazzupError } from '../errors/classes';
import {
  type ContactInput,
  ContactInputSchema,
  type DealInput,
  DealInputSchema,
} from '../resources/crm';
import { createMemoryDedupe, type DedupeStore, dedupeKey } from './dedupe';
import { parseWebhook, WazzupWebhookError, type WebhookEvent } from './parse-webhook';
import { safeEqual } from './secret';

type Of<T extends WebhookEvent['type']> = Extract<WebhookEvent, { type: T }>;

/** What a handler is told besides its event. */
export interface WebhookContext {
  /** The request the delivery came in. */
  request: Request;
}

/** The user's handlers, called with each event in delivery order. */
export interface WebhookHandlers {
  onMessage?(event: Of<'message'>, context: WebhookContext): unknown;
  onStatus?(event: Of<'status'>, context: WebhookContext): unknown;
  onChannel?(event: Of<'channel'>, context: WebhookContext): unknown;
  onTemplate?(event: Of<'template'>, context: WebhookContext): unknown;
  /** Creates the contact the service asks for and returns it: it becomes the answer's body. */
  onCreateContact?(
    event: Of<'createContact'>,
    context: WebhookContext,
  ): ContactInput | Promise<ContactInput>;
  /** Creates the deal the service asks for and returns it: it becomes the answer's body. */
  onCreateDeal?(event: Of<'createDeal'>, context: WebhookContext): DealInput | Promise<DealInput>;
  /** Called for every event but the probe, besides the handler of its type. */
  onEvent?(event: WebhookEvent, context: WebhookContext): unknown;
  /** A malformed item, a handler that threw or ran too long: nothing of it is lost silently. */
  onError?(error: WazzupError, event: WebhookEvent | undefined): unknown;
}

/** Options of {@link createWebhookHandler}. */
export interface WebhookHandlerOptions extends WebhookHandlers {
  /** The secret expected in the address's `token` query parameter (see `createWebhookSecret`). */
  token?: string | undefined;
  /** The crmKey the service sends as `Authorization: Bearer <crmKey>` (partner integrations). */
  crmKey?: string | undefined;
  /** Accept deliveries with no secret at all. Without `token` or `crmKey` the handler refuses to start unless this is `true`. */
  allowUnauthenticated?: boolean;
  /** Largest body read, in bytes; default 1 MiB (more is answered 413). */
  maxBodyBytes?: number;
  /** Drops repeated deliveries of the same item; default an in-memory store, `false` turns it off. */
  dedupe?: DedupeStore | false;
  /** How long the handlers of one delivery may run before it is answered 503; default 25 000 ms (the service waits 30 s). */
  handlerTimeoutMs?: number;
  /**
   * Runs the handlers after a quick 200, as a Worker's `ctx.waitUntil` does. Not for
   * createContact / createDeal, whose answer is the handler's result.
   */
  waitUntil?: (promise: Promise<unknown>) => void;
}

/** The handler ran past `handlerTimeoutMs`: the delivery was answered 503 (the service may send it again). */
export class WazzupWebhookTimeoutError extends WazzupError {
  override name = 'WazzupWebhookTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`The webhook handlers ran past ${timeoutMs} ms; the delivery was answered 503`);
  }
}

/** A handler threw: the delivery was answered 500, so the service may send it again. */
export class WazzupWebhookHandlerError extends WazzupError {
  override name = 'WazzupWebhookHandlerError';
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers });

function handlerFor(options: WebhookHandlers, event: WebhookEvent) {
  switch (event.type) {
    case 'message':
      return options.onMessage;
    case 'status':
      return options.onStatus;
    case 'channel':
      return options.onChannel;
    case 'template':
      return options.onTemplate;
    default:
      return undefined;
  }
}

function check(name: string, value: unknown, valid: boolean): void {
  if (value !== undefined && !valid) refuseOption(name, 'a secret of its minimum length');
}

/**
 * A webhook receiver as a standard `(request: Request) => Promise<Response>`, for `Deno.serve`,
 * `Bun.serve`, a Worker's `fetch`, or Node through a Request/Response adapter. It authenticates
 * before reading the body (the `token` query parameter and/or `Authorization: Bearer <crmKey>`,
 * compared in constant time; 401 and no handler otherwise), answers the `{ test: true }` probe
 * 200, refuses other methods (405), bodies over `maxBodyBytes` (413) and non-JSON (400), then
 * calls the handlers with each event in delivery order, dropping repeated items through
 * `dedupe`. A create-contact or create-deal request is answered with the handler's entity,
 * validated against the upsert schema first.
 *
 * @example
 * const handle = createWebhookHandler({
 *   token: env.WAZZUP_WEBHOOK_TOKEN,
 *   onMessage: ({ message, incoming }) => { if (incoming) console.log(message.chatId, message.text); },
 *   onStatus: ({ status }) => console.log(status.messageId, status.status),
 * });
 * Deno.serve(handle);
 */
export function createWebhookHandler(
  options: WebhookHandlerOptions,
): (request: Request) => Promise<Response> {
  if (typeof options !== 'object' || options === null) {
    throw new WazzupConfigError('options', 'createWebhookHandler takes an options object');
  }
  const { token, crmKey } = options;
  check('token', token, typeof token === 'string' && token.length >= 16);
  check('crmKey', crmKey, typeof crmKey === 'string' && crmKey.trim().length >= 8);
  if (token === undefined && crmKey === undefined && options.allowUnauthenticated !== true) {
    throw new WazzupConfigError(
      'token',
      'createWebhookHandler needs a token (or crmKey): without one anyone could post deliveries; pass allowUnauthenticated: true to mean it',
    );
  }
  // The client's own option checks: a string or NaN is refused here as it is there.
  const maxBodyBytes = checkCount('maxBodyBytes', options.maxBodyBytes ?? 1024 * 1024, 1, 2 ** 31);
  const timeoutMs = checkMs('handlerTimeoutMs', options.handlerTimeoutMs ?? 25_000);
  const dedupe = options.dedupe === false ? undefined : (options.dedupe ?? createMemoryDedupe());
  const report = async (error: WazzupError, event?: WebhookEvent) => {
    try {
      await options.onError?.(error, event);
    } catch {}
  };

  function authenticated(request: Request): boolean {
    if (token === undefined && crmKey === undefined) return true;
    const given = new URL(request.url).searchParams.get('token');
    if (token !== undefined && given !== null && safeEqual(given, token)) return true;
    const bearer = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
    return crmKey !== undefined && bearer !== undefined && safeEqual(bearer, crmKey);
  }

  /** Runs the handlers of each event in order; a repeat is skipped, an event is remembered once handled. */
  async function handleAll(events: WebhookEvent[], context: WebhookContext): Promise<boolean> {
    let ok = true;
    for (const event of events) {
      if (event.type === 'invalid') {
        await report(event.error, event);
        continue;
      }
      const key = dedupeKey(event);
      if (key !== undefined && (await dedupe?.has(key))) continue;
      try {
        await handlerFor(options, event)?.(event as never, context);
        await options.onEvent?.(event, context);
        if (key !== undefined) await dedupe?.add(key);
      } catch (cause) {
        ok = false;
        await report(
          new WazzupWebhookHandlerError(`A ${event.type} handler threw: ${String(cause)}`, {
            cause,
          }),
          event,
        );
      }
    }
    return ok;
  }

  async function creation(event: Of<'createContact'> | Of<'createDeal'>, context: WebhookContext) {
    const make = event.type === 'createContact' ? options.onCreateContact : options.onCreateDeal;
    if (!make)
      return json(501, { error: 'NOT_IMPLEMENTED', description: `No ${event.type} handler` });
    try {
      const entity = await make(event as never, context);
      const schema = (
        event.type === 'createContact' ? ContactInputSchema : DealInputSchema
      ) as v.GenericSchema;
      const parsed = v.safeParse(schema, entity);
      if (!parsed.success) {
        const problem = parsed.issues[0]?.message ?? 'invalid';
        throw new WazzupWebhookError(event.type, undefined, [`the handler's entity: ${problem}`]);
      }
      await options.onEvent?.(event, context);
      return json(200, parsed.output);
    } catch (cause) {
      const error =
        cause instanceof WazzupError
          ? cause
          : new WazzupWebhookHandlerError(`A ${event.type} handler threw: ${String(cause)}`, {
              cause,
            });
      await report(error, event);
      return json(500, { error: 'HANDLER_FAILED', description: error.message });
    }
  }

  return async (request) => {
    if (request.method !== 'POST') {
      return json(405, { error: 'METHOD_NOT_ALLOWED', description: 'Use POST' }, { allow: 'POST' });
    }
    if (!authenticated(request))
      return json(401, { error: 'UNAUTHORIZED', description: 'Not allowed' });
    const text = await readLimited(request, maxBodyBytes);
    if (text === undefined) {
      return json(413, {
        error: 'PAYLOAD_TOO_LARGE',
        description: `The body is over ${maxBodyBytes} bytes`,
      });
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return json(400, { error: 'INVALID_JSON', description: 'The body must be JSON' });
    }
    const events = parseWebhook(body);
    const context: WebhookContext = { request };
    const creating = events.find(
      (event): event is Of<'createContact'> | Of<'createDeal'> =>
        event.type === 'createContact' || event.type === 'createDeal',
    );
    if (creating) return creation(creating, context);
    if (events.some((event) => event.type === 'test')) return json(200, { ok: true });
    if (options.waitUntil) {
      options.waitUntil(handleAll(events, context));
      return json(200, { ok: true });
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), timeoutMs);
    });
    const outcome = await Promise.race([handleAll(events, context), late]).finally(() =>
      clearTimeout(timer),
    );
    if (outcome === 'late') {
      await report(new WazzupWebhookTimeoutError(timeoutMs));
      return json(503, {
        error: 'HANDLER_TIMEOUT',
        description: `Handlers ran past ${timeoutMs} ms`,
      });
    }
    return outcome
      ? json(200, { ok: true })
      : json(500, { error: 'HANDLER_FAILED', description: 'A handler failed; see onError' });
  };
}
