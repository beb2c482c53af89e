import { defineConfig } from 'tsup';

// A Node program, not a library: one ESM file, no declarations.
export default defineConfig({
  entry: { main: 'src/main.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  clean: true,
  dts: false,
});
