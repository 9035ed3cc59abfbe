import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatJson, formatMarkdown, formatTable, summaryLine } from '../src/format.js';
import { buildReport, writeReport } from '../src/report.js';
import { runBenchmarks } from '../src/runner.js';
import type { BenchProvider, BenchReport, BenchRow, ExpectedBenchmark } from '../src/types.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

const providers: BenchProvider[] = [
  { source: '@fake/good', modulePath: fixture('good.mjs'), timeoutMs: 20_000 },
  { source: '@fake/throws', modulePath: fixture('throws.mjs'), timeoutMs: 20_000 },
  { source: '@fake/bad-shape', modulePath: fixture('bad-shape.mjs'), timeoutMs: 20_000 },
  { source: '@fake/hangs', modulePath: fixture('hangs.mjs'), timeoutMs: 1_500 },
  { source: '@fake/absent', missingReason: '@fake/absent has no bench/index.mjs exporting runBench yet', timeoutMs: 20_000 },
  {
    source: '@fake/custom',
    modulePath: fixture('custom-shape.mjs'),
    timeoutMs: 20_000,
    adapter: {
      exportName: 'measure',
      argument: (options) => ({ size: options.quick ? 1 : 100 }),
      rounds: () => 2,
      results: (runs) => [
        {
          id: 'custom',
          title: 'Custom via adapter',
          measured: `${runs.length} calls, size ${(runs[0] as { size: number }).size}`,
          ratio: (runs[1] as { speed: number }).speed / (runs[0] as { speed: number }).speed,
          goal: '>= 2x',
        },
      ],
    },
  },
];

const expected: ExpectedBenchmark[] = [
  { id: 'alpha', source: '@fake/good', title: 'Alpha', goal: '<= 1.05x' },
  { id: 'beta', source: '@fake/good', title: 'Beta', goal: '<= 6 kB' },
  { id: 'delta', source: '@fake/good', title: 'Delta (never returned)', goal: '>= 1x' },
  { id: 'boom', source: '@fake/throws', title: 'Throws' },
  { id: 'shape', source: '@fake/bad-shape', title: 'Bad shape' },
  { id: 'hang', source: '@fake/hangs', title: 'Hangs', goal: '<= 1x' },
  { id: 'later', source: '@fake/absent', title: 'Not written yet', goal: '>= 10x' },
  { id: 'custom', source: '@fake/custom', title: 'Custom' },
];

let rows: BenchRow[];
let report: BenchReport;
const byKey = (key: string) => {
  const row = rows.find((r) => r.key === key);
  if (!row) throw new Error(`no row ${key} in ${rows.map((r) => r.key).join(', ')}`);
  return row;
};

beforeAll(async () => {
  rows = await runBenchmarks({ providers, expected, quick: true });
  report = buildReport(rows, { quick: true, only: null, durationMs: 1234, now: new Date('2026-04-20T09:00:00Z') });
});

describe('runBenchmarks', () => {
  it('returns one row per expected benchmark in catalogue order, each package’s extras after its rows', () => {
    expect(rows.map((r) => r.key)).toEqual([
      'good/alpha',
      'good/beta',
      'good/delta',
      'good/gamma',
      'throws/boom',
      'bad-shape/shape',
      'hangs/hang',
      'absent/later',
      'custom/custom',
    ]);
  });

  it('keeps a module’s own verdict and judges the goal when the module left `met` out', () => {
    expect(byKey('good/alpha')).toMatchObject({ status: 'ok', ratio: 1.02, met: true, measured: 'fast (quick)' });
    expect(byKey('good/beta')).toMatchObject({ status: 'ok', ratio: 12, goal: '<= 6 kB', met: false });
    expect(byKey('good/gamma')).toMatchObject({ status: 'ok', ratio: null, goal: null, met: null });
  });

  it('marks absent, failed, malformed and hung benchmarks as not met, with no number', () => {
    const unavailable = ['good/delta', 'throws/boom', 'bad-shape/shape', 'hangs/hang', 'absent/later'].map(byKey);
    for (const row of unavailable) expect(row).toMatchObject({ met: false, ratio: null });
    expect(byKey('good/delta')).toMatchObject({ status: 'missing', measured: 'MISSING: @fake/good runBench returned no "delta" result' });
    expect(byKey('absent/later')).toMatchObject({ status: 'missing', goal: '>= 10x', measured: 'MISSING: @fake/absent has no bench/index.mjs exporting runBench yet' });
    expect(byKey('throws/boom').status).toBe('error');
    expect(byKey('throws/boom').measured).toContain('boom: the server did not start');
    expect(byKey('throws/boom').details).toMatchObject({ error: expect.stringContaining('at runBench'), outputTail: expect.stringContaining('about to fail') });
    expect(byKey('bad-shape/shape')).toMatchObject({ status: 'error' });
    expect(byKey('bad-shape/shape').measured).toContain('unexpected shape');
    expect(byKey('hangs/hang')).toMatchObject({ status: 'timeout', measured: 'TIMED OUT: timed out after 2 s' });
  });

  it('calls an adapted module with its own argument, as many rounds as asked, in one process', () => {
    expect(byKey('custom/custom')).toMatchObject({ measured: '2 calls, size 1', ratio: 2, met: true });
  });

  it('runs only what --only selects, and passes the wanted ids to the module', async () => {
    const only = await runBenchmarks({ providers, expected, only: ['alpha', 'absent'] });
    expect(only.map((r) => `${r.key}:${r.status}`)).toEqual(['good/alpha:ok', 'absent/later:missing']);
    expect(only[0]!.measured).toBe('fast');
  });
  it('attributes rows to the right module when one package has several', async () => {
    const pair = await runBenchmarks({
      providers: [
        { source: '@fake/pair', modulePath: fixture('throws.mjs'), ids: ['first'], timeoutMs: 20_000 },
        { source: '@fake/pair', modulePath: fixture('good.mjs'), ids: ['alpha', 'second'], timeoutMs: 20_000 },
      ],
      expected: [
        { id: 'first', source: '@fake/pair', title: 'First' },
        { id: 'alpha', source: '@fake/pair', title: 'Alpha' },
        { id: 'second', source: '@fake/pair', title: 'Second' },
      ],
      only: ['alpha', 'second'],
    });
    expect(pair.map((r) => `${r.key}:${r.status}`)).toEqual(['pair/alpha:ok', 'pair/second:missing']);
    expect(pair[1]!.measured).toBe('MISSING: @fake/pair runBench returned no "second" result');
  });
});

