import type { MockChannel } from '../state/channels';
import { channelView } from '../state/channels';
import type { MockEntity, MockStore } from '../state/store';
import { type EntityKind, validateBatch } from '../validate/validate-entities';

// Every v3 route but POST /v3/message, as the pages and the n8n node's authors describe them.
// Each handler gets the request already authenticated, rate limited and read; it answers like
// the service.

/** A message the mock delivered, as far as edits and deletes care. */
export interface EditableMessage {
  messageId: string;
  channelId: string;
  at: number;
  body: Record<string, unknown>;
  editedAt?: number | undefined;
  deletedAt?: number | undefined;
}

/** What a route handler gets. */
export interface RouteContext {
  store: MockStore;
  channels: readonly MockChannel[];
  /** The path's `:id`, decoded. */
  id: string | undefined;
  query: URLSearchParams;
  /** The JSON body, `undefined` when absent or not JSON. */
  body: unknown;
  now: number;
}

/** What the routes need from the mock around them. */
export interface RouteDeps {
  /** Messages the account sent, for edit and delete. */
  messageOf(id: string): EditableMessage | undefined;
  /** How long after sending a message may be edited or deleted. */
  editWindowMs: number;
  /** POSTs a JSON body to a webhook address and resolves its status (the probe). */
  probe(uri: string): Promise<number>;
  /** How `GET /v3/webhooks` answers: as seen live (booleans, `wabaTemplatesStatus`) or as documented. */
  webhooksShape: 'live' | 'documented';
  /** How `GET /v3/users` answers: `{ count, data }` pages (newer pages) or one array (older). */
  usersShape: 'pages' | 'array';
  /** Whether keys no page documents are passed (the default) or refused. */
  unknownKeys: 'pass' | 'refuse';
}

/** One route: method, path (`:id` for the id), whether a Sidecar key may use it, the handler. */
export interface MockRoute {
  method: string;
  path: string;
  sidecar: boolean;
  handle(context: RouteContext): Response | Promise<Response>;
}

const json = (status: number, body: unknown) => Response.json(body, { status });
const ok = () => json(200, { ok: true });

/**
 * An error as the newer pages show them: `{ status, requestId, error, description, data? }`, with
 * the same request id in `x-request-id`.
 */
export function apiError(
  status: number,
  error: string,
  description: string,
  data?: unknown,
): Response {
  const requestId = crypto.randomUUID();
  const body = { status, requestId, error, description, ...(data !== undefined && { data }) };
  return Response.json(body, { status, headers: { 'x-request-id': requestId } });
}
const PAGE = 100;

/** The five CRUD routes of a CRM entity, and its batch upsert. */
function entityRoutes(kind: Exclude<EntityKind, 'pipelines'>, deps: RouteDeps): MockRoute[] {
  const base = `/v3/${kind}`;
  const store = (context: RouteContext) => context.store[kind];
  const notFound = () =>
    apiError(404, `${kind.slice(0, -1).toUpperCase()}_NOT_FOUND`, `No such ${kind.slice(0, -1)}`);
  return [
    {
      method: 'GET',
      path: base,
      sidecar: false,
      handle(context) {
        const all = [...store(context).values()];
        if (kind === 'users' && deps.usersShape === 'array') return json(200, all);
        const offset = Number(context.query.get('offset') ?? 0) || 0;
        // The users page shows its count as a string ("count": "1"); the others as a number.
        const count = kind === 'users' ? String(all.length) : all.length;
        return json(200, { count, data: all.slice(offset, offset + PAGE) });
      },
    },
    {
      method: 'GET',
      path: `${base}/:id`,
      sidecar: false,
      handle(context) {
        const entity = store(context).get(context.id as string);
        return entity ? json(200, entity) : notFound();
      },
    },
    {
      method: 'POST',
      path: base,
      sidecar: false,
      handle(context) {
        const rejection = validateBatch(kind, context.body, deps.unknownKeys);
        if (rejection) return apiError(400, rejection.code, rejection.description, rejection.data);
        for (const item of context.body as MockEntity[]) {
          // A user's phone in a format the service does not take is dropped, not refused.
          const { phone, ...rest } = item;
          const keep = kind !== 'users' || phone === undefined || /^[0-9]+$/.test(String(phone));
          store(context).set(item.id, keep ? item : (rest as MockEntity));
        }
        return ok();
      },
    },
    {
      method: 'DELETE',
      path: `${base}/:id`,
      sidecar: false,
      handle(context) {
        return store(context).delete(context.id as string) ? ok() : notFound();
      },
    },
    {
      method: 'PATCH',
      path: `${base}/bulk_delete`,
      sidecar: false,
      handle(context) {
        const ids = context.body;
        if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) {
          return apiError(400, 'VALIDATION_ERROR', 'The body must be an array of ids');
        }
        if (ids.length > PAGE) return apiError(400, 'TOO_MANY_ENTITIES', 'At most 100 ids');
        // The service answers the ids it did not know.
        const unknown = ids.filter((id) => !store(context).delete(id));
        return json(200, unknown.length ? { notFound: unknown } : { ok: true });
      },
    },
  ];
}

