import { formatLocation, type Change } from '../diff/types.js';
import type { GateResult } from '../gate/check.js';
import type { ApiReport, SpecDiffReport } from '../run.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${fence.length > 1 ? ' ' : ''}${cell(text)}${fence.length > 1 ? ' ' : ''}${fence}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}`;
}

function table(changes: Change[], withKind: boolean): string[] {
  const header = withKind ? ['| Location | Kind | Change |', '| --- | --- | --- |'] : ['| Location | Change |', '| --- | --- |'];
  return [
    ...header,
    ...changes.map((change) => {
      const kind = change.waived ? `${change.kind} (waived until ${change.waived.expires})` : change.severity === 'docs-only' ? 'docs only' : change.kind;
      return withKind ? `| ${code(formatLocation(change))} | ${kind} | ${cell(change.message)} |` : `| ${code(formatLocation(change))} | ${cell(change.message)} |`;
    }),
  ];
}

function apiSection(api: ApiReport): string[] {
  const { breaking, nonBreaking, docsOnly, warning, info } = api.counts;
  const status = api.status === 'new' ? ' (new API)' : api.status === 'removed' ? ' (API removed)' : '';
  const lines = [`### ${api.name}${status}`, ''];
  if (api.changes.length === 0) return [...lines, 'No changes.', ''];
  lines.push(`**${plural(breaking, 'breaking')}**, ${plural(warning, warning === 1 ? 'warning' : 'warnings')}, ${plural(info, 'info')} (for the release: ${plural(nonBreaking, 'non-breaking')}, ${plural(docsOnly, 'docs only')}).`, '');
  const at = (level: Change['level']) => api.changes.filter((change) => change.level === level);
  if (at('breaking').length) lines.push('#### Breaking', '', ...table(at('breaking'), false), '');
  if (at('warning').length) lines.push('#### Warnings', '', ...table(at('warning'), true), '');
  if (at('info').length) lines.push('#### Info', '', ...table(at('info'), true), '');
  return lines;
}

function gateSection(gate: GateResult & { changesets: string[] }): string[] {
  const lines = ['### Changeset check', ''];
  lines.push(gate.changesets.length ? `Changesets since the base: ${gate.changesets.map(code).join(', ')}.` : 'No changesets added since the base.', '');
  if (gate.verdicts.length === 0 && gate.unmappedApis.length === 0) lines.push('Nothing to release: no spec changes.', '');
  for (const verdict of gate.verdicts) {
    const mark = verdict.ok ? '✅' : '❌';
    const found = verdict.found === 'none' ? 'no changeset' : `a ${verdict.found} changeset`;
    lines.push(`- ${mark} ${code(verdict.package)} needs at least **${verdict.needed}** (${verdict.apis.join(', ')}); found ${found}.`);
  }
  for (const api of gate.unmappedApis) {
    lines.push(`- ⚠️ ${api} changed, but no package under packages/ lists it in \`"apiforge": { "apis": [...] }\`; nothing to check.`);
  }
  lines.push('', gate.ok ? '**Result: pass.**' : '**Result: fail.** Add the missing changesets with `pnpm changeset`.', '');
  return lines;
}

export function renderMarkdown(report: SpecDiffReport): string {
  const { base } = report;
  const baseText = base.commit ? `${code(base.ref)} at ${code(base.commit.slice(0, 12))} (${base.reason})` : `none (${base.reason})`;
  const lines = ['## OpenAPI spec diff', '', `Base: ${baseText}. Compared with the working tree.`, ''];
  for (const note of report.notes) lines.push(`> ${note}`, '');
  if (report.apis.length === 0) lines.push('No APIs to compare.', '');
  for (const api of report.apis) lines.push(...apiSection(api));
  if (report.gate) lines.push(...gateSection(report.gate));
  return `${lines.join('\n').trimEnd()}\n`;
}
