import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!.trimEnd());

// The examples are compiled by `pnpm typecheck` (tsconfig.test.json includes examples/).
describe('README examples', () => {
  it.each(['ingest', 'dashboard', 'operations'])('shows examples/%s.ts verbatim', (name) => {
    const source = readFileSync(new URL(`../examples/${name}.ts`, import.meta.url), 'utf8').trimEnd();
    expect(blocks).toContain(source);
  });
});
