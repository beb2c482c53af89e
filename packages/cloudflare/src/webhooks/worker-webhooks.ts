import type { WazzupError } from '@wazzup-sdk/core';
import {
  createMemoryDedupe,
  createWebhookHandler,
  type DedupeStore,
  type WebhookContext,
  type WebhookEvent,
  type WebhookHandlerOptions,
  type WebhookHandlers,
} from '@wazzup-sdk/core/webhooks';

/** The env binding the webhook secret is read from: `wrangler secret put WAZZUP_WEBHOOK_TOKEN`. */
export const WEBHOOK_TOKEN_BINDING = 'WAZZUP_WEBHOOK_TOKEN';

/** The part of a KV namespace the dedupe store uses. */
export interface KvNamespaceLike {
  get(key: string): Promise<string | null>;
  put(key: string, value: string, options?: { expirationTtl?: number }): Promise<void>;
}

/**
 * A {@link DedupeStore} in a KV namespace, shared by every isolate of the Worker. KV is
 * eventually consistent, so two deliveries of one item within about a minute in different places
 * may both run: keep handlers idempotent all the same.
 */
export function kvDedupe(
  namespace: KvNamespaceLike,
  {
    ttlSeconds = 24 * 60 * 60,
    prefix = 'wazzup-webhook:',
  }: { ttlSeconds?: number; prefix?: string } = {},
): DedupeStore {
  return {
    has: async (key) => (await namespace.get(prefix + key)) !== null,
    add: (key) => namespace.put(prefix + key, '1', { expirationTtl: Math.max(60, ttlSeconds) }),
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
  extends Omit<WebhookHandlerOptions, 'token' | 'dedupe' | 'waitUntil' | 'onError' | HandlerName>,
    WorkerWebhookHandlers<Env> {
  /** Core's `onError`, also told the env and ctx (to record the error in a binding). */
  onError?(
    error: Parameters<NonNullable<WebhookHandlers['onError']>>[0],
    event: Parameters<NonNullable<WebhookHandlers['onError']>>[1],
    context: Omit<WorkerWebhookContext<Env>, 'request'>,
  ): unknown;
  /** The env binding of the secret; default `WAZZUP_WEBHOOK_TOKEN`. */
  tokenBinding?: string;
  /** The KV namespace for dropping repeated deliveries; default an in-memory store per isolate. */
  dedupe?: ((env: Env) => DedupeStore) | false;
  /** Answer 200 at once and run the handlers through `ctx.waitUntil` (default `true`). */
  background?: boolean;
}

/**
 * A Worker `fetch` handler for Wazzup's webhooks: core's `createWebhookHandler` with the secret
 * from the env (a Worker deployed without it answers 500 and logs why), the handlers run through
 * `ctx.waitUntil` after a quick 200 (the service wants its answer within 30 s), and repeated
 * deliveries dropped through `dedupe`, e.g. `(env) => kvDedupe(env.WEBHOOK_SEEN)`.
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
    dedupe,
    background = true,
    onError,
    ...handlers
  } = options;
  // Kept per isolate, so repeats are dropped across requests even without KV.
  const memory = createMemoryDedupe();
  return async (request, env, ctx) => {
    const token = (env as Record<string, unknown>)[tokenBinding];
    if (typeof token !== 'string' || token.length < 16) {
      console.error(
        `wazzup webhooks: ${tokenBinding} is missing or shorter than 16 characters in the Worker env`,
      );
      return Response.json(
        { error: 'WEBHOOKS_MISCONFIGURED', description: `${tokenBinding} is not set` },
        { status: 500 },
      );
    }
    // Made per request (it is cheap) so each runs its handlers through its own ctx.waitUntil, and
    // each handler is told this request's env and ctx.
    const bound: Partial<WebhookHandlers> = {};
    for (const name of HANDLERS) {
      const handler = handlers[name] as
        | ((event: unknown, context: WorkerWebhookContext<Env>) => never)
        | undefined;
      if (handler) {
        (bound as Record<string, unknown>)[name] = (event: unknown, context: WebhookContext) =>
          handler(event, { ...context, env, ctx });
      }
    }
    const handle = createWebhookHandler({
      ...handlers,
      ...bound,
      ...(onError && {
        onError: (error: WazzupError, event: WebhookEvent | undefined) =>
          onError(error, event, { env, ctx }),
      }),
      token,
      dedupe: dedupe === false ? false : dedupe ? dedupe(env) : memory,
      ...(background && { waitUntil: (promise: Promise<unknown>) => ctx.waitUntil(promise) }),
    });
    return handle(request);
  };
}
