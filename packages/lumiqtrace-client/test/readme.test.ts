import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readmeExamples, typecheckFiles } from '@apiforge/client-gen/testing';

const root = fileURLToPath(new URL('..', import.meta.url));
const exampleFiles = readdirSync(`${root}examples`).filter((name) => name.endsWith('.ts'));

describe('README examples', () => {
  const blocks = readmeExamples(root);

  it('shows every example file, each exactly as it is on disk', () => {
    expect(blocks.map((block) => block.path).sort()).toEqual(exampleFiles.map((name) => `examples/${name}`).sort());
    for (const { path, block } of blocks) expect(block, path).toBe(readFileSync(`${root}${path}`, 'utf8'));
  });

  it('type-checks every example against the built package', { timeout: 60_000 }, () => {
    expect(typecheckFiles(root, exampleFiles.map((name) => `${root}examples/${name}`))).toEqual([]);
  });
});
