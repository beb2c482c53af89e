import {
  type CallOptions,
  type EnvSource,
  envReader,
  type ResolvedOptions,
  resolveOptions,
  type WazzupOptions,
} from './core/options';
import type { WazzupPromise } from './core/promise';
import { parseJson } from './errors/answer';
import { WazzupApiError, WazzupValidationError } from './errors/classes';
import { createEngine } from './internal/engine';
import { sharedRateLimiter } from './internal/rate-limiter';
import type { Engine } from './internal/request';
import { Channels } from './resources/channels';
import { Contacts, Deals, Users } from './resources/crm';
import { Iframe } from './resources/iframe';
import { MessageSender, Messages } from './resources/messages';
import { Pipelines } from './resources/pipelines';
import { call, guarded, READ_MAX_BYTES } from './resources/shared';
import { Templates } from './resources/templates';
import { UnansweredCounters } from './resources/unanswered';
import { Webhooks } from './resources/webhooks';

/** A request to a route the SDK does not type yet, made on the same engine. */
export interface RequestInput extends CallOptions {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** The path from the API's root, e.g. `/v3/some/new/route`. */
  path: string;
  /** Query parameters, added to the path. */
  query?: Record<string, string | number | boolean | undefined> | undefined;
  /** A JSON body. */
  body?: unknown;
  /**
   * Whether the request is safe to repeat after an attempt that may have reached the service;
   * default `true` for every method but `POST`.
   */
  repeatable?: boolean | undefined;
}

/** A client that only sends: what a page or a Worker that sends needs, and all it bundles. */
export interface WazzupSender {
  readonly messages: Pick<MessageSender, 'send'>;
}

/** The whole client: every route of the v3 API on one engine, and `request()` for the rest. */
export interface Wazzup {
  readonly messages: Messages;
  readonly channels: Channels;
  readonly webhooks: Webhooks;
  readonly users: Users;
  readonly contacts: Contacts;
  readonly deals: Deals;
  readonly pipelines: Pipelines;
  readonly templates: Templates;
  readonly iframe: Iframe;
  readonly unanswered: UnansweredCounters;
  /**
   * Calls any route on the same engine (the key's rate limit, retries where safe, redaction, the
   * read cap): for a route this SDK does not type yet. Resolves the answer's JSON (its text when
   * it is not JSON, `undefined` when it is empty).
   */
  request(input: RequestInput): WazzupPromise<unknown>;
}

/** A query string from parameters, or `''`. */
function queryOf(query: RequestInput['query']): string {
  const pairs = Object.entries(query ?? {}).filter(([, value]) => value !== undefined);
  if (pairs.length === 0) return '';
  return `?${new URLSearchParams(pairs.map(([name, value]) => [name, String(value)]))}`;
}

/** An untyped answer: its JSON, its text when it is not JSON, `undefined` when empty. */
function readBody(text: string): unknown {
  const json = parseJson(text);
  return json === undefined ? text || undefined : json;
}

/** The escape hatch on an engine: any route, checked to stay on the API's host. */
function customRequest(engine: Engine, input: RequestInput): WazzupPromise<unknown> {
  return guarded(() => {
    const { method, path, query, body, repeatable, ...options } = input;
    // A path is appended to the base URL: one that does not start with `/` could change its host.
    if (typeof path !== 'string' || !path.startsWith('/')) {
      throw new WazzupValidationError('VALIDATION_ERROR', 'path', 'path must start with /', []);
    }
    const full = path + queryOf(query);
    return call(
      engine,
      {
        method,
        path: full,
        route: `${method} ${path}`,
        body: body === undefined ? undefined : JSON.stringify(body),
        repeatable: repeatable ?? method !== 'POST',
        // An answer is the caller's data, but a hostile server could echo the key into it.
        read: (answer, redact) =>
          answer.truncated
            ? new WazzupApiError({
                status: answer.status,
                code: 'INVALID_RESPONSE',
                description: `HTTP ${answer.status} with a body past the ${READ_MAX_BYTES} bytes read`,
              })
            : readBody(redact(answer.text)),
      },
      options,
    );
  });
}

