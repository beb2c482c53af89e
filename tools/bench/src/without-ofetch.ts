import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';

// A what-if, not a product: the SDK built from its own source with core's ofetch transport swapped
// for one plain fetch call (fixtures/fetch-transport.ts), all else unchanged. The stack fixes
// ofetch as the HTTP layer; measuring this beside the shipped SDK in the same run shows what that
// choice costs in time and bytes.

// The what-if builds core from its source (the published build bundles the transport in), so
// this is the one place the bench reads core's files.
const packages = fileURLToPath(new URL('../../../packages/', import.meta.url));
const fetchTransport = fileURLToPath(new URL('../fixtures/fetch-transport.ts', import.meta.url));

/** Resolves the packages to their source, so a bundle's metafile names core's own files. */
export const fromSource: Plugin = {
  name: 'wazzup-from-source',
  setup(build) {
    build.onResolve({ filter: /^@wazzup-sdk\/(core|browser|cloudflare)$/ }, (args) => ({
      path: join(packages, args.path.replace('@wazzup-sdk/', ''), 'src/index.ts'),
    }));
    build.onResolve({ filter: /^@wazzup-sdk\/core\/internal$/ }, () => ({
      path: join(packages, 'core/src/internal/index.ts'),
    }));
  },
};

/** Resolves the packages to their source and core's transport to the what-if one. */
export const withoutOfetch: Plugin = {
  name: 'wazzup-without-ofetch',
  setup(build) {
    fromSource.setup(build);
    // Core's own transport module, by whichever relative path a file of core imports it.
    const transport = join(packages, 'core/src/internal/transport');
    build.onResolve({ filter: /(^|\/)transport$/ }, (args) =>
      args.importer.startsWith(join(packages, 'core/src')) &&
      join(args.resolveDir, args.path) === transport
        ? { path: fetchTransport }
        : undefined,
    );
  },
};

/** Throws unless the build left ofetch out, so a swap that stopped matching cannot pass unseen. */
export function assertNoOfetch(metafile: Metafile): void {
  const ofetch = Object.keys(metafile.inputs).find((input) => input.includes('ofetch'));
  if (ofetch) throw new Error(`the what-if build still bundles ofetch (${ofetch})`);
}

let built: Promise<string> | undefined;

/**
 * Core built without ofetch into a module of its own (valibot inlined), for the overhead and
 * throughput contenders to import. Returns the module's URL; built once per run, however many
 * measurements ask for it.
 */
export function buildCoreWithoutOfetch(): Promise<string> {
  built ??= buildOnce();
  return built;
}

async function buildOnce(): Promise<string> {
  // Rewritten on every run, in the package's own (ignored) cache rather than the repository.
  const outfile = join(packages, 'bench/node_modules/.cache/core-without-ofetch.mjs');
  const { metafile } = await build({
    stdin: { contents: "export * from '@wazzup-sdk/core';", resolveDir: packages, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    plugins: [withoutOfetch],
    outfile,
    metafile: true,
  });
  assertNoOfetch(metafile);
  return pathToFileURL(outfile).href;
}
