import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The end-to-end test spawns git and the Redocly CLI, which take a few seconds on shared cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
