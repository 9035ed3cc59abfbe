import { formatLocation } from '../diff/types.js';
import type { SpecDiffReport } from '../run.js';

/** The report as JSON; each change also carries its rendered location for consumers that only display. */
export function renderJson(report: SpecDiffReport): string {
  const apis = report.apis.map((api) => ({
    ...api,
    changes: api.changes.map((change) => ({ ...change, where: formatLocation(change) })),
  }));
  const { base, notes, gate } = report;
  return `${JSON.stringify({ base, apis, notes, ...(gate ? { gate } : {}) }, null, 2)}\n`;
}
