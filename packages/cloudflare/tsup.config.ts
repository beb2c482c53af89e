import { defineConfig } from 'tsup';
import { libraryBuild } from '../tsup.shared';

// The outbox is its own entry, so a Worker that only proxies never bundles it.
export default defineConfig(
  libraryBuild({
    entry: { index: 'src/index.ts', outbox: 'src/outbox/index.ts' },
    external: ['@wazzup-sdk/core'],
  }),
);
