import {
  createSenderFromEnv,
  createWazzupFromEnv,
  type WazzupClient,
  WazzupConfigError,
  type WazzupOptions,
  type WazzupSender,
} from '@wazzup-sdk/core';

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
      `Cannot read ${name} from Deno.env: run with --allow-env=WAZZUP_API_KEY,WAZZUP_BASE_URL or pass { apiKey }`,
    );
  }
}

/**
 * Creates a Wazzup client on Deno. Without `apiKey` it reads `WAZZUP_API_KEY` (and optionally
 * `WAZZUP_BASE_URL`) from `Deno.env`, and throws a {@link WazzupConfigError} naming the variable
 * when it is missing.
 *
 * @example
 * import { createWazzup } from '@wazzup-sdk/deno';
 * const wazzup = createWazzup();
 * await wazzup.sendMessage({ channelId, chatType: 'whatsapp', chatId: '79011112233', text: 'Hi' });
 */
export function createWazzup(options: Partial<WazzupOptions> = {}): WazzupClient {
  return createWazzupFromEnv(readDenoEnv, options, 'Deno.env');
}

/**
 * {@link createWazzup} for code that only sends: the same `sendMessage`, without the other
 * routes, so a bundle that only sends carries only sending.
 */
export function createSender(options: Partial<WazzupOptions> = {}): WazzupSender {
  return createSenderFromEnv(readDenoEnv, options, 'Deno.env');
}
