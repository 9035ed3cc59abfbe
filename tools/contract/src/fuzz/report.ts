import { FUZZ_CHECKS, type FuzzFailure, type FuzzReport } from './run.js';

function failureLines(f: FuzzFailure, mark: string, api: string, requests: number): string[] {
  return [
    `  ${mark} [${f.check}] ${f.operationId} → ${f.request.status}: ${f.text}${f.occurrences > 1 ? ` (${f.occurrences} requests)` : ''}`,
    ...(f.assumption ? [`      assumption: ${f.assumption}`] : []),
    `      ${f.shrunk ? 'minimal request' : 'request (did not recur on its own, so not shrunk)'}: ${f.request.method} ${f.request.url}`,
    `      seed ${f.seed}, path ${f.path} (the whole run again: --fuzz ${requests} --seed ${f.seed}; contract API: runFuzz({ api: '${api}', requests: ${requests}, seed: ${f.seed} }))`,
    `      ${f.request.curl}`,
  ];
}

/** The fuzz run as text: one row per check, the statuses seen, then each failure (minimal request, seed, curl). */
export function formatFuzzReport(report: FuzzReport): string {
  const rows = [['check', 'judged', 'failed', 'warned'], ...FUZZ_CHECKS.map((c) => [c, String(report.checks[c].judged), String(report.checks[c].failed), String(report.checks[c].warned)])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const out = [`Fuzzing ${report.api} against ${report.target}: ${report.requests} generated requests, seed ${report.seed}`, ''];
  for (const notice of report.notices) out.push(`note: ${notice}`);
  if (report.notices.length) out.push('');
  out.push(line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line), '');
  out.push(`statuses: ${Object.entries(report.statuses).map(([s, n]) => `${s === '0' ? 'no answer' : s} ×${n}`).join(', ')}`);
  if (report.failures.length) {
    out.push('', 'Failures:');
    for (const f of report.failures) out.push(...failureLines(f, '✗', report.api, report.requests));
  }
  if (report.warnings.length) {
    out.push('', 'Warnings (our assumptions that this live target does not follow; --strict makes them failures):');
    for (const w of report.warnings) out.push(...failureLines(w, '!', report.api, report.requests));
  }
  const failed = report.failures.length > 0;
  out.push('', `${failed ? 'FAILED' : 'OK'}: ${report.failures.length} distinct failure(s), ${report.warnings.length} warning(s) in ${(report.durationMs / 1000).toFixed(1)} s`);
  return out.join('\n');
}
