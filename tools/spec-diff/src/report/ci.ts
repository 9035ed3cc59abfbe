// The report for CI systems: JUnit XML (one test case per change; a breaking change is a failure) and
// GitHub Actions workflow commands (annotations on the pull request).
import { formatLocation, type Change } from '../diff/types.js';
import type { SpecDiffReport } from '../run.js';

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function renderJunit(report: SpecDiffReport): string {
  const failures = (changes: Change[]) => changes.filter((c) => c.severity === 'breaking').length;
  const all = report.apis.flatMap((api) => api.changes);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="spec-diff" tests="${all.length}" failures="${failures(all)}">`];
  for (const api of report.apis) {
    lines.push(`  <testsuite name="${xml(api.name)}" tests="${api.changes.length}" failures="${failures(api.changes)}">`);
    for (const change of api.changes) {
      const open = `    <testcase classname="spec-diff.${xml(api.name)}.${xml(change.kind)}" name="${xml(formatLocation(change))}"`;
      if (change.severity === 'breaking') {
        lines.push(`${open}>`, `      <failure message="${xml(change.message)}" type="${xml(change.kind)}">${xml(change.message)}</failure>`, '    </testcase>');
      } else {
        const note = change.waived ? `waived until ${change.waived.expires}: ${change.waived.reason}` : `${change.severity}: ${change.message}`;
        lines.push(`${open}>`, `      <system-out>${xml(note)}</system-out>`, '    </testcase>');
      }
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

/** GitHub's workflow-command escaping for the message and for properties. */
const data = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const property = (text: string) => data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function renderGithub(report: SpecDiffReport, rootFor: (api: string) => string | undefined = () => undefined): string {
  const lines: string[] = [];
  for (const api of report.apis) {
    const file = rootFor(api.name);
    for (const change of api.changes) {
      const level = change.severity === 'breaking' ? 'error' : change.waived ? 'warning' : 'notice';
      const title = change.severity === 'breaking' ? `Breaking change in ${api.name}` : change.waived ? `Waived breaking change in ${api.name}` : `${change.severity} change in ${api.name}`;
      const detail = change.waived ? ` (waived until ${change.waived.expires}: ${change.waived.reason})` : '';
      lines.push(`::${level} ${file ? `file=${property(file)},` : ''}title=${property(title)}::${data(`${formatLocation(change)}: ${change.message}${detail}`)}`);
    }
  }
  for (const note of report.notes) lines.push(`::warning title=spec-diff::${data(note)}`);
  return `${lines.join('\n')}${lines.length ? '\n' : ''}`;
}
