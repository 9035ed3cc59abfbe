import { goalMet } from './goal.js';
import { runProvider, type ProviderOutcome, type RunProviderSettings } from './run-provider.js';
import { isSelected, shortName } from './select.js';
import type { BenchOptions, BenchProvider, BenchResult, BenchRow, ExpectedBenchmark } from './types.js';

export interface RunBenchmarksInput {
  providers: readonly BenchProvider[];
  expected: readonly ExpectedBenchmark[];
  quick?: boolean | undefined;
  only?: readonly string[] | null | undefined;
  settings?: RunProviderSettings | undefined;
  /** Called when a provider starts and ends, for progress output. */
  onProgress?: ((message: string) => void) | undefined;
}

interface ProviderRun {
  provider: BenchProvider;
  results: BenchResult[];
  /** Set when the provider produced no usable results. */
  problem: { status: 'missing' | 'error' | 'timeout'; reason: string; error?: string | undefined; output?: string | undefined } | undefined;
}

/**
 * Runs the selected providers one after another (never in parallel: they would
 * compete for the same 2 cores) and returns one row per expected benchmark,
 * plus any extra results the modules returned. An expected benchmark that no
 * module produced is a "missing" row marked not met, never a number.
 */
export async function runBenchmarks(input: RunBenchmarksInput): Promise<BenchRow[]> {
  const only = input.only && input.only.length > 0 ? [...input.only] : null;
  const expected = input.expected.filter((e) => isSelected(only, e.source, e.id));
  const runs: ProviderRun[] = [];

  for (const provider of input.providers) {
    const owed = expected.filter((e) => owes(provider, e));
    const wanted = only === null || owed.length > 0 || only.some((t) => t === provider.source || t === shortName(provider.source));
    if (!wanted) continue;
    if (!provider.modulePath) {
      runs.push({ provider, results: [], problem: { status: 'missing', reason: provider.missingReason ?? `no benchmark module in ${provider.source}` } });
      continue;
    }
    input.onProgress?.(`running ${provider.source} (${shortPath(provider.modulePath)}) ...`);
    const options: BenchOptions = { quick: input.quick ?? false, only: only ? owedIds(only, provider, owed) : undefined };
    const outcome = await runProvider(provider, options, input.settings);
    runs.push(interpret(provider, outcome, options));
    input.onProgress?.(`  ${provider.source} ${outcome.status} in ${(outcome.durationMs / 1000).toFixed(1)} s`);
  }
  return buildRows(expected, runs, only);
}

function owes(provider: BenchProvider, e: ExpectedBenchmark): boolean {
  return e.source === provider.source && (!provider.ids || provider.ids.includes(e.id));
}

function owedIds(only: string[], provider: BenchProvider, owed: readonly ExpectedBenchmark[]): string[] | undefined {
  // A token naming the whole package means "everything it has".
  if (only.some((t) => t === provider.source || t === shortName(provider.source))) return undefined;
  const ids = new Set(owed.map((e) => e.id));
  for (const token of only) ids.add(token.includes('/') ? token.slice(token.indexOf('/') + 1) : token);
  return [...ids];
}

function interpret(provider: BenchProvider, outcome: ProviderOutcome, options: BenchOptions): ProviderRun {
  if (outcome.status !== 'ok') {
    const reason = outcome.status === 'timeout' ? outcome.error : `failed: ${firstLine(outcome.error)}`;
    return { provider, results: [], problem: { status: outcome.status, reason, error: outcome.error, output: outcome.output || undefined } };
  }
  try {
    const results = provider.adapter ? provider.adapter.results(outcome.runs, options) : outcome.runs[0];
    return { provider, results: validateResults(results), problem: undefined };
  } catch (error) {
    return { provider, results: [], problem: { status: 'error', reason: `returned an unexpected shape: ${(error as Error).message}` } };
  }
}

