import type { RunReport } from '../runner.js';

// GitHub workflow commands: data escapes %, CR, LF; properties also `:` and `,`.
const data = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const property = (text: string) => data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `::error` for each failure and `::warning` for each warned case, shown as annotations on the workflow run. */
export function toGithubAnnotations(report: RunReport): string {
  const lines: string[] = [];
  for (const r of report.results) {
    if (r.status !== 'failed' && r.status !== 'warned') continue;
    const title = property(`contract ${report.api} [${r.kind}] ${r.operationId ?? ''}`.trim());
    const body = [
      r.name,
      `expected: ${r.expected ?? ''}`,
      `actual: ${r.actual ?? ''}`,
      ...(r.assumption ? [`assumption: ${r.assumption}`] : []),
      ...(r.request ? [`request: ${r.request.method} ${r.request.url} → ${r.request.status}`, ...(r.request.curl ? [`repro: ${r.request.curl}`] : [])] : []),
    ].join('\n');
    lines.push(`::${r.status === 'failed' ? 'error' : 'warning'} title=${title}::${data(body)}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
