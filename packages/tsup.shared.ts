import type { Options } from 'tsup';

/**
 * How every published package builds: ESM and CJS with declarations, for ES2022, from
 * src/index.ts. Runtime packages keep core external, so users get one copy of it.
 */
export function libraryBuild(overrides: Options = {}): Options {
  return {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    target: 'es2022',
    platform: 'neutral',
    ...overrides,
  };
}
