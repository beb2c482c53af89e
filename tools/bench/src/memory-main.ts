// Run with --expose-gc by memory.ts: queues sends behind a limiter that has no slot free, weighs
// the heap they hold, aborts them all with one signal, and prints what it measured as JSON.
import { setMaxListeners } from 'node:events';
import { createWazzup, WazzupAbortError } from '@wazzup-sdk/core';
import { createFetch } from 'ofetch';
import { memoryFetch, MESSAGE as message } from './in-memory';

const count = Number(process.argv[2] ?? 20_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
// A fetch that never answers (until its signal aborts): the baseline's calls wait in it.
const never = (_input: unknown, init?: RequestInit) =>
  new Promise<Response>((_, reject) => {
    init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
  });

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

/**
 * Starts `count` calls that wait, weighs the heap they hold (after a full collection), then aborts
 * them with their one signal and times how long until every one has settled.
 */
async function weigh(start: (signal: AbortSignal) => Promise<unknown>[]) {
  const controller = new AbortController();
  setMaxListeners(Number.POSITIVE_INFINITY, controller.signal);
  gc?.();
  await settle();
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const pending = start(controller.signal);
  await settle();
  gc?.();
  const bytesEach = (process.memoryUsage().heapUsed - before) / count;
  // Caught only now, so the weighing counts the calls and not this harness's own promises.
  const caught = pending.map((each) => each.catch((error: unknown) => error));
  const started = performance.now();
  controller.abort();
  const settled = await Promise.all(caught);
  return { bytesEach, releaseMs: performance.now() - started, settled };
}

// The SDK: one send takes the only slot of a long window, so the rest queue behind the limiter.
const sdk = createWazzup({
  apiKey: 'bench-key',
  fetch: memoryFetch,
  rateLimit: { limit: 1, windowMs: 3_600_000 },
  queueTimeoutMs: 3_600_000,
});
await sdk.messages.send(message);
const queued = await weigh((signal) =>
  Array.from({ length: count }, () => sdk.messages.send(message, { signal })),
);

// The baseline: as many plain ofetch calls waiting on a fetch that never answers.
const plain = createFetch({ fetch: never as typeof fetch });
const waiting = await weigh((signal) =>
  Array.from({ length: count }, () =>
    plain('http://wazzup.invalid/v3/message', {
      method: 'POST',
      body: message,
      signal,
      retry: false,
    }),
  ),
);
process.stdout.write(
  JSON.stringify({
    count,
    sdkBytesEach: Math.round(queued.bytesEach),
    sdkReleaseMs: Math.round(queued.releaseMs),
    allAborted: queued.settled.every((each) => each instanceof WazzupAbortError),
    plainOfetchBytesEach: Math.round(waiting.bytesEach),
  }),
);
