import type { Wazzup, WazzupOptions, WazzupSender } from '@wazzup-sdk/core';
import { resolveIn, senderOn, wazzupOn } from '@wazzup-sdk/core/internal';

/** The bindings this package reads from a Worker's `env`. */
export interface WazzupEnv {
  /** The API key, stored as a secret (`wrangler secret put WAZZUP_API_KEY`). */
  WAZZUP_API_KEY?: string;
  /** Optional: another API address (a staging server, the mock). */
  WAZZUP_BASE_URL?: string;
  /** Optional: the log level (`off`, `error`, `warn`, `info`, `debug`). */
  WAZZUP_LOG?: string;
}

/** A Worker has no global environment: its bindings come as `env`, to pass as `{ env }`. */
const NO_GLOBAL_ENV = { read: () => undefined, source: 'the options (pass { env } in a Worker)' };

/**
 * Creates the Wazzup client in a Worker: core's client, with what its options leave out read from
 * the Worker's `env` passed as `{ env }` (the secret `WAZZUP_API_KEY`, the optional
 * `WAZZUP_BASE_URL` and `WAZZUP_LOG`). A missing key throws `WazzupConfigError` naming it.
 *
 * @example
 * export default {
 *   async fetch(request, env) {
 *     const wazzup = createWazzup({ env });
 *     await wazzup.messages.send({ channelId, chatType: 'whatsapp', chatId: '79011112233', text: 'Hi' });
 *     return new Response('sent');
 *   },
 * };
 */
export function createWazzup(options: WazzupOptions = {}): Wazzup {
  return wazzupOn(resolveIn(options, NO_GLOBAL_ENV));
}

/** {@link createWazzup} with only `messages.send`, and nothing else bundled. */
export function createSender(options: WazzupOptions = {}): WazzupSender {
  return senderOn(resolveIn(options, NO_GLOBAL_ENV));
}
