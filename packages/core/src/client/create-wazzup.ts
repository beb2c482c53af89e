import { type ResourceMethods, resourceMethods } from '../resources';
import { checkApiKey, checkUrl, refuseOption } from './check-options';
import { DEFAULT_BASE_URL, type WazzupOptions, type WazzupSender } from './contract';
import { createEngine, senderOn } from './create-send-client';
import type { EngineContext } from './retry-loop';

/** The whole client: sending, and every other route of the v3 API on the same engine. */
export interface WazzupClient extends WazzupSender, ResourceMethods {}

/** The engine for a key and base URL, from checked options. */
function engineFor(options: WazzupOptions): EngineContext {
  if (typeof options !== 'object' || !options) refuseOption('options', 'an object: { apiKey }');
  const { apiKey, baseUrl, ...rest } = options;
  const key = checkApiKey(apiKey);
  const base = checkUrl('baseUrl', baseUrl ?? DEFAULT_BASE_URL, true);
  return createEngine(
    { ...rest, headers: { authorization: `Bearer ${key}` }, secrets: [key] },
    base,
    false,
  );
}

/**
 * Creates a client for the Wazzup24 API: `sendMessage`, and every other v3 route (`channels`,
 * `webhooks`, `users`, `contacts`, `deals`, `pipelines`, `templates`, `iframe`, `unanswered`,
 * `editMessage`, `deleteMessage`), all under one retry policy and the key's one rate limit.
 * Nothing runtime-specific: give it a `fetch` or it uses the global one. Every option is checked
 * now: a missing or malformed key, a `baseUrl` that is not an http(s) URL (or has a query,
 * fragment or credentials), a time that is not a positive number of ms, a rate limit below 1
 * request… throw `WazzupConfigError` naming the option. Code that only sends bundles less with
 * {@link createSender}.
 *
 * @example
 * const wazzup = createWazzup({ apiKey: env.WAZZUP_API_KEY });
 * const [channel] = (await wazzup.channels.list()).filter((c) => c.state === 'active');
 * await wazzup.sendMessage({ channelId: channel.channelId, chatType: 'whatsapp', chatId: '79011112233', text: 'Hi' });
 */
export function createWazzup(options: WazzupOptions): WazzupClient {
  const engine = engineFor(options);
  return { ...senderOn(engine, options), ...resourceMethods(engine) };
}

/**
 * Creates a client that only sends: the same `sendMessage`, options and errors as
 * {@link createWazzup}, without the other routes, so a page or Worker that only sends bundles
 * only sending.
 *
 * @example
 * const wazzup = createSender({ apiKey: env.WAZZUP_API_KEY });
 * await wazzup.sendMessage({ channelId, chatType: 'whatsapp', chatId: '79011112233', text: 'Hi' });
 */
export function createSender(options: WazzupOptions): WazzupSender {
  return senderOn(engineFor(options), options);
}
