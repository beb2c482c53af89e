import { createWazzup, type Logger, type Wazzup, WazzupConfigError } from '@wazzup-sdk/core';
import { ENV } from '@wazzup-sdk/core/internal';
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
  verbose: {
    type: 'boolean',
    description: `Print whole errors, and log every request (or set $${ENV.logLevel})`,
  },
} as const;

/** Every line on stderr, so `--json` output on stdout stays one document. */
const STDERR: Logger = {
  debug: (line) => console.error(line),
  info: (line) => console.error(line),
  warn: (line) => console.error(line),
  error: (line) => console.error(line),
};

/** A client from the flags, then the environment, as core reads it. */
export function clientFrom(args: {
  'api-key'?: string | undefined;
  'base-url'?: string | undefined;
  verbose?: boolean | undefined;
}): Wazzup {
  try {
    return createWazzup({
      ...(args['api-key'] !== undefined && { apiKey: args['api-key'] }),
      ...(args['base-url'] && { baseUrl: args['base-url'] }),
      env: process.env,
      logger: STDERR,
      ...(args.verbose && { logLevel: 'debug' }),
    });
  } catch (error) {
    // A missing key is the user's to fix, not a crash: the usage error and its exit code.
    if (error instanceof WazzupConfigError && [ENV.apiKey, 'apiKey'].includes(error.variable)) {
      const missing = !(args['api-key'] ?? process.env[ENV.apiKey])?.trim();
      throw new UsageError(
        missing
          ? `no API key: set ${ENV.apiKey} or pass --api-key (a blank one is as missing as none)`
          : error.message,
      );
    }
    throw error;
  }
}
