import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build } from 'esbuild';
import { Miniflare, type MiniflareOptions } from 'miniflare';

/**
 * How wrangler bundles a Worker: one ESM file for workerd, resolving packages by the `workerd`,
 * `worker` and `browser` export conditions. Every Worker this repo builds (the workerd tests, the
 * Worker apps, the ecosystem run, the bench) uses these, so none can drift from the others.
 */
export const WORKER_BUILD: BuildOptions = {
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  conditions: ['workerd', 'worker', 'browser'],
  mainFields: ['browser', 'module', 'main'],
};

/** Bundles a Worker entry (a path or `file:` URL) as wrangler does; `more` adds to the options. */
export async function bundleWorker(entry: string, more: BuildOptions = {}): Promise<string> {
  const result = await build({
    ...WORKER_BUILD,
    ...more,
    entryPoints: [entry.startsWith('file:') ? fileURLToPath(entry) : entry],
  });
  return result.outputFiles?.[0]?.text ?? '';
}

/** Starts a Worker in workerd (through miniflare) with the given bindings and other options. */
export async function startWorker(
  entry: string,
  bindings: Record<string, string>,
  more: Omit<MiniflareOptions, 'modules' | 'script' | 'bindings'> = {},
): Promise<Miniflare> {
  const worker = new Miniflare({
    modules: true,
    script: await bundleWorker(entry),
    compatibilityDate: '2025-09-01',
    bindings,
    ...more,
  } as MiniflareOptions);
  await worker.ready;
  return worker;
}

/** A free port on 127.0.0.1, for a Worker that must listen (one the served mock delivers to). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
