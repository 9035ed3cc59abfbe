/**
 * The earlier result shape ({ perRequest, pagination, bundle.consumers }) over the same
 * measurements as bench/index.mjs, for callers that read it (the package's bench test).
 */
import { CLIENT_GOALS, measureClient } from '@apiforge/bench/harness';
import { lucentBenchSpec } from './index.mjs';

export const GOALS = { perRequestRatio: CLIENT_GOALS.overheadRatio, paginationRatio: CLIENT_GOALS.paginationRatio, bundleGzipBytes: CLIENT_GOALS.bundleGzipBytes };

export async function runLucentClientBench(options = {}) {
  const { requests = 10_000, issues = 10_000 } = options;
  const measured = await measureClient(lucentBenchSpec, { requests, items: issues });
  const { overhead, pagination } = measured;
  return {
    package: '@apiforge/lucent-client',
    perRequest: {
      requests: overhead.requests,
      rawUsPerRequest: overhead.rawUsPerRequest,
      clientUsPerRequest: overhead.clientUsPerRequest,
      ratio: overhead.ratio,
      goal: overhead.goal,
    },
    pagination: {
      issues: pagination.items,
      pageSize: pagination.pageSize,
      walks: pagination.walks,
      handWrittenMs: pagination.handWrittenMsPerWalk,
      clientMs: pagination.clientMsPerWalk,
      ratio: pagination.ratio,
      goal: pagination.goal,
    },
    bundle: {
      consumers: Object.fromEntries(measured.bundles.map(({ name, minBytes, gzipBytes, minBytesByGroup }) => [name, { minBytes, gzipBytes, minBytesByGroup }])),
      goal: measured.bundleGoalBytes,
    },
  };
}