function messageRoutes(deps: RouteDeps): MockRoute[] {
  const find = (context: RouteContext, what: 'EDITING' | 'DELETION') => {
    const message = deps.messageOf(context.id as string);
    if (!message || message.deletedAt !== undefined) {
      return apiError(400, 'MESSAGES_NOT_FOUND', 'The message is not found');
    }
    const channel = context.channels.find((each) => each.id === message.channelId);
    if (channel?.transport === 'wapi') {
      return apiError(
        400,
        `CHANNEL_INVALID_TRANSPORT_FOR_${what}`,
        'WABA messages cannot be edited or deleted',
      );
    }
    if (context.now - message.at > deps.editWindowMs) {
      return apiError(400, `MESSAGES_${what}_TIME_EXPIRED`, 'The message is too old');
    }
    return message;
  };
  return [
    {
      method: 'PATCH',
      path: '/v3/message/:id',
      sidecar: true,
      handle(context) {
        const body = context.body as Record<string, unknown> | undefined;
        const text = body?.text;
        const contentUri = body?.contentUri;
        const unknown = Object.keys(body ?? {}).find(
          (key) => !['text', 'contentUri', 'crmUserId'].includes(key),
        );
        if (!body || typeof body !== 'object') {
          return apiError(400, 'VALIDATION_ERROR', 'The body must be an object');
        }
        if (unknown && deps.unknownKeys === 'refuse') {
          return apiError(400, 'VALIDATION_ERROR', `Unknown field "${unknown}"`);
        }
        if (text !== undefined && contentUri !== undefined) {
          return apiError(400, 'MESSAGE_ONLY_TEXT_OR_CONTENT', 'Text or content, not both');
        }
        if (text === undefined && contentUri === undefined) {
          return apiError(400, 'MESSAGE_NOTHING_TO_SEND', 'Nothing to edit');
        }
        const found = find(context, 'EDITING');
        if (found instanceof Response) return found;
        found.body = { ...found.body, ...(text !== undefined ? { text } : { contentUri }) };
        found.editedAt = context.now;
        return ok();
      },
    },
    {
      method: 'DELETE',
      path: '/v3/message/:id',
      sidecar: true,
      handle(context) {
        const found = find(context, 'DELETION');
        if (found instanceof Response) return found;
        found.deletedAt = context.now;
        return ok();
      },
    },
  ];
}

function webhookRoutes(deps: RouteDeps): MockRoute[] {
  return [
    {
      method: 'GET',
      path: '/v3/webhooks',
      sidecar: true,
      handle({ store }) {
        const { uri, subscriptions } = store.webhooks;
        if (deps.webhooksShape === 'documented') {
          const strings = Object.fromEntries(
            Object.entries(subscriptions).map(([name, on]) => [name, String(on)]),
          );
          return json(200, { webhooksUri: uri ?? '', subscriptions: strings });
        }
        const { templateStatus, ...rest } = subscriptions;
        return json(200, {
          webhooksUri: uri ?? null,
          subscriptions: { ...rest, wabaTemplatesStatus: templateStatus },
        });
      },
    },
    {
      method: 'PATCH',
      path: '/v3/webhooks',
      sidecar: true,
      async handle({ store, body }) {
        const settings = body as { webhooksUri?: unknown; subscriptions?: unknown } | undefined;
        const uri = settings?.webhooksUri;
        let valid = typeof uri === 'string' && uri.length <= 200;
        try {
          valid &&= /^https?:$/.test(new URL(uri as string).protocol);
        } catch {
          valid = false;
        }
        if (!valid) return apiError(400, 'uriNotValid', 'The webhooks address is not valid');
        // The service checks the address answers a probe with 200 before it keeps it.
        const status = await deps.probe(uri as string).catch(() => 0);
        if (status !== 200) {
          return apiError(
            400,
            'testPostNotPassed',
            `The test POST was answered ${status || 'with no answer'}`,
          );
        }
        const given = (settings?.subscriptions ?? {}) as Record<string, unknown>;
        store.webhooks = {
          uri: uri as string,
          subscriptions: {
            messagesAndStatuses: given.messagesAndStatuses === true,
            contactsAndDealsCreation: given.contactsAndDealsCreation === true,
            channelsUpdates: given.channelsUpdates === true,
            templateStatus: given.templateStatus === true,
          },
        };
        return ok();
      },
    },
  ];
}

