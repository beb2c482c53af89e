import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';

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

/** Starts a Worker in workerd (through miniflare) with the given bindings. */
export async function startWorker(
  entry: string,
  bindings: Record<string, string>,
): Promise<Miniflare> {
  const worker = new Miniflare({
    modules: true,
    script: await bundleWorker(entry),
    compatibilityDate: '2025-09-01',
    bindings,
  });
  await worker.ready;
  return worker;
}
