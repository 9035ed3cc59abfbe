import { describe, expect, it } from 'vitest';
import { contentProblems } from '../src/contents.mjs';

const manifest = { name: 'x', files: ['dist', 'bin', 'index.js', 'CHANGELOG.md'], bin: { x: './bin/x.mjs' } };
const base = ['package.json', 'README.md', 'CHANGELOG.md'];

describe('tarball content rules', () => {
  it('accepts build output, declared files and the docs every package carries', () => {
    expect(contentProblems(manifest, [...base, 'dist/index.js', 'dist/index.d.ts.map', 'bin/x.mjs', 'index.js', 'LICENSE'])).toEqual([]);
  });

  it('names sources, tests, configs and undeclared files', () => {
    expect(
      contentProblems(manifest, [...base, 'src/index.ts', 'test/a.test.ts', 'dist/a.test.js', 'tsconfig.json', 'vitest.config.ts', 'notes.txt']),
    ).toEqual([
      'ships TypeScript sources (src/): src/index.ts',
      'ships tests: test/a.test.ts',
      'ships test files: dist/a.test.js',
      'ships tsconfig files: tsconfig.json',
      'ships tool configs: vitest.config.ts',
      'ships an undeclared file: notes.txt',
    ]);
  });

  it('ships src/ only when `files` names it (a package without a build), and never TypeScript sources', () => {
    const plain = { name: 'y', files: ['bin', 'src', 'README.md', 'CHANGELOG.md', 'LICENSE'] };
    expect(contentProblems(plain, [...base, 'LICENSE', 'src/index.js', 'src/index.d.ts', 'src/cli.js'])).toEqual([]);
    expect(contentProblems(plain, [...base, 'src/index.ts', 'src/a.test.js'])).toEqual(['ships TypeScript sources (src/): src/index.ts', 'ships test files: src/a.test.js']);
    expect(contentProblems(manifest, [...base, 'src/index.js'])).toEqual(['ships an undeclared file: src/index.js']);
  });

  it('requires a README and a CHANGELOG', () => {
    expect(contentProblems(manifest, ['package.json', 'dist/index.js'])).toEqual(['missing README.md', 'missing CHANGELOG.md']);
  });
});
