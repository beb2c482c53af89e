import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { WORKER_BUILD } from '@wazzup-sdk/worker-bundle';
import { type BuildOptions, build } from 'esbuild';
import { assertNoOfetch, withoutOfetch } from './without-ofetch';

/** A bundle to weigh: a fixture and the platform it is built for. */
export interface SizeCase {
  name: string;
  fixture: string;
  platform: 'browser' | 'worker';
  /** Built from source with fetch in place of ofetch (a what-if, see without-ofetch.ts). */
  withoutOfetch?: boolean;
  /** The most it may weigh, min+gzip, in CI; default {@link BUDGET_BYTES}, the send-only one. */
  budgetBytes?: number;
}

export const SIZE_CASES: SizeCase[] = [
  { name: 'raw fetch', fixture: 'raw-fetch.ts', platform: 'browser' },
  { name: 'ofetch alone', fixture: 'ofetch.ts', platform: 'browser' },
  { name: 'ofetch + valibot schema', fixture: 'ofetch-valibot.ts', platform: 'browser' },
  { name: 'SDK: browser page', fixture: 'sdk-browser.ts', platform: 'browser' },
  { name: 'SDK: Worker', fixture: 'sdk-worker.ts', platform: 'worker' },
  {
    name: 'SDK: Worker, whole client',
    fixture: 'sdk-worker-client.ts',
    platform: 'worker',
    // The send path's budget (BUDGET_BYTES) and every other route: 20 184 bytes.
    budgetBytes: 20_350,
  },
  {
    name: 'what-if: SDK browser page, fetch in place of ofetch',
    fixture: 'sdk-browser.ts',
    platform: 'browser',
    withoutOfetch: true,
  },
];

/** Where the send-only page should get to, min+gzip: 10.0 KB, with ofetch in it. */
export const TARGET_BYTES: number = 10 * 1024;

/**
 * What CI enforces today: the measured size plus a little headroom, so growth fails the build.
 * It carries the hardening every send path needs (redaction of every field a server writes,
 * redirects refused, capped reads, options checked when the client is made) and each chat type's
 * own rules (ten chat types, their chat-id formats, text limits and codes, the WABA, Telegram and
 * MAX button layouts), and the send path's two savings of its time in memory: attempt time limits
 * that share signals and timers, and headers handed to fetch as the record they are (together
 * about 600 bytes, and a third of an in-memory send on Node 22), and the rate limiter's two lanes
 * and a 429 waited out to the retry deadline (about 350 bytes), a limiter of its own per client on
 * Workers, and the first slot waited for before the request loop starts (about 240 bytes, for 616
 * fewer bytes of heap per queued send). The Worker's sender is the larger (16 113 bytes: it has the
 * key's rate limiter, which a proxy sender leaves out; the limiter that runs on a shared store
 * comes only with a store). The other routes
 * are not in it: a sender bundles none of them, and the whole client has a budget of its own (the
 * Worker case's `budgetBytes`).
 */
export const BUDGET_BYTES = 16_250;

/** A fixture bundled and minified as an app would ship it. */
export async function bundle(entry: SizeCase): Promise<Uint8Array> {
  // A Worker is built as wrangler builds it (WORKER_BUILD); a page as a bundler for browsers does.
  const platform: BuildOptions =
    entry.platform === 'worker'
      ? WORKER_BUILD
      : { bundle: true, write: false, format: 'esm', target: 'es2022', platform: 'browser' };
  const result = await build({
    mainFields: ['browser', 'module', 'main'],
    ...platform,
    entryPoints: [fileURLToPath(new URL(`../fixtures/${entry.fixture}`, import.meta.url))],
    minify: true,
    plugins: entry.withoutOfetch ? [withoutOfetch] : [],
    metafile: true,
  });
  if (entry.withoutOfetch) assertNoOfetch(result.metafile);
  return result.outputFiles?.[0]?.contents ?? new Uint8Array();
}

/** Minified and gzipped size (level 9) of a fixture's bundle. */
export async function bundleSize(entry: SizeCase): Promise<{ minified: number; gzipped: number }> {
  const bytes = await bundle(entry);
  return { minified: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
}
