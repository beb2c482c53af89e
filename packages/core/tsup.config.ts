import { defineConfig } from 'tsup';
import { libraryBuild } from '../tsup.shared';

// Receiving is its own entry (`@wazzup-sdk/core/webhooks`), so code that only sends never bundles
// it. The JavaScript of both entries is built together and split, so they share one copy of the
// error classes (`instanceof WazzupError` holds across them, in ESM and CJS); the declarations are
// built per entry, since a declaration chunk shared between them names a file that does not exist
// (Deno's type check follows that name and fails).
const entry = { index: 'src/index.ts', webhooks: 'src/webhooks/index.ts' };
export default defineConfig([
  libraryBuild({ entry, tsconfig: 'tsconfig.build.json', dts: false, splitting: true }),
  ...Object.entries(entry).map(([name, path]) =>
    libraryBuild({
      entry: { [name]: path },
      tsconfig: 'tsconfig.build.json',
      dts: { only: true },
      clean: false,
    }),
  ),
]);
