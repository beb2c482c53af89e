import * as v from 'valibot';
import { WazzupError } from '../errors/classes';
import { ReadTimeoutError, readLimited } from '../internal/read-capped';
import { ContactInputSchema, DealInputSchema } from '../resources/crm';
import {
  WazzupWebhookBodyTimeoutError,
  WazzupWebhookHandlerError,
  WazzupWebhookTimeoutError,
} from './errors';
import {
  type EventOf,
  type ResolvedWebhookOptions,
  resolveWebhookOptions,
  type WebhookContext,
  type WebhookHandlerOptions,
} from './options';
import { parseWebhook, WazzupWebhookError, type WebhookEvent } from './parse-webhook';
import { runEvents, tell } from './run-events';
import { safeEqual } from './secret';

// A Response made from its text: Response.json cost a delivery about 4 µs more on Node.
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

/**
 * The answer to a delivery one of whose items another run is handling now: not acknowledged, so
 * the service delivers it again, and by then it is done (or free again, if that run failed).
 */
const inProgress = () =>
  json(503, {
    error: 'IN_PROGRESS',
    description: 'An item of this delivery is being handled now; deliver it again later',
  });

/** The answer to a delivery whose handlers failed: never the failure's own words. */
const failed = () =>
  json(500, { error: 'HANDLER_FAILED', description: 'A handler failed; see onError' });

/**
 * Runs `work` within `timeoutMs`: its result, or `'late'` once the time is up (the work goes on,
 * unwatched; its own outcome still reaches the store and `onError`).
 */
async function within<T>(work: Promise<T>, timeoutMs: number): Promise<T | 'late'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), timeoutMs);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

function authenticated({ token, crmKey }: ResolvedWebhookOptions, request: Request): boolean {
  if (token === undefined && crmKey === undefined) return true;
  const { url } = request;
  const query = url.indexOf('?');
  const given = query === -1 ? null : new URLSearchParams(url.slice(query)).get('token');
  if (token !== undefined && given !== null && safeEqual(given, token)) return true;
  const bearer = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
  return crmKey !== undefined && bearer !== undefined && safeEqual(bearer, crmKey);
}

/** The entity a create request asks for, made by its handler and checked against the upsert schema. */
async function created(
  options: ResolvedWebhookOptions,
  event: EventOf<'createContact'> | EventOf<'createDeal'>,
  context: WebhookContext,
): Promise<unknown> {
  const { handlers } = options;
  const make = event.type === 'createContact' ? handlers.onCreateContact : handlers.onCreateDeal;
  if (!make) return undefined;
  let entity: unknown;
  try {
    entity = await make(event as never, context);
  } catch (cause) {
    throw new WazzupWebhookHandlerError(`A ${event.type} handler threw: ${String(cause)}`, {
      cause,
    });
  }
  const schema = (
    event.type === 'createContact' ? ContactInputSchema : DealInputSchema
  ) as v.GenericSchema;
  const parsed = v.safeParse(schema, entity);
  if (!parsed.success) {
    const problem = parsed.issues[0]?.message ?? 'invalid';
    throw new WazzupWebhookError(event.type, undefined, [`the handler's entity: ${problem}`]);
  }
  await handlers.onEvent?.(event, context);
  return parsed.output;
}

/** A create request (with whatever else its delivery carries): answered with the entity. */
async function creation(
  options: ResolvedWebhookOptions,
  events: readonly WebhookEvent[],
  event: EventOf<'createContact'> | EventOf<'createDeal'>,
  context: WebhookContext,
): Promise<Response> {
  const { handlers, handlerTimeoutMs } = options;
  const make = event.type === 'createContact' ? handlers.onCreateContact : handlers.onCreateDeal;
  if (!make) {
    // Still an event this receiver got (a logger's onEvent sees it), but it cannot answer one.
    await handlers.onEvent?.(event, context);
    return json(501, { error: 'NOT_IMPLEMENTED', description: `No ${event.type} handler` });
  }
  // Anything else the delivery carries is handled first, as any delivery's events are.
  const work = runEvents(options, events, context).then(async (ran) =>
    ran === 'handled' ? { entity: await created(options, event, context) } : ran,
  );
  let outcome: { entity: unknown } | 'failed' | 'busy' | 'late';
  try {
    outcome = await within(work, handlerTimeoutMs);
  } catch (cause) {
    const error =
      cause instanceof WazzupError ? cause : new WazzupWebhookHandlerError(String(cause));
    await tell(handlers, error, event);
    return failed();
  }
  if (outcome === 'late') {
    options.keepAlive?.(work);
    await tell(handlers, new WazzupWebhookTimeoutError(handlerTimeoutMs), event);
    return json(503, {
      error: 'HANDLER_TIMEOUT',
      description: `Handlers ran past ${handlerTimeoutMs} ms`,
    });
  }
  if (outcome === 'busy') return inProgress();
  return outcome === 'failed' ? failed() : json(200, outcome.entity);
}

