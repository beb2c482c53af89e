import {
  createSenderFromEnv,
  createWazzupFromEnv,
  type EnvReader,
  type WazzupClient,
  type WazzupOptions,
  type WazzupSender,
} from '@wazzup-sdk/core';

/** The bindings this package reads from a Worker's `env`. */
export interface WazzupEnv {
  /** The API key, stored as a secret (`wrangler secret put WAZZUP_API_KEY`). */
  WAZZUP_API_KEY?: string;
  /** Optional: another API address (a staging server, the mock). */
  WAZZUP_BASE_URL?: string;
}

/**
 * Creates a Wazzup client from a Worker's env binding: the secret `WAZZUP_API_KEY` and the
 * optional `WAZZUP_BASE_URL`. Explicit options win; a missing key throws a `WazzupConfigError`.
 *
 * @example
 * export default {
 *   async fetch(request, env) {
 *     const wazzup = createWazzup(env);
 *     await wazzup.sendMessage({ channelId, chatType: 'whatsapp', chatId: '79011112233', text: 'Hi' });
 *     return new Response('sent');
 *   },
 * };
 */
export function createWazzup(env: WazzupEnv, options: Partial<WazzupOptions> = {}): WazzupClient {
  return createWazzupFromEnv(readerOf(env), options, 'the Worker env');
}

/**
 * {@link createWazzup} for a Worker that only sends: the same `sendMessage`, without the other
 * routes, so its bundle carries only sending.
 */
export function createSender(env: WazzupEnv, options: Partial<WazzupOptions> = {}): WazzupSender {
  return createSenderFromEnv(readerOf(env), options, 'the Worker env');
}

/** Reads the env's string bindings (a secret, a var); anything else is absent. */
function readerOf(env: WazzupEnv): EnvReader {
  const bindings = env as Record<string, unknown>;
  return (name) => (typeof bindings[name] === 'string' ? (bindings[name] as string) : undefined);
}
