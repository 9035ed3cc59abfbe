import { formatRate, median, round } from '../stats.js';
import type { BenchAdapter, BenchOptions, BenchResult } from '../types.js';
import { numberAt } from './read.js';

const TARGETS = ['sandbox', 'prism', 'bare'] as const;

/**
 * packages/sandbox/bench/run.mjs: runBench({ durationSeconds, connections, write })
 * loads sandbox, bare node:http and Prism one after another with autocannon and
 * returns { targets, ratios, goals }. Calling it several times in one process
 * gives S B P S B P ...; each ratio is the median of the per-round ratios.
 */
export const sandboxAdapter: BenchAdapter = {
  module: 'bench/run.mjs',
  exportName: 'runBench',
  argument: (options: BenchOptions) => ({ durationSeconds: options.quick ? 2 : 3, connections: 50, write: false }),
  rounds: (options: BenchOptions) => (options.quick ? 1 : 3),
  results(runs: unknown[], options: BenchOptions): BenchResult[] {
    if (runs.length === 0) throw new TypeError('no runs');
    const per = (target: string, field: string) => median(runs.map((run) => numberAt(run, `targets.${target}.${field}`)));
    const ratio = (name: string) => median(runs.map((run) => numberAt(run, `targets.sandbox.requestsPerSecond`) / Math.max(1, numberAt(run, `targets.${name}.requestsPerSecond`))));
    const describe = (target: string) =>
      `${target} ${formatRate(per(target, 'requestsPerSecond'), 'req/s')} (p50 ${per(target, 'latencyP50Ms')} ms, p99 ${per(target, 'latencyP99Ms')} ms)`;
    const failures = TARGETS.map((t) => [t, median(runs.map((run) => numberAt(run, `targets.${t}.non2xx`) + numberAt(run, `targets.${t}.errors`)))] as const).filter(([, n]) => n > 0);
    const warning = failures.length ? `; non-2xx/errors: ${failures.map(([t, n]) => `${t} ${n}`).join(', ')}` : '';
    const first = runs[0] as { request?: unknown; connections?: unknown; durationSeconds?: unknown };
    const details = {
      request: first.request,
      connections: first.connections,
      durationSecondsPerTarget: first.durationSeconds,
      rounds: runs.length,
      order: 'sandbox, bare, Prism per round (each alone, 1 s warm-up); ratios are medians of per-round ratios',
      perRound: runs.map((run) => Object.fromEntries(TARGETS.map((t) => [t, numberAt(run, `targets.${t}.requestsPerSecond`)]))),
      medians: Object.fromEntries(TARGETS.map((t) => [t, { requestsPerSecond: per(t, 'requestsPerSecond'), latencyP50Ms: per(t, 'latencyP50Ms'), latencyP99Ms: per(t, 'latencyP99Ms') }])),
      quick: options.quick ?? false,
    };
    const vsPrism = ratio('prism');
    const vsBare = ratio('bare');
    return [
      {
        id: 'sandbox-vs-prism',
        title: 'Sandbox vs Prism (requests/s)',
        measured: `${describe('sandbox')}; ${describe('prism')}${warning}`,
        ratio: round(vsPrism, 2),
        goal: '>= 10x',
        met: vsPrism >= 10,
        details,
      },
      {
        id: 'sandbox-vs-bare',
        title: 'Sandbox vs bare node:http (requests/s)',
        measured: `${describe('sandbox')}; ${describe('bare')}${warning}`,
        ratio: round(vsBare, 2),
        goal: '>= 0.5x',
        met: vsBare >= 0.5,
        details,
      },
    ];
  },
};
