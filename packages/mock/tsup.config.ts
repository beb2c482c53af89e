import { defineConfig } from 'tsup';

// One build per entry: shared declaration chunks (`x-[hash].d.ts` imported as `x-[hash].js`) do not
// resolve under Deno's type checker, so each entry's `.d.ts` stands alone. dist/ is emptied by the
// build script, not by tsup, since the three builds run side by side.
const entry = (name: string, source: string) => ({
  entry: { [name]: source },
  format: ['esm', 'cjs'] as ('esm' | 'cjs')[],
  dts: name !== 'cli',
  clean: false,
  target: 'es2022' as const,
  platform: 'node' as const,
});

export default defineConfig([
  entry('index', 'src/index.ts'),
  entry('node', 'src/node.ts'),
  entry('cli', 'src/cli.ts'),
]);
