import { defineConfig } from 'tsup';
import { libraryBuild } from '../tsup.shared';

// Receiving is its own entry (`@wazzup-sdk/core/webhooks`), so code that only sends never bundles
// it. The JavaScript of both entries is built together and split, so they share one copy of the
// error classes (`instanceof WazzupError` holds across them, in ESM and CJS); the declarations are
// built per entry, since a declaration chunk shared between them names a file that does not exist
// (Deno's type check follows that name and fails).
//
// ofetch is built in, from its runtime-neutral build (with destr and ufo, which it imports): its
// package sends Node to a build that loads node-fetch-native, node:http and node:https at import
// (about 7 ms of a cold start) to polyfill a fetch that core never uses, since every client is
// given one. The `worker` condition picks the neutral build in ESM and CJS alike.
const entry = {
  index: 'src/index.ts',
  webhooks: 'src/webhooks/index.ts',
  internal: 'src/internal/index.ts',
};
export default defineConfig([
  libraryBuild({
    entry,
    tsconfig: 'tsconfig.build.json',
    dts: false,
    splitting: true,
    noExternal: ['ofetch', 'destr', 'ufo'],
    esbuildOptions(options) {
      options.conditions = ['worker'];
    },
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
