import {
  type Wazzup,
  WazzupConfigError,
  type WazzupOptions,
  type WazzupSender,
} from '@wazzup-sdk/core';
import { resolveIn, senderOn, wazzupOn } from '@wazzup-sdk/core/internal';

// Only the part of the Deno global this file touches, so it type-checks under Node's tsc too.
declare const Deno: { env: { get(name: string): string | undefined } };

function readDenoEnv(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch {
    // Deno refuses env access without --allow-env: an optional variable is then just absent, and
    // for the key the error says which permission to grant.
    if (name !== 'WAZZUP_API_KEY') return undefined;
    throw new WazzupConfigError(
      name,
      `Cannot read ${name} from Deno.env: run with --allow-env=WAZZUP_API_KEY,WAZZUP_BASE_URL,WAZZUP_LOG or pass { apiKey }`,
    );
  }
}

const DENO_ENV = { read: readDenoEnv, source: 'Deno.env' };

/**
 * Creates the Wazzup client on Deno: the same client as core's `createWazzup`, with what its
 * options leave out (`WAZZUP_API_KEY`, `WAZZUP_BASE_URL`, `WAZZUP_LOG`) read from `Deno.env`, or
 * from `options.env` when it is given. A missing key throws `WazzupConfigError` naming it.
 *
 * @example
 * import { createWazzup } from '@wazzup-sdk/deno';
 * const wazzup = createWazzup();
 * await wazzup.messages.send({ channelId, chatType: 'whatsapp', chatId: '79011112233', text: 'Hi' });
 */
export function createWazzup(options: WazzupOptions = {}): Wazzup {
  return wazzupOn(resolveIn(options, DENO_ENV));
}

/** {@link createWazzup} with only `messages.send`, and nothing else bundled. */
export function createSender(options: WazzupOptions = {}): WazzupSender {
  return senderOn(resolveIn(options, DENO_ENV));
}
