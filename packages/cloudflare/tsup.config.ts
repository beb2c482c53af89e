import { defineConfig } from 'tsup';
import { libraryBuild } from '../tsup.shared';

// The outbox and the webhooks are entries of their own, so a Worker that only proxies bundles neither.
export default defineConfig(
  libraryBuild({
    entry: {
      index: 'src/index.ts',
      outbox: 'src/outbox/index.ts',
      webhooks: 'src/webhooks/index.ts',
    },
    external: ['@wazzup-sdk/core'],
  }),
);
