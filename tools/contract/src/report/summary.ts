import { CHECK_KINDS, type CaseResult, type CheckKind } from '../types.js';

export interface KindCounts {
  kind: CheckKind;
  passed: number;
  failed: number;
  warned: number;
  na: number;
}

export function countByKind(results: CaseResult[]): KindCounts[] {
  return CHECK_KINDS.map((kind) => {
    const mine = results.filter((r) => r.kind === kind);
    return {
      kind,
      passed: mine.filter((r) => r.status === 'passed').length,
      failed: mine.filter((r) => r.status === 'failed').length,
      warned: mine.filter((r) => r.status === 'warned').length,
      na: mine.filter((r) => r.status === 'na').length,
    };
  });
}

/** The request behind a failure: method, redacted URL, status, and a curl repro. */
export function requestLines(r: CaseResult, indent = '      '): string[] {
  if (!r.request) return [];
  return [`${indent}request:  ${r.request.method} ${r.request.url} → ${r.request.status}`, ...(r.request.curl ? [`${indent}repro:    ${r.request.curl}`] : [])];
}

/** A plain-text table per check kind, then each failure with expected vs actual. */
export function formatSummary(title: string, results: CaseResult[], durationMs: number): string {
  const counts = countByKind(results).filter((c) => c.passed + c.failed + c.warned + c.na > 0);
  const total = { passed: 0, failed: 0, warned: 0, na: 0 };
  for (const c of counts) {
    total.passed += c.passed;
    total.failed += c.failed;
    total.warned += c.warned;
    total.na += c.na;
  }
  const cells = (c: { passed: number; failed: number; warned: number; na: number }) => [String(c.passed), String(c.failed), String(c.warned), String(c.na)];
  const rows = [['check', 'passed', 'failed', 'warned', 'n/a'], ...counts.map((c) => [c.kind, ...cells(c)]), ['total', ...cells(total)]];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const out = [title, '', line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1, -1).map(line), widths.map((w) => '-'.repeat(w)).join('  '), line(rows.at(-1)!)];
  const failures = results.filter((r) => r.status === 'failed');
  if (failures.length) {
    out.push('', 'Failures:');
    for (const f of failures) out.push(`  ✗ [${f.kind}] ${f.name}`, `      expected: ${f.expected}`, `      actual:   ${f.actual}`, ...requestLines(f));
  }
  const warnings = results.filter((r) => r.status === 'warned');
  if (warnings.length) {
    out.push('', 'Warnings (our assumptions that this live target does not follow; --strict makes them failures):');
    for (const w of warnings) {
      out.push(`  ! [${w.kind}] ${w.name}`, `      expected: ${w.expected}`, `      actual:   ${w.actual}`, `      assumption: ${w.assumption}`, ...requestLines(w));
    }
  }
  out.push('', `${total.failed ? 'FAILED' : 'OK'}: ${total.passed} passed, ${total.failed} failed, ${total.warned} warned, ${total.na} not applicable in ${(durationMs / 1000).toFixed(1)} s`);
  return out.join('\n');
}
