import type { BenchResult } from '../types.js';

/** Plain lines for a package's own `pnpm bench` script (the root `pnpm bench` prints the shared table). */
export function formatBenchRows(packageName: string, rows: readonly BenchResult[], quick = false): string {
  const lines = [`${packageName} benchmark (Node ${process.version}${quick ? ', quick' : ''})`];
  for (const row of rows) {
    const unit = row.id.startsWith('bundle-size') ? ' kB' : 'x';
    const verdict = row.met === undefined ? '' : row.met ? ': meets goal' : ': MISSES goal';
    lines.push(`${row.id}: ${row.ratio ?? 'n/a'}${unit} (goal ${row.goal ?? 'none'}${verdict}) — ${row.measured}`);
    const groups = row.details?.minBytesByGroup as Record<string, number> | undefined;
    if (groups) {
      const sorted = Object.entries(groups).sort((x, y) => y[1] - x[1]);
      lines.push(`  min bytes by origin: ${sorted.map(([group, bytes]) => `${group} ${bytes}`).join(', ')}`);
    }
  }
  return lines.join('\n');
}
