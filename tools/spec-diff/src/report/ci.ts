// The report for CI systems: JUnit XML (one test case per change; a breaking change is a failure) and
// GitHub Actions workflow commands (annotations on the pull request).
import { formatLocation, type Change } from '../diff/types.js';
import type { SpecDiffReport } from '../run.js';

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * JUnit XML: one test case per change, its level in a `level` property and in the case name's suite.
 * A breaking change is a failure; a warning or info change passes and says what it is in system-out.
 */
export function renderJunit(report: SpecDiffReport): string {
  const failures = (changes: Change[]) => changes.filter((c) => c.level === 'breaking').length;
  const all = report.apis.flatMap((api) => api.changes);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="spec-diff" tests="${all.length}" failures="${failures(all)}">`];
  for (const api of report.apis) {
    lines.push(`  <testsuite name="${xml(api.name)}" tests="${api.changes.length}" failures="${failures(api.changes)}">`);
    for (const change of api.changes) {
      lines.push(`    <testcase classname="spec-diff.${xml(api.name)}.${change.level}.${xml(change.kind)}" name="${xml(formatLocation(change))}">`);
      lines.push(`      <properties><property name="level" value="${change.level}"/><property name="kind" value="${xml(change.kind)}"/><property name="release" value="${change.severity}"/></properties>`);
      if (change.level === 'breaking') {
        lines.push(`      <failure message="${xml(change.message)}" type="breaking">${xml(change.message)}</failure>`);
      } else {
        const note = change.waived ? `warning (waived until ${change.waived.expires}: ${change.waived.reason}): ${change.message}` : `${change.level}: ${change.message}`;
        lines.push(`      <system-out>${xml(note)}</system-out>`);
      }
      lines.push('    </testcase>');
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
      // The three levels map onto GitHub's three annotation levels.
      const level = change.level === 'breaking' ? 'error' : change.level === 'warning' ? 'warning' : 'notice';
      const title = change.level === 'breaking' ? `Breaking change in ${api.name}` : change.waived ? `Waived breaking change in ${api.name}` : change.level === 'warning' ? `Warning: change in ${api.name}` : `Info: change in ${api.name}`;
      const detail = change.waived ? ` (waived until ${change.waived.expires}: ${change.waived.reason})` : '';
      lines.push(`::${level} ${file ? `file=${property(file)},` : ''}title=${property(title)}::${data(`${formatLocation(change)}: ${change.message}${detail}`)}`);
    }
  }
  for (const note of report.notes) lines.push(`::warning title=spec-diff::${data(note)}`);
  return `${lines.join('\n')}${lines.length ? '\n' : ''}`;
}
