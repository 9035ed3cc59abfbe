// Every output format carries the level of each change: markdown sections, JSON fields, JUnit properties
// (only breaking changes fail), GitHub annotation levels (error / warning / notice).
import { describe, expect, it } from 'vitest';
import { renderGithub, renderJunit } from '../src/report/ci.js';
import { renderJson } from '../src/report/json.js';
import { renderMarkdown } from '../src/report/markdown.js';
import type { Change } from '../src/diff/types.js';
import type { SpecDiffReport } from '../src/run.js';

const changes: Change[] = [
  { kind: 'operation-removed', severity: 'breaking', level: 'breaking', location: ['GET /a'], detail: 'removed', message: 'Operation GET /a was removed without being deprecated first.' },
  { kind: 'operation-removed', severity: 'non-breaking', level: 'warning', location: ['GET /b'], detail: 'removed', message: 'Operation GET /b was removed after its sunset date 2020-01-01, as announced.' },
  { kind: 'deprecated', severity: 'non-breaking', level: 'info', location: ['GET /c', 'deprecated'], detail: 'false → true', message: 'Operation GET /c is now deprecated.' },
];
const report: SpecDiffReport = {
  base: { ref: 'main', commit: '0123456789abcdef0123', reason: '--base main' },
  apis: [{ name: 'demo', status: 'changed', counts: { breaking: 1, nonBreaking: 2, docsOnly: 0, warning: 1, info: 1 }, changes }],
  notes: [],
  bundles: new Map([['demo', { before: {}, after: {} }]]),
};

describe('levels in every output', () => {
  it('markdown: counts and one section per level', () => {
    const text = renderMarkdown(report);
    expect(text).toContain('**1 breaking**, 1 warning, 1 info');
    expect(text.indexOf('#### Breaking')).toBeLessThan(text.indexOf('#### Warnings'));
    expect(text.indexOf('#### Warnings')).toBeLessThan(text.indexOf('#### Info'));
    expect(text).toMatch(/#### Warnings\n\n\| Location \| Kind \| Change \|\n\| --- \| --- \| --- \|\n\| `GET \/b removed` \| operation-removed \|/);
  });

  it('JSON: a level on every change and per-level counts, without the bundles', () => {
    const json = JSON.parse(renderJson(report));
    expect(json.apis[0].changes.map((c: Change) => c.level)).toEqual(['breaking', 'warning', 'info']);
    expect(json.apis[0].counts).toMatchObject({ breaking: 1, warning: 1, info: 1 });
    expect(json.bundles).toBeUndefined();
  });

  it('JUnit: a level property per case; only the breaking one fails', () => {
    const xml = renderJunit(report);
    expect(xml).toContain('<testsuite name="demo" tests="3" failures="1">');
    for (const level of ['breaking', 'warning', 'info']) expect(xml).toContain(`<property name="level" value="${level}"/>`);
    expect(xml).toContain('classname="spec-diff.demo.warning.operation-removed"');
    expect(xml.match(/<failure /g)).toHaveLength(1);
  });

  it('GitHub: error, warning and notice annotations', () => {
    const lines = renderGithub(report).trim().split('\n');
    expect(lines.map((line) => line.slice(0, line.indexOf(' ')))).toEqual(['::error', '::warning', '::notice']);
    expect(lines[1]).toContain('title=Warning%3A change in demo');
  });
});
