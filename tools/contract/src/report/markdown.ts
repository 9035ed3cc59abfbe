import type { RunReport } from '../runner.js';
import { countByKind } from './summary.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** Markdown for `$GITHUB_STEP_SUMMARY`: the counts per kind, then each failure and warning with its repro. */
export function toMarkdown(report: RunReport): string {
  const counts = countByKind(report.results).filter((c) => c.passed + c.failed + c.warned + c.na > 0);
  const failed = report.results.filter((r) => r.status === 'failed');
  const warned = report.results.filter((r) => r.status === 'warned');
  const out = [
    `### ${failed.length ? '❌' : '✅'} Contract suite: ${cell(report.api)} against ${cell(report.target)}`,
    '',
    '| check | passed | failed | warned | n/a |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...counts.map((c) => `| ${c.kind} | ${c.passed} | ${c.failed} | ${c.warned} | ${c.na} |`),
    '',
    `${report.pacing.requests} requests in ${(report.durationMs / 1000).toFixed(1)} s; ${(report.pacing.waitedMs / 1000).toFixed(1)} s waited to keep to the documented rate limits; ${report.pacing.throttled.length} × 429 received.`,
  ];
  if (report.notices.length) out.push('', '**Not run on this target:**', '', ...report.notices.map((n) => `- ${cell(n)}`));
  for (const [title, list] of [['Failures', failed], ['Warnings (assumptions of ours this target does not follow)', warned]] as const) {
    if (!list.length) continue;
    out.push('', `#### ${title}`, '');
    for (const r of list) {
      out.push(`<details><summary><code>[${r.kind}]</code> ${cell(r.name)}</summary>`, '', `- expected: ${cell(r.expected ?? '')}`, `- actual: ${cell(r.actual ?? '')}`);
      if (r.assumption) out.push(`- assumption: ${cell(r.assumption)}`);
      if (r.request) {
        out.push(`- request: \`${r.request.method} ${r.request.url}\` → ${r.request.status}`);
        if (r.request.curl) out.push('', '```sh', r.request.curl, '```');
      }
      out.push('', '</details>');
    }
  }
  return `${out.join('\n')}\n`;
}
