import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { createWazzup } from '@wazzup-sdk/core';
import { createTransport } from '@wazzup-sdk/core/internal';
import { DEMO_API_KEY, DEMO_CHANNEL_IDS } from '@wazzup-sdk/mock';
import { createFetch } from 'ofetch';
import * as v from 'valibot';
import { FloorSchema } from '../fixtures/floor-schema';
import { interleaved, type Rounds } from './measure';
import { buildCoreWithoutOfetch } from './without-ofetch';

/** What the loopback benches send: a text to the mock's demo WhatsApp channel. */
export const LOOPBACK_MESSAGE = {
  channelId: DEMO_CHANNEL_IDS.whatsapp,
  chatType: 'whatsapp',
  chatId: '79011112233',
  text: 'Hi',
} as const;

/** The mock served by its own process (`wazzup mock`), so client and server do not share a thread. */
export async function startMockProcess(
  args: string[] = [],
): Promise<{ url: string; child: ChildProcess }> {
  const bin = createRequire(import.meta.url)
    .resolve('@wazzup-sdk/cli/package.json')
    .replace(/package\.json$/, 'bin/wazzup.js');
  const child = spawn(process.execPath, [bin, 'mock', '--json', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [chunk] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
  return { url: (JSON.parse(chunk.toString()) as { url: string }).url, child };
}

/** Runs `total` sends with `concurrency` in flight and returns sends per second. */
async function rate(
  send: () => Promise<unknown>,
  total: number,
  concurrency: number,
): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) await send();
    }),
  );
  return (total * 1000) / (performance.now() - started);
}

/**
 * Sends per second over loopback HTTP to the served mock: raw fetch (without and with a timeout),
 * ofetch as the SDK calls it (alone, and after the stack's own validation), plain ofetch, the SDK,
 * and the SDK with fetch in place of ofetch.
 */
// 8 000 sends × 7 rounds: shorter runs moved plain ofetch between 0.87× and 1.08× raw fetch,
// more than the ±5 % the target is judged on.
export async function measureThroughput(
  total = 8000,
  concurrency = 32,
  rounds = 7,
): Promise<Rounds> {
  const { url, child } = await startMockProcess(['--no-rate-limit']);
  try {
    const endpoint = `${url}/v3/message`;
    const headers = { authorization: `Bearer ${DEMO_API_KEY}`, 'content-type': 'application/json' };
    let id = 0;
    const sdk = createWazzup({ apiKey: DEMO_API_KEY, baseUrl: url, rateLimit: false });
    const whatIf: typeof import('@wazzup-sdk/core') = await import(await buildCoreWithoutOfetch());
    const withoutOfetch = whatIf.createWazzup({
      apiKey: DEMO_API_KEY,
      baseUrl: url,
      rateLimit: false,
    });
    const plain = createFetch({ fetch: globalThis.fetch });
    const transport = createTransport(globalThis.fetch);
    // Sends of `request()` through the SDK's transport (ofetch with the SDK's options, the capped
    // read), a timeout each, the answer parsed.
    const throughTransport = (request: () => object) => () =>
      rate(
        async () => {
          const body = JSON.stringify(request());
          const signal = AbortSignal.timeout(30_000);
          const answer = await transport(endpoint, { body, headers, signal });
          JSON.parse(answer.text);
        },
        total,
        concurrency,
      );
    const contenders = {
      'raw fetch': () =>
        rate(
          async () => {
            const body = JSON.stringify({ ...LOOPBACK_MESSAGE, crmMessageId: `raw-${id++}` });
            const response = await fetch(endpoint, { method: 'POST', headers, body });
            await response.json();
          },
          total,
          concurrency,
        ),
      // What a hand-written client that can time out pays: Node's fetch follows a request's signal
      // with a listener, a WeakRef and a finalizer, about 9 % more client CPU per request here.
      'raw fetch with a timeout': () =>
        rate(
          async () => {
            const body = JSON.stringify({ ...LOOPBACK_MESSAGE, crmMessageId: `timed-${id++}` });
            const signal = AbortSignal.timeout(30_000);
            const response = await fetch(endpoint, { method: 'POST', headers, body, signal });
            await response.json();
          },
          total,
          concurrency,
        ),
      // The same, refusing redirects as the SDK does (a hostile server must not bounce the key).
      'raw fetch with a timeout, redirects refused': () =>
        rate(
          async () => {
            const body = JSON.stringify({ ...LOOPBACK_MESSAGE, crmMessageId: `manual-${id++}` });
            const signal = AbortSignal.timeout(30_000);
            const response = await fetch(endpoint, {
              method: 'POST',
              headers,
              body,
              signal,
              redirect: 'manual',
            });
            await response.json();
          },
          total,
          concurrency,
        ),
      // The SDK's HTTP layer alone.
      'ofetch as the SDK calls it, with a timeout': throughTransport(() => ({
        ...LOOPBACK_MESSAGE,
        crmMessageId: `layer-${id++}`,
      })),
      // The same after the least a validated, idempotent send does on the stack alone: valibot's
      // parse with the bundle floor's schema of the same fields, and a UUID for crmMessageId.
      'ofetch as the SDK calls it, after valibot parse + UUID': throughTransport(() => ({
        ...v.parse(FloorSchema, LOOPBACK_MESSAGE),
        crmMessageId: crypto.randomUUID(),
      })),
      // The stack's HTTP layer alone, as a client that lets ofetch serialise and parse would use it.
      'plain ofetch': () =>
        rate(
          () =>
            plain(endpoint, {
              method: 'POST',
              headers,
              body: { ...LOOPBACK_MESSAGE, crmMessageId: `ofetch-${id++}` },
            }),
          total,
          concurrency,
        ),
      'SDK sendMessage': () => rate(() => sdk.messages.send(LOOPBACK_MESSAGE), total, concurrency),
      // The same client built with fetch in place of ofetch (see without-ofetch.ts).
      'what-if: SDK with fetch in place of ofetch': () =>
        rate(() => withoutOfetch.messages.send(LOOPBACK_MESSAGE), total, concurrency),
    };
    for (const run of Object.values(contenders)) await run();
    return await interleaved(contenders, rounds);
  } finally {
    child.kill();
  }
}
