import { defineConfig } from 'tsup';
import { libraryBuild } from '../tsup.shared';

// One build per entry: shared declaration chunks (`x-[hash].d.ts` imported as `x-[hash].js`) do not
// resolve under Deno's type checker, so each entry's `.d.ts` stands alone. dist/ is emptied by the
// build script, not by tsup, since the builds run side by side.
const entry = (name: string, source: string) =>
  libraryBuild({ entry: { [name]: source }, dts: true, clean: false, platform: 'node' });

export default defineConfig([entry('index', 'src/index.ts'), entry('node', 'src/node.ts')]);
