export interface LucentClientBenchResult {
  package: '@apiforge/lucent-client';
  /** Per-request times are medians over 20 ABBA rounds; ratio is the median per-round ratio. */
  perRequest: { requests: number; rawUsPerRequest: number; clientUsPerRequest: number; ratio: number; goal: number };
  /** Times are per walk (median of `walks`). */
  pagination: { issues: number; pageSize: number; walks: number; handWrittenMs: number; clientMs: number; ratio: number; goal: number };
  bundle: { consumers: Record<string, { minBytes: number; gzipBytes: number; minBytesByGroup: Record<string, number> }>; goal: number };
}
export const GOALS: { perRequestRatio: number; paginationRatio: number; bundleGzipBytes: number };
export function runLucentClientBench(options?: { requests?: number; issues?: number }): Promise<LucentClientBenchResult>;
