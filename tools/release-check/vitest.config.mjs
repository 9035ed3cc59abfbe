import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.mjs'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Packing, npm install and tsc are heavy; the machine's two cores are shared.
    fileParallelism: false,
  },
});
