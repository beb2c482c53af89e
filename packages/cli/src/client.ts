import { createWazzup, ENV, type WazzupClient } from '@wazzup-sdk/core';
import { UsageError } from './output';

/** The arguments every command that talks to the API takes. */
export const API_ARGS = {
  'api-key': {
    type: 'string',
    description: `The API key; default $${ENV.apiKey}. Never printed.`,
    valueHint: 'key',
  },
  'base-url': {
    type: 'string',
    description: `Where the API is; default $${ENV.baseUrl}, or the real one`,
    valueHint: 'url',
  },
  json: { type: 'boolean', description: 'Print JSON, for scripts' },
  verbose: { type: 'boolean', description: 'Print whole errors' },
} as const;

/** A client from the flags, then the environment. */
export function clientFrom(args: {
  'api-key'?: string | undefined;
  'base-url'?: string | undefined;
}): WazzupClient {
  const apiKey = args['api-key'] ?? process.env[ENV.apiKey];
  if (!apiKey?.trim()) {
    throw new UsageError(
      `no API key: set ${ENV.apiKey} or pass --api-key (a blank one is as missing as none)`,
    );
  }
  const baseUrl = args['base-url'] ?? process.env[ENV.baseUrl];
  return createWazzup({ apiKey, ...(baseUrl && { baseUrl }) });
}
