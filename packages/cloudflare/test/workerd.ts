import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Miniflare, type MiniflareOptions } from 'miniflare';

/** Bundles a Worker entry the way wrangler does: ESM, workerd export conditions. */
export async function bundleWorker(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
  });
  return result.outputFiles[0]?.text ?? '';
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
