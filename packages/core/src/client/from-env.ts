import { WazzupConfigError } from '../errors/classes';
import type { WazzupOptions, WazzupSender } from './contract';
import { createSender, createWazzup, type WazzupClient } from './create-wazzup';

/** Reads one environment variable (`Deno.env.get`, `Bun.env[name]`, a Worker's env binding…). */
export type EnvReader = (name: string) => string | undefined;

/** The variables runtime packages read. */
export const ENV = { apiKey: 'WAZZUP_API_KEY', baseUrl: 'WAZZUP_BASE_URL' } as const;

/**
 * Client options from the environment: `WAZZUP_API_KEY` (required unless `options.apiKey` is
 * given) and `WAZZUP_BASE_URL` (optional). Options given explicitly win over the environment.
 * `source` names where the variables were looked for, for the error message.
 */
export function optionsFromEnv(
  read: EnvReader,
  options: Partial<WazzupOptions> = {},
  source = 'the environment',
): WazzupOptions {
  const apiKey = options.apiKey ?? read(ENV.apiKey);
  // A secret set to '' or spaces is as missing as an unset one (a deploy that lost its value).
  if (typeof apiKey !== 'string' || apiKey.trim() === '') {
    throw new WazzupConfigError(
      ENV.apiKey,
      `${ENV.apiKey} is not set in ${source}: set it, or pass { apiKey } to createWazzup()`,
    );
  }
  const baseUrl = options.baseUrl ?? read(ENV.baseUrl)?.trim();
  return { ...options, apiKey, ...(baseUrl && { baseUrl }) };
}

/** {@link createWazzup} with options from the environment (see {@link optionsFromEnv}). */
export function createWazzupFromEnv(
  read: EnvReader,
  options?: Partial<WazzupOptions>,
  source?: string,
): WazzupClient {
  return createWazzup(optionsFromEnv(read, options, source));
}

/** {@link createSender} with options from the environment (see {@link optionsFromEnv}). */
export function createSenderFromEnv(
  read: EnvReader,
  options?: Partial<WazzupOptions>,
  source?: string,
): WazzupSender {
  return createSender(optionsFromEnv(read, options, source));
}
