import type { RunReport } from '../runner.js';
import { countByKind } from './summary.js';

/** The whole run as JSON: counts, pacing, notices and every case (failures with their request and curl repro). */
export function toJson(report: RunReport): string {
  const total = { passed: 0, failed: 0, warned: 0, na: 0 };
  for (const r of report.results) total[r.status]++;
  return `${JSON.stringify(
    {
      api: report.api,
      target: report.target,
      ok: total.failed === 0,
      durationMs: report.durationMs,
      totals: total,
      byKind: countByKind(report.results).filter((c) => c.passed + c.failed + c.warned + c.na > 0),
      pacing: report.pacing,
      notices: report.notices,
      results: report.results,
    },
    null,
    2,
  )}\n`;
}