/** A delivery as the handler reads it: its body's JSON, or the answer that refuses it. */
async function bodyOf(options: ResolvedWebhookOptions, request: Request): Promise<unknown> {
  const { maxBodyBytes, bodyTimeoutMs, handlers } = options;
  let text: string | undefined;
  try {
    text = await readLimited(request, maxBodyBytes, bodyTimeoutMs);
  } catch (cause) {
    if (cause instanceof ReadTimeoutError) {
      await tell(handlers, new WazzupWebhookBodyTimeoutError(bodyTimeoutMs));
      return json(408, {
        error: 'BODY_TIMEOUT',
        description: `The body took over ${bodyTimeoutMs} ms`,
      });
    }
    return json(400, { error: 'INVALID_BODY', description: 'The body could not be read' });
  }
  if (text === undefined) {
    return json(413, {
      error: 'PAYLOAD_TOO_LARGE',
      description: `The body is over ${maxBodyBytes} bytes`,
    });
  }
  try {
    return { body: JSON.parse(text) as unknown };
  } catch {
    return json(400, { error: 'INVALID_JSON', description: 'The body must be JSON' });
  }
}

/**
 * A webhook receiver as a standard `(request: Request) => Promise<Response>`, for `Deno.serve`,
 * `Bun.serve`, a Worker's `fetch`, or Node through a Request/Response adapter. It authenticates
 * before reading the body (the `token` query parameter and/or `Authorization: Bearer <crmKey>`,
 * compared in constant time; 401 and no handler otherwise), answers the `{ test: true }` probe
 * 200, refuses other methods (405), bodies over `maxBodyBytes` (413), slower than
 * `bodyTimeoutMs` (408) and non-JSON (400), then calls the handlers with each event in delivery
 * order. Each handler of each item is claimed in `dedupe` before it runs and remembered once it
 * succeeded, so a repeat runs nothing twice and a failure (answered 500, or 503 past
 * `handlerTimeoutMs`, and told to `onError`) frees only what failed. A create-contact or
 * create-deal request is answered with the handler's entity, validated against the upsert schema.
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
  return handlerWith(resolveWebhookOptions(options));
}

/** The handler for options already checked (the Worker package checks them once, at creation). */
export function handlerWith(
  options: ResolvedWebhookOptions,
): (request: Request) => Promise<Response> {
  const { handlers, handlerTimeoutMs, waitUntil } = options;
  return async (request) => {
    if (request.method !== 'POST') {
      return json(405, { error: 'METHOD_NOT_ALLOWED', description: 'Use POST' }, { allow: 'POST' });
    }
    if (!authenticated(options, request)) {
      return json(401, { error: 'UNAUTHORIZED', description: 'Not allowed' });
    }
    const read = await bodyOf(options, request);
    if (read instanceof Response) return read;
    const events = parseWebhook((read as { body: unknown }).body);
    const context: WebhookContext = { request };
    const creating = events.find(
      (event): event is EventOf<'createContact'> | EventOf<'createDeal'> =>
        event.type === 'createContact' || event.type === 'createDeal',
    );
    if (creating) return creation(options, events, creating, context);
    if (events.some((event) => event.type === 'test')) return json(200, { ok: true });
    if (waitUntil) {
      waitUntil(runEvents(options, events, context));
      return json(200, { ok: true });
    }
    const work = runEvents(options, events, context);
    const outcome = await within(work, handlerTimeoutMs);
    if (outcome === 'late') {
      // The handlers go on; where a runtime would stop them at the answer, they are kept alive.
      options.keepAlive?.(work);
      await tell(handlers, new WazzupWebhookTimeoutError(handlerTimeoutMs));
      return json(503, {
        error: 'HANDLER_TIMEOUT',
        description: `Handlers ran past ${handlerTimeoutMs} ms`,
      });
    }
    if (outcome === 'busy') return inProgress();
    return outcome === 'handled' ? json(200, { ok: true }) : failed();
  };
}
