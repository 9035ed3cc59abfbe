import { CHECK_KINDS, type CaseResult } from '../types.js';
import { requestLines } from './summary.js';

function escape(text: string): string {
  return text
    // XML 1.0 cannot carry most control characters, even escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** JUnit XML: a testsuite per check kind, a testcase per case, N/A as skipped with its reason. */
export function toJunitXml(name: string, results: CaseResult[], durationMs: number): string {
  const suites = CHECK_KINDS.map((kind) => ({ kind, cases: results.filter((r) => r.kind === kind) })).filter((s) => s.cases.length > 0);
  const count = (rs: CaseResult[], status: CaseResult['status']) => rs.filter((r) => r.status === status).length;
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escape(name)}" tests="${results.length}" failures="${count(results, 'failed')}" errors="0" skipped="${count(results, 'na')}" time="${seconds(durationMs)}">`,
  ];
  for (const suite of suites) {
    const time = suite.cases.reduce((sum, c) => sum + c.durationMs, 0);
    lines.push(
      `  <testsuite name="${escape(suite.kind)}" tests="${suite.cases.length}" failures="${count(suite.cases, 'failed')}" errors="0" skipped="${count(suite.cases, 'na')}" time="${seconds(time)}">`,
    );
    for (const c of suite.cases) {
      const open = `    <testcase classname="${escape(`${name}.${c.kind}`)}" name="${escape(c.name)}" time="${seconds(c.durationMs)}"`;
      if (c.status === 'passed') lines.push(`${open}/>`);
      else if (c.status === 'warned') {
        const body = [`warning: an assumption of ours does not hold on this live target\nexpected: ${c.expected ?? ''}\nactual: ${c.actual ?? ''}\nassumption: ${c.assumption ?? ''}`, ...requestLines(c, '')].join('\n');
        lines.push(`${open}>`, `      <system-out>${escape(body)}</system-out>`, '    </testcase>');
      }
      else if (c.status === 'na') {
        const reason = c.reason ?? 'not applicable';
        const message = reason.startsWith('not applicable') ? reason : `not applicable: ${reason}`;
        lines.push(`${open}>`, `      <skipped message="${escape(message)}"/>`, '    </testcase>');
      } else {
        const body = [`expected: ${c.expected ?? ''}\nactual: ${c.actual ?? ''}`, ...requestLines(c, '')].join('\n');
        lines.push(`${open}>`, `      <failure message="${escape(`expected ${c.expected ?? ''}`)}" type="ContractFailure">${escape(body)}</failure>`, '    </testcase>');
      }
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}
