import type { BenchReport, BenchRow } from './types.js';

const HEADERS = ['benchmark', 'measured', 'ratio', 'goal', 'met'] as const;

export function formatRatio(ratio: number | null): string {
  if (ratio === null) return '—';
  const digits = Math.abs(ratio) >= 100 ? 0 : Math.abs(ratio) >= 10 ? 1 : 2;
  return ratio.toFixed(digits);
}

export function formatMet(row: Pick<BenchRow, 'met' | 'status'>): string {
  if (row.status !== 'ok') return `no (${row.status})`;
  if (row.met === null) return 'n/a';
  return row.met ? 'yes' : 'NO';
}

function cells(row: BenchRow): string[] {
  return [row.title, row.measured, formatRatio(row.ratio), row.goal ?? '—', formatMet(row)];
}

/** Plain-text table for the terminal. */
export function formatTable(rows: readonly BenchRow[]): string {
  const body = rows.map(cells);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (values: readonly string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join(' | ').trimEnd();
  return [line(HEADERS), widths.map((w) => '-'.repeat(w)).join('-|-'), ...body.map(line)].join('\n');
}

function escapeMarkdown(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function formatMarkdown(report: BenchReport): string {
  const env = report.environment;
  const lines = [
    '# apiforge benchmarks',
    '',
    `Generated ${report.generatedAt} by \`pnpm bench${report.quick ? ' --quick' : ''}${report.only ? ` --only ${report.only.join(',')}` : ''}\`` +
      ` in ${(report.durationMs / 1000).toFixed(1)} s on Node ${env.node}, ${env.platform}, ${env.cpus} × ${env.cpuModel}.`,
    '',
    report.method,
    '',
    `| ${HEADERS.join(' | ')} |`,
    `| ${HEADERS.map(() => '---').join(' | ')} |`,
    ...report.rows.map((row) => `| ${cells(row).map(escapeMarkdown).join(' | ')} |`),
    '',
    summaryLine(report.rows),
    '',
    ...failureSections(report.rows),
  ];
  return lines.join('\n');
}

/** The error text of each failed or timed-out row, first lines only. */
export function failureText(row: BenchRow, maxLines = 30): string | undefined {
  const error = row.details?.error;
  const tail = row.details?.outputTail;
  const text = [typeof error === 'string' ? error : '', typeof tail === 'string' ? `output:\n${tail}` : ''].filter(Boolean).join('\n');
  if (!text) return undefined;
  const lines = text.split('\n');
  return lines.length > maxLines ? [...lines.slice(0, maxLines), `... (${lines.length - maxLines} more lines in bench.json)`].join('\n') : text;
}

function failureSections(rows: readonly BenchRow[]): string[] {
  const failed = rows.filter((r) => r.status !== 'ok' && failureText(r) !== undefined);
  if (failed.length === 0) return [];
  return ['## Failures', '', ...failed.flatMap((r) => [`### ${r.key}`, '', '```text', failureText(r)!.replace(/```/g, "'''"), '```', ''])];
}

export function summaryLine(rows: readonly BenchRow[]): string {
  const met = rows.filter((r) => r.met === true).length;
  const notMet = rows.filter((r) => r.met === false && r.status === 'ok').length;
  const unavailable = rows.filter((r) => r.status !== 'ok').length;
  const noGoal = rows.filter((r) => r.met === null).length;
  return `${rows.length} benchmarks: ${met} met, ${notMet} not met, ${unavailable} missing/failed, ${noGoal} without a goal.`;
}

export function formatJson(report: BenchReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
