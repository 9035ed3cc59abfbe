import { round } from '../stats.js';
import type { BenchAdapter, BenchOptions, BenchResult } from '../types.js';
import { numberAt, objectAt } from './read.js';

const KIB = 1024;

/**
 * packages/lucent-client/bench/lucent-client.bench.mjs: runLucentClientBench({ requests, issues })
 * returns { perRequest, pagination, bundle: { consumers, goal } } with its own
 * interleaved (ABBA) rounds; each consumer bundle becomes a row.
 */
export const lucentClientAdapter: BenchAdapter = {
  module: 'bench/lucent-client.bench.mjs',
  exportName: 'runLucentClientBench',
  argument: (options: BenchOptions) => (options.quick ? { requests: 2000, issues: 2000 } : {}),
  results(runs: unknown[]): BenchResult[] {
    const run = runs[0];
    const perRequest = objectAt(run, 'perRequest');
    const pagination = objectAt(run, 'pagination');
    const requestRatio = numberAt(run, 'perRequest.ratio');
    const requestGoal = numberAt(run, 'perRequest.goal');
    const pageRatio = numberAt(run, 'pagination.ratio');
    const pageGoal = numberAt(run, 'pagination.goal');
    const bundleGoalBytes = numberAt(run, 'bundle.goal');
    const consumers = Object.entries(objectAt(run, 'bundle.consumers'));
    if (consumers.length === 0) throw new TypeError('bundle.consumers is empty');
    const results: BenchResult[] = [
      {
        id: 'client-overhead',
        title: 'Client overhead vs raw fetch (lucent-client)',
        measured: `${numberAt(run, 'perRequest.clientUsPerRequest')} vs ${numberAt(run, 'perRequest.rawUsPerRequest')} µs/request over ${numberAt(run, 'perRequest.requests')} requests (issues.get)`,
        ratio: requestRatio,
        goal: `<= ${requestGoal}x`,
        met: requestRatio <= requestGoal,
        details: perRequest,
      },
      {
        id: 'pagination-overhead',
        title: 'Auto-pagination vs hand-written loop (lucent-client)',
        measured: `${numberAt(run, 'pagination.clientMs')} vs ${numberAt(run, 'pagination.handWrittenMs')} ms for ${numberAt(run, 'pagination.walks')} walks of ${numberAt(run, 'pagination.issues')} issues, ${numberAt(run, 'pagination.pageSize')}/page`,
        ratio: pageRatio,
        goal: `<= ${pageGoal}x`,
        met: pageRatio <= pageGoal,
        details: pagination,
      },
    ];
    consumers.forEach(([name, size], index) => {
      const gzipBytes = numberAt(size, 'gzipBytes');
      results.push({
        // The first consumer imports one data operation: that is the issue's bundle goal.
        id: index === 0 ? 'bundle-size' : `bundle-size-${name.split(':')[0]!.trim().replace(/\W+/g, '-')}`,
        title: `Consumer bundle min+gzip, ${name} (lucent-client)`,
        measured: `${gzipBytes} B min+gzip (${numberAt(size, 'minBytes')} B min), esbuild`,
        ratio: round(gzipBytes / KIB, 2),
        goal: `<= ${round(bundleGoalBytes / KIB, 2)} kB`,
        met: gzipBytes <= bundleGoalBytes,
        details: size as Record<string, unknown>,
      });
    });
    return results;
  },
};
