import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readmeExamples, specExampleArgs, syncReadmeExamples } from '../src/testing.mjs';

const require = createRequire(import.meta.url);
const luludesk = JSON.parse(readFileSync(require.resolve('@apiforge/luludesk-openapi/openapi.json'), 'utf8'));

describe('client test helpers', () => {
  it('specExampleArgs groups the spec examples of an operation by path and query', () => {
    expect(specExampleArgs(luludesk, 'listHandoffs')).toEqual({
      path: { id: '550e8400-e29b-41d4-a716-446655440000' },
      query: { status: 'pending', limit: 50, before: '2026-05-16T14:07:22.000Z' },
    });
    expect(() => specExampleArgs(luludesk, 'nope')).toThrow(/No operation nope/);
  });

  it('finds README example blocks and rewrites them from the files', () => {
    const root = mkdtempSync(join(tmpdir(), 'client-gen-readme-'));
    writeFileSync(join(root, 'a.ts'), 'export const a = 1;\n');
    writeFileSync(join(root, 'README.md'), 'x\n<!-- example: a.ts -->\n```ts\nold\n```\n');
    expect(readmeExamples(root)).toEqual([{ path: 'a.ts', block: 'old\n' }]);
    expect(syncReadmeExamples(root)).toBe(true);
    expect(readmeExamples(root)).toEqual([{ path: 'a.ts', block: 'export const a = 1;\n' }]);
    expect(syncReadmeExamples(root)).toBe(false);
  });
});