function otherRoutes(deps: RouteDeps): MockRoute[] {
  return [
    {
      method: 'GET',
      path: '/v3/channels',
      sidecar: true,
      handle: ({ channels }) => json(200, channels.map(channelView)),
    },
    {
      method: 'GET',
      path: '/v3/pipelines',
      sidecar: false,
      handle: ({ store }) => json(200, [...store.pipelines.values()]),
    },
    {
      method: 'POST',
      path: '/v3/pipelines',
      sidecar: false,
      handle({ store, body }) {
        const rejection = validateBatch('pipelines', body, deps.unknownKeys);
        if (rejection) return apiError(400, rejection.code, rejection.description, rejection.data);
        for (const item of body as MockEntity[]) store.pipelines.set(item.id, item);
        return ok();
      },
    },
    {
      method: 'GET',
      path: '/v3/templates/whatsapp',
      sidecar: true,
      handle({ store, query }) {
        const limit = Math.min(Number(query.get('limit') ?? PAGE) || PAGE, PAGE);
        const offset = Number(query.get('offset') ?? 0) || 0;
        return json(200, store.templates.slice(offset, offset + limit));
      },
    },
    {
      method: 'GET',
      path: '/v3/unanswered/:id',
      sidecar: false,
      handle: ({ store, id }) =>
        json(
          200,
          store.unanswered.get(id as string) ?? { counterV2: 0, type: null, lastMsgDateTime: null },
        ),
    },
    {
      method: 'POST',
      path: '/v3/iframe',
      sidecar: false,
      handle({ body }) {
        const input = body as
          | { user?: { id?: unknown }; scope?: unknown; filter?: unknown[] }
          | undefined;
        // The iframe route nests its code, as reported: { error: { code, message } }.
        const refuse = (message: string) =>
          json(400, { error: { code: 'VALIDATION_ERROR', message } });
        if (typeof input?.user?.id !== 'string' || !input.user.id.trim()) {
          return refuse('user.id is required');
        }
        if (input.scope !== 'global' && input.scope !== 'card') return refuse('scope is invalid');
        if (input.scope === 'card' && !(Array.isArray(input.filter) && input.filter.length > 0)) {
          return refuse('filter is required for a card');
        }
        const user = encodeURIComponent(input.user.id);
        return json(200, {
          url: `https://app.wazzup24.com/iframe?user=${user}&scope=${input.scope}`,
        });
      },
    },
  ];
}

/** Every route beyond sending. */
export function v3Routes(deps: RouteDeps): MockRoute[] {
  return [
    ...messageRoutes(deps),
    ...webhookRoutes(deps),
    ...entityRoutes('users', deps),
    ...entityRoutes('contacts', deps),
    ...entityRoutes('deals', deps),
    ...otherRoutes(deps),
  ];
}

/**
 * The route for a method and path, with its `:id`; `undefined` when no route has the path,
 * `'malformed'` when the id's percent-escapes do not decode.
 */
export function matchRoute(
  routes: readonly MockRoute[],
  method: string,
  pathname: string,
): { route: MockRoute; id: string | undefined } | 'wrong-method' | 'malformed' | undefined {
  let pathMatched = false;
  for (const route of routes) {
    const [prefix, wantsId] = route.path.split('/:');
    let id: string | undefined;
    if (wantsId) {
      if (!pathname.startsWith(`${prefix}/`)) continue;
      const rest = pathname.slice((prefix as string).length + 1);
      if (!rest || rest.includes('/') || rest === 'bulk_delete') continue;
      try {
        id = decodeURIComponent(rest);
      } catch {
        return 'malformed';
      }
    } else if (pathname !== route.path) continue;
    pathMatched = true;
    if (route.method === method) return { route, id };
  }
  return pathMatched ? 'wrong-method' : undefined;
}
