import type { Wazzup, WazzupOptions, WazzupSender } from '@wazzup-sdk/core';
import { resolveIn, senderOn, wazzupOn } from '@wazzup-sdk/core/internal';

// Only the part of the Bun global this file touches, so it type-checks under Node's tsc too.
declare const Bun: { env: Record<string, string | undefined> };

/** Bun's environment, `.env` files included. */
const BUN_ENV = { read: (name: string) => Bun.env[name], source: 'Bun.env' };

/**
 * Creates the Wazzup client on Bun: the same client as core's `createWazzup`, with what its
 * options leave out (`WAZZUP_API_KEY`, `WAZZUP_BASE_URL`, `WAZZUP_LOG`) read from `Bun.env`, or
 * from `options.env` when it is given. A missing key throws `WazzupConfigError` naming it.
 *
 * @example
 * import { createWazzup } from '@wazzup-sdk/bun';
 * const wazzup = createWazzup();
 * await wazzup.messages.send({ channelId, chatType: 'whatsapp', chatId: '79011112233', text: 'Hi' });
 */
export function createWazzup(options: WazzupOptions = {}): Wazzup {
  return wazzupOn(resolveIn(options, BUN_ENV));
}

/** {@link createWazzup} with only `messages.send`, and nothing else bundled. */
export function createSender(options: WazzupOptions = {}): WazzupSender {
  return senderOn(resolveIn(options, BUN_ENV));
}