describe('output formats', () => {
  it('prints a terminal table with a header, one line per row and explicit verdicts', () => {
    const lines = formatTable(rows).split('\n');
    expect(lines[0]).toMatch(/^benchmark\s+\| measured\s+\| ratio \| goal\s+\| met$/);
    expect(lines[1]).toMatch(/^-+-\|-/);
    expect(lines).toHaveLength(rows.length + 2);
    const cells = (key: string) => lines[2 + rows.findIndex((r) => r.key === key)]!.split(' | ').map((c) => c.trim());
    // The terminal table does not escape pipes (Markdown does), so this title spans two cells here.
    expect(cells('good/alpha')).toEqual(['Alpha', 'piped', 'fast (quick)', '1.02', '<= 1.05x', 'yes']);
    expect(cells('good/beta').slice(-3)).toEqual(['12.0', '<= 6 kB', 'NO']);
    expect(cells('absent/later').slice(-3)).toEqual(['—', '>= 10x', 'no (missing)']);
    expect(cells('hangs/hang').at(-1)).toBe('no (timeout)');
    expect(cells('good/gamma').slice(-3)).toEqual(['—', '—', 'n/a']);
  });

  it('writes Markdown with the method, a well-formed table and a summary', () => {
    const markdown = formatMarkdown(report);
    expect(markdown).toContain('# apiforge benchmarks');
    expect(markdown).toContain('`pnpm bench --quick`');
    expect(markdown).toContain('interleaves');
    const tableLines = markdown.split('\n').filter((l) => l.startsWith('|'));
    expect(tableLines[0]).toBe('| benchmark | measured | ratio | goal | met |');
    expect(tableLines[1]).toBe('| --- | --- | --- | --- | --- |');
    expect(tableLines).toHaveLength(rows.length + 2);
    // A pipe inside a cell is escaped, so every line keeps five columns.
    for (const line of tableLines) expect(line.split(/(?<!\\)\|/).length).toBe(7);
    expect(markdown).toContain('Alpha \\| piped');
    expect(markdown).toContain(summaryLine(rows));
    expect(markdown).toContain('## Failures');
    expect(markdown).toMatch(/### throws\/boom\n\n```text\nError: boom: the server did not start/);
    expect(summaryLine(rows)).toBe('9 benchmarks: 2 met, 1 not met, 5 missing/failed, 1 without a goal.');
  });

  it('writes JSON that round-trips the report, rows included', async () => {
    const parsed = JSON.parse(formatJson(report)) as BenchReport;
    expect(parsed).toEqual(JSON.parse(JSON.stringify(report)));
    expect(parsed.rows.find((r) => r.key === 'absent/later')).toMatchObject({ met: false, status: 'missing', ratio: null });
    expect(parsed).toMatchObject({ generatedAt: '2026-04-20T09:00:00.000Z', quick: true, durationMs: 1234 });
  });
});

describe('writeReport', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bench-test-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes bench.json and bench.md into the output folder', async () => {
    const written = await writeReport(report, join(dir, 'bench-output'));
    expect(JSON.parse(await readFile(written.json, 'utf8'))).toMatchObject({ rows: expect.any(Array) });
    expect(await readFile(written.markdown, 'utf8')).toBe(formatMarkdown(report));
  });
});
