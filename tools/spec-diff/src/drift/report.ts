import type { Drift } from './compare.js';

export interface DriftReport {
  api: string;
  against: string;
  againstSource: string | undefined;
  disagreements: Drift[];
  assumptions: Drift[];
  otherSources: Drift[];
}

const row = (d: Drift) => `| ${d.kind} | ${d.where.replace(/\|/g, '\\|')} | ${d.ours.replace(/\|/g, '\\|')} | ${d.theirs.replace(/\|/g, '\\|')} |${d.because !== undefined ? ` ${d.because.replace(/\s+/g, ' ').replace(/\|/g, '\\|')} |` : ''}`;

export function renderDriftMarkdown(report: DriftReport): string {
  const lines = [`## Drift review: ${report.api} against ${report.against}${report.againstSource ? ` (source \`${report.againstSource}\`)` : ''}`, ''];
  if (report.disagreements.length === 0) {
    lines.push('No disagreement other than our listed assumptions.', '');
  } else {
    lines.push(`### ${report.disagreements.length} disagreement(s)`, '', '| kind | where | ours | theirs |', '| --- | --- | --- | --- |', ...report.disagreements.map(row), '');
  }
  if (report.assumptions.length) {
    lines.push(`### Our assumptions (${report.assumptions.length})`, '', '| kind | where | ours | theirs | assumption |', '| --- | --- | --- | --- | --- |', ...report.assumptions.map(row), '');
  }
  if (report.otherSources.length) {
    lines.push(`### Documented by another vendor source (${report.otherSources.length})`, '', '| kind | where | ours | theirs | source |', '| --- | --- | --- | --- | --- |', ...report.otherSources.map(row), '');
  }
  return `${lines.join('\n')}\n`;
}

export function renderDriftJson(report: DriftReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