/** An engine on checked options, with the key's shared rate limiter unless it is turned off. */
function engineFor(options: ResolvedOptions): Engine {
  const { rateLimit, limiterKey } = options;
  return createEngine(
    options,
    rateLimit === false ? undefined : sharedRateLimiter(limiterKey, rateLimit),
  );
}

/** The whole client on checked options. Runtime packages make theirs from their own env. */
export function wazzupOn(options: ResolvedOptions): Wazzup {
  const engine = engineFor(options);
  return {
    messages: new Messages(engine),
    channels: new Channels(engine),
    webhooks: new Webhooks(engine),
    users: new Users(engine),
    contacts: new Contacts(engine),
    deals: new Deals(engine),
    pipelines: new Pipelines(engine),
    templates: new Templates(engine),
    iframe: new Iframe(engine),
    unanswered: new UnansweredCounters(engine),
    request: (input) => customRequest(engine, input),
  };
}

/** A sender on checked options: `messages.send`, and nothing else bundled. */
export function senderOn(options: ResolvedOptions): WazzupSender {
  return { messages: new MessageSender(engineFor(options)) };
}

/**
 * A sender without a rate limiter, which it then does not bundle: for a page sending through a
 * proxy, since the proxy holds the key and its one limit, and a page cannot know the key's other
 * users.
 */
export function unlimitedSenderOn(options: ResolvedOptions): WazzupSender {
  return { messages: new MessageSender(createEngine(options, undefined)) };
}

/** The environment of the runtime, where it has one that core can read without importing it. */
function runtimeEnv(): EnvSource | undefined {
  return (globalThis as { process?: { env?: Record<string, unknown> } }).process?.env;
}

/**
 * A client's options, checked, with what they leave out read from `options.env` when it is given,
 * else from the runtime's environment (`runtime.read`, named `runtime.source` in messages).
 */
export function resolveIn(
  options: WazzupOptions,
  runtime: { read: (name: string) => string | undefined; source: string },
): ResolvedOptions {
  if (options?.env !== undefined)
    return resolveOptions(options, envReader(options.env), 'the env given');
  return resolveOptions(options, runtime.read, runtime.source);
}

/** The options of a client made here: `env` as given, else `process.env` where there is one. */
function resolve(options: WazzupOptions): ResolvedOptions {
  return resolveIn(options, { read: envReader(runtimeEnv()), source: 'the environment' });
}

/**
 * Creates the client for the Wazzup24 API: `messages` (send, edit, delete), `channels`,
 * `webhooks`, `users`, `contacts`, `deals`, `pipelines`, `templates`, `iframe`, `unanswered` and
 * `request()`, all under one retry policy and the key's one rate limit. A missing `apiKey` (and
 * `baseUrl`) is read from `options.env`, else from the runtime's environment (`process.env`);
 * missing everywhere, it throws `WazzupConfigError`. Every option is checked now, each failing by
 * name. Code that only sends bundles less with {@link createSender}.
 *
 * @example
 * const wazzup = createWazzup(); // WAZZUP_API_KEY from the environment
 * const { data: channels } = await wazzup.channels.list();
 * await wazzup.messages.send({ channelId, chatType: 'whatsapp', chatId: '79011112233', text: 'Hi' });
 */
export function createWazzup(options: WazzupOptions = {}): Wazzup {
  return wazzupOn(resolve(options));
}

/**
 * {@link createWazzup} with only `messages.send`: the same options, checks and errors, without
 * the other routes, so a page or Worker that only sends bundles only sending.
 *
 * @example
 * const wazzup = createSender({ env });
 * await wazzup.messages.send({ channelId, chatType: 'whatsapp', chatId: '79011112233', text: 'Hi' });
 */
export function createSender(options: WazzupOptions = {}): WazzupSender {
  return senderOn(resolve(options));
}
