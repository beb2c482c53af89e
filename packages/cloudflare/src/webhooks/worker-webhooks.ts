import type { WazzupError } from '@wazzup-sdk/core';
import { handlerWith, resolveWebhookOptions } from '@wazzup-sdk/core/internal';
import {
  type Claim,
  createMemoryDedupe,
  type DedupeStore,
  type WebhookContext,
  type WebhookEvent,
  type WebhookHandlerOptions,
  type WebhookHandlers,
} from '@wazzup-sdk/core/webhooks';

/** The env binding the webhook secret is read from: `wrangler secret put WAZZUP_WEBHOOK_TOKEN`. */
export const WEBHOOK_TOKEN_BINDING = 'WAZZUP_WEBHOOK_TOKEN';
/** The env binding a partner integration's crmKey is read from: `wrangler secret put WAZZUP_CRM_KEY`. */
export const CRM_KEY_BINDING = 'WAZZUP_CRM_KEY';

/** The part of a KV namespace the dedupe store uses. */
export interface KvNamespaceLike {
  get(key: string): Promise<string | null>;
  put(key: string, value: string, options?: { expirationTtl?: number }): Promise<void>;
  delete(key: string): Promise<void>;
}

/**
 * A {@link DedupeStore} in a KV namespace, shared by every isolate of the Worker. KV is eventually
 * consistent and has no atomic write, so it keeps the promise only where one place sees its own
 * writes: a repeat that reaches the same location after the first copy's claim or completion runs
 * nothing; two copies of one item that reach different locations within about a minute may both
 * run. Keep handlers idempotent all the same. A claim's lease is at least 60 s (KV's shortest
 * expiry).
 */
export function kvDedupe(
  namespace: KvNamespaceLike,
  {
    ttlSeconds = 24 * 60 * 60,
    prefix = 'wazzup-webhook:',
  }: { ttlSeconds?: number; prefix?: string } = {},
): DedupeStore {
  return {
    async claim(key, leaseMs): Promise<Claim> {
      const held = await namespace.get(prefix + key);
      if (held === 'done') return 'done';
      if (held !== null && Number(held) > Date.now()) return 'busy';
      const until = Date.now() + leaseMs;
      await namespace.put(prefix + key, String(until), {
        expirationTtl: Math.max(60, Math.ceil(leaseMs / 1000)),
      });
      return 'claimed';
    },
    complete: (key) =>
      namespace.put(prefix + key, 'done', { expirationTtl: Math.max(60, ttlSeconds) }),
    release: (key) => namespace.delete(prefix + key),
  };
}

/** What a Worker's handlers are told besides their event: the request, the env and the ctx. */
export interface WorkerWebhookContext<Env> extends WebhookContext {
  env: Env;
  ctx: { waitUntil(promise: Promise<unknown>): void };
}

type HandlerName =
  | 'onMessage'
  | 'onStatus'
  | 'onChannel'
  | 'onTemplate'
  | 'onCreateContact'
  | 'onCreateDeal'
  | 'onEvent';
const HANDLERS: readonly HandlerName[] = [
  'onMessage',
  'onStatus',
  'onChannel',
  'onTemplate',
  'onCreateContact',
  'onCreateDeal',
  'onEvent',
];

/** Core's handlers, each also given the Worker's env and ctx. */
export type WorkerWebhookHandlers<Env> = {
  [Name in HandlerName]?: (
    event: Parameters<NonNullable<WebhookHandlers[Name]>>[0],
    context: WorkerWebhookContext<Env>,
  ) => ReturnType<NonNullable<WebhookHandlers[Name]>>;
};

/** Options of {@link createWorkerWebhookHandler}: core's, and where the Worker's env holds the rest. */
export interface WorkerWebhookOptions<Env>
  extends Omit<
      WebhookHandlerOptions,
      'token' | 'crmKey' | 'dedupe' | 'waitUntil' | 'onError' | HandlerName
    >,
    WorkerWebhookHandlers<Env> {
  /** Core's `onError`, also told the env and ctx (to record the error in a binding). */
  onError?(
    error: Parameters<NonNullable<WebhookHandlers['onError']>>[0],
    event: Parameters<NonNullable<WebhookHandlers['onError']>>[1],
    context: Omit<WorkerWebhookContext<Env>, 'request'>,
  ): unknown;
  /** The env binding of the address's token; default `WAZZUP_WEBHOOK_TOKEN`. */
  tokenBinding?: string;
  /** The env binding of the crmKey (partner integrations); default `WAZZUP_CRM_KEY`. */
  crmKeyBinding?: string;
  /** The store that drops repeated deliveries; default one in memory per isolate. */
  dedupe?: ((env: Env) => DedupeStore) | false;
  /**
   * Answer 200 at once and run the handlers through `ctx.waitUntil` (default `false`). The
   * delivery is then acknowledged before it is handled: a handler or store failure reaches
   * `onError`, and the service does not deliver it again.
   */
  background?: boolean;
}