export function validateResults(value: unknown): BenchResult[] {
  if (!Array.isArray(value)) throw new TypeError('runBench must resolve to an array of BenchResult');
  return value.map((item, index) => {
    const r = item as Partial<BenchResult> | null;
    if (!r || typeof r.id !== 'string' || typeof r.title !== 'string' || typeof r.measured !== 'string') {
      throw new TypeError(`result ${index} needs string id, title and measured`);
    }
    if (r.ratio !== undefined && r.ratio !== null && typeof r.ratio !== 'number') throw new TypeError(`result ${r.id}: ratio must be a number`);
    return r as BenchResult;
  });
}

function buildRows(expected: readonly ExpectedBenchmark[], runs: readonly ProviderRun[], only: string[] | null): BenchRow[] {
  const rows: BenchRow[] = [];
  const used = new Set<BenchResult>();
  for (const e of expected) {
    const sourceRuns = runs.filter((r) => owes(r.provider, e));
    const result = sourceRuns.flatMap((r) => r.results).find((x) => x.id === e.id);
    if (result) {
      used.add(result);
      rows.push(toRow(e.source, result, e));
    } else {
      rows.push(missingRow(e, sourceRuns.find((r) => r.problem)?.problem ?? absentProblem(e, sourceRuns.length > 0)));
    }
  }
  for (const run of runs) {
    for (const result of run.results) {
      if (used.has(result) || !isSelected(only, run.provider.source, result.id)) continue;
      rows.push(toRow(run.provider.source, result, undefined));
    }
    // A module nobody expected that failed still gets a row, so the failure is visible.
    if (run.problem && !expected.some((e) => e.source === run.provider.source)) {
      rows.push(missingRow({ id: 'runBench', source: run.provider.source, title: `${shortName(run.provider.source)} benchmarks` }, run.problem));
    }
  }
  // Extras sit right after their package's expected rows; packages nobody expected come last.
  const order = [...new Set([...expected.map((e) => e.source), ...runs.map((r) => r.provider.source)])];
  return rows.map((row, index) => ({ row, index })).sort((a, b) => order.indexOf(a.row.source) - order.indexOf(b.row.source) || a.index - b.index).map(({ row }) => row);
}

function absentProblem(e: ExpectedBenchmark, providerRan: boolean): NonNullable<ProviderRun['problem']> {
  return providerRan
    ? { status: 'missing', reason: `${e.source} runBench returned no "${e.id}" result` }
    : { status: 'missing', reason: `no benchmark module found in ${e.source}` };
}

function toRow(source: string, result: BenchResult, expected: ExpectedBenchmark | undefined): BenchRow {
  const goal = result.goal ?? expected?.goal ?? null;
  const ratio = typeof result.ratio === 'number' && Number.isFinite(result.ratio) ? result.ratio : null;
  const met = typeof result.met === 'boolean' ? result.met : goal !== null && ratio !== null ? (goalMet(goal, ratio) ?? null) : null;
  return {
    key: `${shortName(source)}/${result.id}`,
    id: result.id,
    source,
    title: result.title,
    measured: result.measured,
    ratio,
    goal,
    met,
    status: 'ok',
    details: result.details,
  };
}

function missingRow(e: ExpectedBenchmark, problem: NonNullable<ProviderRun['problem']>): BenchRow {
  return {
    key: `${shortName(e.source)}/${e.id}`,
    id: e.id,
    source: e.source,
    title: e.title,
    measured: problem.status === 'missing' ? `MISSING: ${problem.reason}` : problem.status === 'timeout' ? `TIMED OUT: ${problem.reason}` : `ERROR: ${problem.reason}`,
    ratio: null,
    goal: e.goal ?? null,
    met: false,
    status: problem.status,
    ...(problem.error || problem.output ? { details: { error: problem.error, outputTail: problem.output } } : {}),
  };
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

function shortPath(path: string): string {
  const index = path.search(/(packages|tools)\//);
  return index >= 0 ? path.slice(index) : path;
}
