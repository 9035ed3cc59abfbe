// The README's table of oasdiff check categories is a claim; this test holds it to the fixtures. For every
// row we cover: each fixture named exists and produces a change of a kind the row names (or, for `(none)`,
// no change at all), and each kind the row names is produced by one of its fixtures.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diffFixture } from './fixtures.js';

const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
const section = readme.slice(readme.indexOf('## Coverage of oasdiff'), readme.indexOf('## Why the engine is ours'));
const codes = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
const rows = section
  .split('\n')
  .filter((line) => /^\| [a-zA-Z]+ \/ /.test(line))
  .map((line) => {
    const [category, checks, covered, kinds, fixtures] = line.split('|').slice(1, -1).map((cell) => cell.trim());
    return { category: category as string, checks: checks as string, covered: covered as string, kinds: codes(kinds as string), fixtures: codes(fixtures as string) };
  });

describe('README coverage of oasdiff check categories', () => {
  it('lists every category once, and the counts add up to the total it states', () => {
    expect(rows.length).toBeGreaterThanOrEqual(29);
    expect(new Set(rows.map((row) => row.category)).size).toBe(rows.length);
    const total = rows.reduce((sum, row) => sum + Number(/^(\d+)/.exec(row.checks)?.[1]), 0);
    expect(section).toContain(`has ${total}`);
  });

  for (const row of rows) {
    if (row.covered.startsWith('no')) {
      it(`${row.category}: not covered, and says why`, () => {
        expect(row.covered).toMatch(/^no: .{10,}/);
        expect(row.fixtures).toEqual([]);
      });
      continue;
    }
    it(`${row.category}: proved by ${row.fixtures.join(', ')}`, () => {
      expect(row.fixtures.length).toBeGreaterThan(0);
      const produced = new Set<string>();
      for (const fixture of row.fixtures) {
        expect(existsSync(fileURLToPath(new URL(`./fixtures/${fixture}/after.yaml`, import.meta.url))), fixture).toBe(true);
        const kinds = diffFixture(fixture).map((change) => change.kind);
        if (kinds.length === 0) produced.add('(none)');
        for (const kind of kinds) produced.add(kind);
        expect(kinds.length === 0 ? row.kinds.includes('(none)') : kinds.some((kind) => row.kinds.includes(kind)), `${fixture} produces ${kinds.join(', ') || 'no change'}`).toBe(true);
      }
      for (const kind of row.kinds) expect(produced.has(kind), `no fixture of the row produces ${kind}`).toBe(true);
    });
  }
});
