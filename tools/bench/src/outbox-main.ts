// One process of the outbox bench (Node through tsx), by MODE:
// - `keys`: an outbox per API key in KEYS (comma-separated), each queuing COUNT messages as bulk,
//   then, from START_AT, a worker per key under the key's limit (LIMIT per WINDOW_MS, through
//   Redis); prints every request's span per key and the 429s. `direct`: the same sends made at
//   START_AT by a client per key with its in-memory limiter, no queue: what the machine reaches.
// - `outbox` / `bullmq`: the cost per message, the mock unlimited: COUNT messages through the
//   outbox (enqueueMany, then a worker), or through BullMQ's own loop (addBulk, then a Worker
//   whose processor sends); prints the wall time from the first add to the last answer.
import { createWazzup, type SendMessageRequest } from '@wazzup-sdk/core';
import { redisRateLimit } from '@wazzup-sdk/redis';
import { createRedisOutbox } from '@wazzup-sdk/redis/outbox';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Span } from './burst';
import { LOOPBACK_MESSAGE } from './throughput';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const mode = env('MODE');
const count = Number(env('COUNT'));
const prefix = env('PREFIX');
const connection = new Redis(env('REDIS_URL'), { maxRetriesPerRequest: null });
const messages = (tag: string): SendMessageRequest[] =>
  Array.from({ length: count }, (_, i) => ({ ...LOOPBACK_MESSAGE, text: `${tag} ${i}` }));

/** A client for `apiKey` whose fetch records each request's span, and 429s. */
function client(
  apiKey: string,
  spans: Span[],
  counts: { tooMany: number },
  limit: 'redis' | 'memory' | false,
) {
  return createWazzup({
    apiKey,
    baseUrl: env('WAZZUP_BASE_URL'),
    fetch: async (input: string | URL | Request, init?: RequestInit) => {
      const sent = Date.now();
      const response = await fetch(input, init);
      spans.push([sent, Date.now()]);
      if (response.status === 429) counts.tooMany++;
      return response;
    },
    rateLimit: limit && {
      limit: Number(env('LIMIT')),
      windowMs: Number(env('WINDOW_MS')),
      ...(limit === 'redis' && { store: redisRateLimit(connection, { prefix }) }),
    },
  });
}

const until = async (done: () => boolean) => {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 20));
};

if (mode === 'keys' || mode === 'direct') {
  const keys = env('KEYS').split(',');
  const counts = { tooMany: 0 };
  const perKey = keys.map((apiKey) => {
    const spans: Span[] = [];
    const wazzup = client(apiKey, spans, counts, mode === 'keys' ? 'redis' : 'memory');
    const name = `key-${apiKey.slice(0, 4)}`;
    const outbox =
      mode === 'keys' ? createRedisOutbox({ connection, prefix, name, wazzup }) : undefined;
    return { apiKey, spans, wazzup, outbox };
  });
  for (const { outbox, apiKey } of perKey) {
    await outbox?.enqueueMany(messages(apiKey.slice(0, 6)), { lane: 'bulk' });
  }
  const readyAt = Date.now();
  await new Promise((resolve) =>
    setTimeout(resolve, Math.max(0, Number(env('START_AT')) - readyAt)),
  );
  const workers = perKey.flatMap(({ outbox }) => outbox?.startWorker({ concurrency: 50 }) ?? []);
  if (mode === 'direct') {
    await Promise.all(
      perKey.flatMap(({ wazzup, apiKey }) =>
        messages(apiKey.slice(0, 6)).map((message) =>
          wazzup.messages.send(message, { lane: 'bulk' }).catch(() => undefined),
        ),
      ),
    );
  }
  await until(() => perKey.every(({ spans }) => spans.length >= count));
  console.log(
    JSON.stringify({
      readyAt,
      spans: perKey.map(({ spans }) => spans),
      tooMany: counts.tooMany,
    }),
  );
  await Promise.all(workers.map((worker) => worker.close()));
  await Promise.all(perKey.map(({ outbox }) => outbox?.close()));
} else {
  const spans: Span[] = [];
  const wazzup = client(env('WAZZUP_API_KEY'), spans, { tooMany: 0 }, mode === 'outbox' && 'redis');
  const started = performance.now();
  if (mode === 'outbox') {
    const outbox = createRedisOutbox({ connection, prefix, name: 'cost', wazzup });
    await outbox.enqueueMany(messages('outbox'), { lane: 'bulk' });
    const worker = outbox.startWorker({ concurrency: 50 });
    await until(() => spans.length >= count);
    const ms = performance.now() - started;
    await worker.close();
    await outbox.close();
    console.log(JSON.stringify({ ms }));
  } else {
    // BullMQ's own loop, as its docs show it: add jobs, a Worker's processor does the work.
    const options = { connection, prefix: `${prefix}:bull` };
    const queue = new Queue<SendMessageRequest>('cost', options);
    const opts = { removeOnComplete: true };
    const jobs = messages('bullmq').map((data) => ({ name: 'send', data, opts }));
    for (let start = 0; start < jobs.length; start += 100) {
      await queue.addBulk(jobs.slice(start, start + 100));
    }
    const blocking = connection.duplicate();
    const worker = new Worker<SendMessageRequest>(
      'cost',
      async (job) => wazzup.messages.send(job.data),
      { ...options, connection: blocking, concurrency: 50 },
    );
    await until(() => spans.length >= count);
    const ms = performance.now() - started;
    await worker.close();
    await queue.close();
    await blocking.quit();
    console.log(JSON.stringify({ ms }));
  }
}
await connection.quit();
