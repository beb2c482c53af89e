import { WazzupConfigError } from '../errors/classes';
import { createWazzup, type WazzupClient, type WazzupOptions } from './create-wazzup';

/** Reads one environment variable (`Deno.env.get`, `Bun.env[name]`, a Worker's env binding…). */
export type EnvReader = (name: string) => string | undefined;

/** The variables runtime packages read. */
export const ENV = { apiKey: 'WAZZUP_API_KEY', baseUrl: 'WAZZUP_BASE_URL' } as const;

/**
 * Creates a client from the environment: `WAZZUP_API_KEY` (required unless `options.apiKey` is
 * given) and `WAZZUP_BASE_URL` (optional). Options given explicitly win over the environment.
 * `source` names where the variables were looked for, for the error message.
 */
export function createWazzupFromEnv(
  read: EnvReader,
  options: Partial<WazzupOptions> = {},
  source = 'the environment',
): WazzupClient {
  const apiKey = options.apiKey ?? read(ENV.apiKey);
  // A secret set to '' or spaces is as missing as an unset one (a deploy that lost its value).
  if (typeof apiKey !== 'string' || apiKey.trim() === '') {
    throw new WazzupConfigError(
      ENV.apiKey,
      `${ENV.apiKey} is not set in ${source}: set it, or pass { apiKey } to createWazzup()`,
    );
  }
  const baseUrl = options.baseUrl ?? read(ENV.baseUrl)?.trim();
  return createWazzup({ ...options, apiKey, ...(baseUrl && { baseUrl }) });
}
