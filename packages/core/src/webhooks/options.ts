import { checkCount, checkMs, refuseOption } from '../core/check-options';
import { WazzupConfigError, type WazzupError } from '../errors/classes';
import type { ContactInput, DealInput } from '../resources/crm';
import { createMemoryDedupe, type DedupeStore } from './dedupe';
import type { WebhookEvent } from './parse-webhook';

/** One kind of event, by its `type`. */
export type EventOf<T extends WebhookEvent['type']> = Extract<WebhookEvent, { type: T }>;

/** What a handler is told besides its event. */
export interface WebhookContext {
  /** The request the delivery came in. */
  request: Request;
}

/** The user's handlers, called with each event in delivery order. */
export interface WebhookHandlers {
  onMessage?(event: EventOf<'message'>, context: WebhookContext): unknown;
  onStatus?(event: EventOf<'status'>, context: WebhookContext): unknown;
  onChannel?(event: EventOf<'channel'>, context: WebhookContext): unknown;
  onTemplate?(event: EventOf<'template'>, context: WebhookContext): unknown;
  /** Creates the contact the service asks for and returns it: it becomes the answer's body. */
  onCreateContact?(
    event: EventOf<'createContact'>,
    context: WebhookContext,
  ): ContactInput | Promise<ContactInput>;
  /** Creates the deal the service asks for and returns it: it becomes the answer's body. */
  onCreateDeal?(
    event: EventOf<'createDeal'>,
    context: WebhookContext,
  ): DealInput | Promise<DealInput>;
  /** Called for every event but the probe, besides the handler of its type. */
  onEvent?(event: WebhookEvent, context: WebhookContext): unknown;
  /**
   * Every failure: a malformed item, a handler that threw or ran too long, a dedupe store that
   * failed, a body that came too slowly. Nothing is lost silently.
   */
  onError?(error: WazzupError, event: WebhookEvent | undefined): unknown;
}

/** Options of `createWebhookHandler`. */
export interface WebhookHandlerOptions extends WebhookHandlers {
  /** The secret expected in the address's `token` query parameter (see `createWebhookSecret`). */
  token?: string | undefined;
  /** The crmKey the service sends as `Authorization: Bearer <crmKey>` (partner integrations). */
  crmKey?: string | undefined;
  /** Accept deliveries with no secret at all. Without `token` or `crmKey` the handler refuses to start unless this is `true`. */
  allowUnauthenticated?: boolean;
  /** Largest body read, in bytes; default 1 MiB (more is answered 413). */
  maxBodyBytes?: number;
  /** Longest a body may take to arrive, in ms; default 10 000 (slower is answered 408). */
  bodyTimeoutMs?: number;
  /**
   * Remembers what was handled, so a repeated delivery runs nothing twice; default a store in
   * memory, for one process (see `DedupeStore` for one shared by replicas). `false` turns it off.
   */
  dedupe?: DedupeStore | false;
  /** How long the handlers of one delivery may run before it is answered 503; default 25 000 ms (the service waits 30 s). */
  handlerTimeoutMs?: number;
  /**
   * Runs the handlers after a quick 200, as a Worker's `ctx.waitUntil` does. The delivery is then
   * acknowledged before it is handled: a failure reaches `onError`, and the service does not
   * deliver it again. Not for createContact / createDeal, whose answer is the handler's result.
   */
  waitUntil?: (promise: Promise<unknown>) => void;
}

/** The options, checked once: what every delivery runs with. */
export interface ResolvedWebhookOptions {
  handlers: WebhookHandlers;
  token: string | undefined;
  crmKey: string | undefined;
  maxBodyBytes: number;
  bodyTimeoutMs: number;
  handlerTimeoutMs: number;
  dedupe: DedupeStore | undefined;
  waitUntil: ((promise: Promise<unknown>) => void) | undefined;
  /**
   * Keeps work that outlives its answer running (handlers past their time limit): a Worker's
   * `ctx.waitUntil`, since workerd stops what a request left running once it is answered.
   */
  keepAlive?: ((promise: Promise<unknown>) => void) | undefined;
}

/** Minimum length of a `token`: a shorter one can be guessed. */
export const MIN_TOKEN_LENGTH = 16;

function checkSecret(name: string, value: unknown, min: number): void {
  const valid = typeof value === 'string' && value.trim().length >= min;
  if (value !== undefined && !valid) refuseOption(name, `a secret of at least ${min} characters`);
}

/**
 * Checks a webhook handler's options when it is made, each failing with a `WazzupConfigError`
 * that names it: a secret too short, neither secret without `allowUnauthenticated`, a body limit
 * or a time that is not a positive whole number.
 */
export function resolveWebhookOptions(options: WebhookHandlerOptions): ResolvedWebhookOptions {
  if (typeof options !== 'object' || options === null) {
    throw new WazzupConfigError('options', 'createWebhookHandler takes an options object');
  }
  const { token, crmKey, dedupe } = options;
  checkSecret('token', token, MIN_TOKEN_LENGTH);
  checkSecret('crmKey', crmKey, 8);
  if (token === undefined && crmKey === undefined && options.allowUnauthenticated !== true) {
    throw new WazzupConfigError(
      'token',
      'createWebhookHandler needs a token (or crmKey): without one anyone could post deliveries; pass allowUnauthenticated: true to mean it',
    );
  }
  const store = (value: unknown): value is DedupeStore =>
    typeof value === 'object' &&
    value !== null &&
    ['claim', 'complete', 'release'].every(
      (method) => typeof (value as Record<string, unknown>)[method] === 'function',
    );
  if (dedupe !== undefined && dedupe !== false && !store(dedupe)) {
    refuseOption('dedupe', 'a DedupeStore ({ claim, complete, release }) or false');
  }
  if (options.waitUntil !== undefined && typeof options.waitUntil !== 'function') {
    refuseOption('waitUntil', 'a function');
  }
  return {
    handlers: options,
    token,
    crmKey,
    maxBodyBytes: checkCount('maxBodyBytes', options.maxBodyBytes ?? 1024 * 1024, 1, 2 ** 31),
    bodyTimeoutMs: checkMs('bodyTimeoutMs', options.bodyTimeoutMs ?? 10_000),
    handlerTimeoutMs: checkMs('handlerTimeoutMs', options.handlerTimeoutMs ?? 25_000),
    dedupe: dedupe === false ? undefined : (dedupe ?? createMemoryDedupe()),
    waitUntil: options.waitUntil,
  };
}
