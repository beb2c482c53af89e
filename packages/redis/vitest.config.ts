import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file starts its own redis-server; files that run processes against one key go one at
    // a time, so the machine's two cores are not shared by two timed campaigns.
    fileParallelism: false,
  },
});
