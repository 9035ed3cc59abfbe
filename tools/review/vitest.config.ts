import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The end-to-end test bundles, lints and generates clients for two sides, then opens Chromium.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
