import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each test starts sandboxes or Prism and runs dozens to hundreds of HTTP cases against them.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
