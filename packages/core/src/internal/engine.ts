import type { ResolvedOptions } from '../core/options';
import { createRedactor } from '../errors/redact';
import { createDeadlines } from './attempt-timeouts';
import type { RateLimiter } from './rate-limiter';
import type { Engine } from './request';
import { createTelemetry } from './telemetry';
import { createTransport } from './transport';

/**
 * The engine every client is made on, from its checked options: one transport, one retry policy,
 * one redaction, one telemetry and, when given, the key's one rate limiter for every route. The
 * limiter is passed in rather than made here, so a client without one (a proxy sender) bundles
 * none.
 */
export function createEngine(options: ResolvedOptions, limiter: RateLimiter | undefined): Engine {
  // What holds the key (its headers, the secrets, the limiter's name) stays in closures: a client
  // object logged or inspected shows none of it.
  const { headers, secrets, limiterKey: _, ...rest } = options;
  const redact = createRedactor(secrets);
  const sent = { ...headers, 'content-type': 'application/json', accept: 'application/json' };
  return {
    options: rest,
    transport: createTransport(options.fetch, sent),
    redact,
    telemetry: createTelemetry({ ...options, redact }),
    limiter,
    startDeadline: createDeadlines(),
  };
}
