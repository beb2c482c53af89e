import { fileURLToPath } from 'node:url';
import { defineConfig } from 'tsup';
import { libraryBuild } from '../tsup.shared';

// Receiving (`@wazzup-sdk/core/webhooks`) and the schemas (`@wazzup-sdk/core/schemas`) are entries
// of their own, so code that only sends bundles neither; `internal` is for the sibling packages,
// `outbox` for the outbox backends.
// The JavaScript of every entry is built together and split, so they share one copy of the error
// classes (`instanceof WazzupError` holds across them, in ESM and CJS); the declarations are built
// per entry, since a declaration chunk shared between them names a file that does not exist
// (Deno's type check follows that name and fails).
//
// ofetch is built in, from its runtime-neutral build: its package sends Node to a build that loads
// node-fetch-native, node:http and node:https at import (about 7 ms of a cold start) to polyfill a
// fetch that core never uses, since every client is given one. The `worker` condition picks the
// neutral build in ESM and CJS alike. Its helpers (ufo, destr) are replaced by
// src/internal/ofetch-helpers.ts: the transport never reaches them.
const helpers = fileURLToPath(new URL('./src/internal/ofetch-helpers.ts', import.meta.url));
const entry = {
  index: 'src/index.ts',
  webhooks: 'src/webhooks/index.ts',
  internal: 'src/internal/index.ts',
  schemas: 'src/all-schemas.ts',
  outbox: 'src/outbox/index.ts',
};
export default defineConfig([
  libraryBuild({
    entry,
    tsconfig: 'tsconfig.build.json',
    dts: false,
    splitting: true,
    noExternal: ['ofetch'],
    esbuildOptions(options) {
      options.conditions = ['worker'];
    },
    esbuildPlugins: [
      {
        name: 'ofetch-helpers',
        setup(build) {
          build.onResolve({ filter: /^(ufo|destr)$/ }, (args) =>
            args.importer.includes('/ofetch/') ? { path: helpers } : undefined,
          );
        },
      },
    ],
  }),
  ...Object.entries(entry).map(([name, path]) =>
    libraryBuild({
      entry: { [name]: path },
      tsconfig: 'tsconfig.build.json',
      dts: { only: true },
      clean: false,
    }),
  ),
]);