/** A string binding of the env, or `undefined`. */
function binding(env: unknown, name: string): string | undefined {
  const value = (env as Record<string, unknown>)[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * A Worker `fetch` handler for Wazzup's webhooks: core's `createWebhookHandler` with its secret
 * from the env (`WAZZUP_WEBHOOK_TOKEN` for the address's token, `WAZZUP_CRM_KEY` for a partner
 * integration's Bearer key; a Worker deployed with neither answers 500 and logs why), each handler
 * told the env and ctx, and repeated deliveries dropped through `dedupe`, e.g.
 * `(env) => kvDedupe(env.WEBHOOK_SEEN)`. Options are checked when it is made.
 *
 * @example
 * const webhooks = createWorkerWebhookHandler<Env>({
 *   onMessage: async ({ message, incoming }, { env }) => { if (incoming) await reply(env, message); },
 *   dedupe: (env) => kvDedupe(env.WEBHOOK_SEEN),
 * });
 * export default { fetch: (request, env, ctx) => webhooks(request, env, ctx) };
 */
export function createWorkerWebhookHandler<Env>(
  options: WorkerWebhookOptions<Env>,
): (
  request: Request,
  env: Env,
  ctx: { waitUntil(promise: Promise<unknown>): void },
) => Promise<Response> {
  const {
    tokenBinding = WEBHOOK_TOKEN_BINDING,
    crmKeyBinding = CRM_KEY_BINDING,
    dedupe,
    background = false,
    onError,
    ...handlers
  } = options;
  // Checked now, so a bad option fails the deploy, not every delivery; the secrets come per env.
  const checked = resolveWebhookOptions({ ...handlers, allowUnauthenticated: true, dedupe: false });
  // Kept per isolate, so repeats are dropped across requests even without KV.
  const memory = createMemoryDedupe();
  return async (request, env, ctx) => {
    const token = binding(env, tokenBinding);
    const crmKey = binding(env, crmKeyBinding);
    if (token === undefined && crmKey === undefined) {
      console.error(
        `wazzup webhooks: neither ${tokenBinding} nor ${crmKeyBinding} is set in the Worker env`,
      );
      return Response.json(
        { error: 'WEBHOOKS_MISCONFIGURED', description: `${tokenBinding} is not set` },
        { status: 500 },
      );
    }
    // Each handler is told this request's env and ctx.
    const bound: WebhookHandlers = {};
    for (const name of HANDLERS) {
      const handler = handlers[name] as
        | ((event: unknown, context: WorkerWebhookContext<Env>) => never)
        | undefined;
      if (handler) {
        (bound as Record<string, unknown>)[name] = (event: unknown, context: WebhookContext) =>
          handler(event, { ...context, env, ctx });
      }
    }
    if (onError) {
      bound.onError = (error: WazzupError, event: WebhookEvent | undefined) =>
        onError(error, event, { env, ctx });
    }
    // The secrets are checked here, per env: one too short answers 500 rather than letting anyone in.
    let secrets: { token: string | undefined; crmKey: string | undefined };
    try {
      secrets = resolveWebhookOptions({ token, crmKey, dedupe: false });
    } catch {
      console.error(`wazzup webhooks: ${tokenBinding} or ${crmKeyBinding} is too short`);
      return Response.json(
        { error: 'WEBHOOKS_MISCONFIGURED', description: 'The webhook secret is too short' },
        { status: 500 },
      );
    }
    return handlerWith({
      ...checked,
      handlers: bound,
      token: secrets.token,
      crmKey: secrets.crmKey,
      dedupe: dedupe === false ? undefined : dedupe ? dedupe(env) : memory,
      waitUntil: background ? (promise) => ctx.waitUntil(promise) : undefined,
      keepAlive: (promise) => ctx.waitUntil(promise),
    })(request);
  };
}
