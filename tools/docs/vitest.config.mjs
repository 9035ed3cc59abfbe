import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.mjs'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // The browser and tsc runs are heavy; the machine's two cores are shared.
    fileParallelism: false,
  },
});
