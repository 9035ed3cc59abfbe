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
    '## Goals',
    '',
    formatGoals(report.rows, true),
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

/** "met" or "missed by how much" for one row with a `<=`/`>=` goal; undefined for rows without one. */
export function goalVerdict(row: BenchRow): string | undefined {
  if (!row.goal || row.goal === 'none set') return undefined;
  if (row.status !== 'ok' || row.ratio === null) return `not measured (${row.status === 'ok' ? 'no value' : row.status})`;
  const match = /^\s*(<=|>=|<|>)\s*(\d+(?:\.\d+)?)\s*(kB|x)?/.exec(row.goal);
  const peer = typeof row.details?.ratioVsOpenapiFetch === 'number' ? (row.details.ratioVsOpenapiFetch as number) : undefined;
  const peerPart = peer === undefined ? '' : `; vs openapi-fetch ${peer.toFixed(2)}x (${peer < 1 ? 'below it' : `above it by ${((peer - 1) * 100).toFixed(0)}%`})`;
  if (!match) return `${row.met ? 'met' : 'MISSED'}: ${formatRatio(row.ratio)} (goal ${row.goal})${peerPart}`;
  const limit = Number(match[2]);
  const unit = match[3] === 'kB' ? ' kB' : 'x';
  const value = `${formatRatio(row.ratio)}${unit}`;
  if (row.met) return `met: ${value} (goal ${row.goal})${peerPart}`;
  const over = match[1]!.startsWith('<') ? row.ratio - limit : limit - row.ratio;
  const by = over > 0 ? `${over.toFixed(2)}${unit}${unit === 'x' ? ` (${((over / limit) * 100).toFixed(0)}%)` : ''}` : 'the second condition';
  return `MISSED by ${by}: ${value} (goal ${row.goal})${peerPart}`;
}

/** Each goal with met / missed-by-how-much, and for a missed one the explanation its module gave (profile, bytes). */
export function formatGoals(rows: readonly BenchRow[], markdown = false): string {
  const lines: string[] = [];
  for (const row of rows) {
    const verdict = goalVerdict(row);
    if (!verdict) continue;
    lines.push(markdown ? `- **${row.title}**: ${verdict}` : `- ${row.title}: ${verdict}`);
    const explanation = row.details?.explanation;
    if (row.met === false && typeof explanation === 'string') {
      for (const line of explanation.split('\n')) lines.push(markdown ? `  - where it goes: ${line}` : `    where it goes: ${line}`);
    }
  }
  return lines.join('\n');
}
