export interface LucentClientBenchResult {
  package: '@apiforge/lucent-client';
  perRequest: { requests: number; rawMs: number; clientMs: number; rawUsPerRequest: number; clientUsPerRequest: number; ratio: number; goal: number };
  pagination: { issues: number; pageSize: number; walks: number; handWrittenMs: number; clientMs: number; ratio: number; goal: number };
  bundle: { consumers: Record<string, { minBytes: number; gzipBytes: number; minBytesByGroup: Record<string, number> }>; goal: number };
}
export const GOALS: { perRequestRatio: number; paginationRatio: number; bundleGzipBytes: number };
export function runLucentClientBench(options?: { requests?: number; issues?: number }): Promise<LucentClientBenchResult>;
