import {
  createSenderFromEnv,
  createWazzupFromEnv,
  type WazzupClient,
  type WazzupOptions,
  type WazzupSender,
} from '@wazzup-sdk/core';

// Only the part of the Bun global this file touches, so it type-checks under Node's tsc too.
declare const Bun: { env: Record<string, string | undefined> };

const readBunEnv = (name: string) => Bun.env[name];

/**
 * Creates a Wazzup client on Bun. Without `apiKey` it reads `WAZZUP_API_KEY` (and optionally
 * `WAZZUP_BASE_URL`) from `Bun.env` (which includes `.env` files), and throws a
 * `WazzupConfigError` naming the variable when it is missing.
 *
 * @example
 * import { createWazzup } from '@wazzup-sdk/bun';
 * const wazzup = createWazzup();
 * await wazzup.sendMessage({ channelId, chatType: 'whatsapp', chatId: '79011112233', text: 'Hi' });
 */
export function createWazzup(options: Partial<WazzupOptions> = {}): WazzupClient {
  return createWazzupFromEnv(readBunEnv, options, 'Bun.env');
}

/**
 * {@link createWazzup} for code that only sends: the same `sendMessage`, without the other
 * routes, so a bundle that only sends carries only sending.
 */
export function createSender(options: Partial<WazzupOptions> = {}): WazzupSender {
  return createSenderFromEnv(readBunEnv, options, 'Bun.env');
}
