// One replica of the shared-limit bench, in a process of its own (Node through tsx, or Bun): it
// opens its connections with a few sends, waits for START_AT, sends COUNT messages as bulk under
// the key's limit (through Redis when REDIS_URL is set, else in memory) and prints, as JSON, every
// request's span and how many answers were 429 or failed.
import { createWazzup } from '@wazzup-sdk/core';
import { redisRateLimit } from '@wazzup-sdk/redis';
import { Redis } from 'ioredis';
import type { Span } from './burst';
import { LOOPBACK_MESSAGE } from './throughput';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const redis = process.env.REDIS_URL ? new Redis(process.env.REDIS_URL) : undefined;
const spans: Span[] = [];
let tooMany = 0;
const counting = async (input: string | URL | Request, init?: RequestInit) => {
  const sent = Date.now();
  const response = await fetch(input, init);
  spans.push([sent, Date.now()]);
  if (response.status === 429) tooMany++;
  return response;
};
const wazzup = createWazzup({
  apiKey: env('WAZZUP_API_KEY'),
  baseUrl: env('WAZZUP_BASE_URL'),
  fetch: counting,
  rateLimit: {
    limit: Number(env('LIMIT')),
    windowMs: Number(env('WINDOW_MS')),
    ...(redis && { store: redisRateLimit(redis, { prefix: env('PREFIX') }) }),
  },
});
await Promise.all(Array.from({ length: 5 }, () => wazzup.messages.send(LOOPBACK_MESSAGE)));
const readyAt = Date.now();
spans.length = 0;
tooMany = 0;
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(env('START_AT')) - readyAt)));
let failed = 0;
await Promise.all(
  Array.from({ length: Number(env('COUNT')) }, () =>
    wazzup.messages.send(LOOPBACK_MESSAGE, { lane: 'bulk' }).catch(() => {
      failed++;
    }),
  ),
);
console.log(JSON.stringify({ readyAt, spans, tooMany, failed }));
await redis?.quit();
