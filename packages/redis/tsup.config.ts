import { defineConfig } from 'tsup';
import { libraryBuild } from '../tsup.shared';

// The outbox is an entry of its own, so a rate limit or dedupe store never loads BullMQ.
export default defineConfig(
  libraryBuild({
    entry: { index: 'src/index.ts', outbox: 'src/outbox/index.ts' },
    external: ['@wazzup-sdk/core', 'ioredis', 'bullmq'],
  }),
);
