import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Tests import src/, so a `#` import (package.json "imports") must resolve to src/ as well: through
// dist/ it would load a second copy of the modules (and of the error classes `instanceof` checks).
// The Node target is the one tests run (the browser variants have tests of their own).
const { imports } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  imports: Record<string, { node?: { import: { default: string } }; import: { default: string } }>;
};
const alias = Object.fromEntries(
  Object.entries(imports).map(([specifier, entry]) => {
    const target = (entry.node ?? entry).import.default;
    return [specifier, new URL(target.replace('./dist/', './src/').replace(/\.js$/, '.ts'), import.meta.url).pathname];
  }),
);

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    typecheck: {
      enabled: true,
      include: ['test/**/*.test-d.ts'],
      tsconfig: './tsconfig.test.json',
    },
  },
});
