import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The runner test forks small fixture modules; a busy 2-core machine can make a fork take a second.
    testTimeout: 30_000,
  },
});
