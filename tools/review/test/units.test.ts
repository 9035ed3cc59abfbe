import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { diffProvenance } from '../src/provenance.js';
import { diffLines, hunks } from '../src/text-diff.js';

describe('line diff', () => {
  it('keeps common lines and marks the rest', () => {
    expect(diffLines('a\nb\nc\nd', 'a\nc\nd\ne').map((l) => `${l.op}${l.text}`)).toEqual([' a', '-b', ' c', ' d', '+e']);
  });
  it('elides long unchanged runs around the changes', () => {
    const before = Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n');
    const after = before.replace('line 15', 'line fifteen');
    const shown = hunks(diffLines(before, after), 2).map((l) => `${l.op}${l.text}`);
    expect(shown).toEqual(['…13 unchanged line(s)', ' line 13', ' line 14', '-line 15', '+line fifteen', ' line 16', ' line 17', '…12 unchanged line(s)']);
  });
});

describe('provenance diff', () => {
  it('lists assumptions added, removed and reworded, and source marks, by operation', () => {
    const before = { paths: { '/a': { get: { 'x-assumption': 'Old wording.', responses: { '200': { 'x-source': ['docs'] } } } } } };
    const after = { paths: { '/a': { get: { 'x-assumption': 'New wording.', responses: { '200': {}, '404': { 'x-assumption': 'We assume a 404.' } } } } } };
    const diff = diffProvenance(before, after);
    expect(diff.assumptionsAdded).toEqual([{ where: 'GET /a › responses › 404', text: 'We assume a 404.' }]);
    expect(diff.assumptionsChanged).toEqual([{ where: 'GET /a', before: 'Old wording.', after: 'New wording.' }]);
    expect(diff.sourcesRemoved).toEqual([{ where: 'GET /a › responses › 200', text: '["docs"]' }]);
    expect(diff.counts).toEqual({ before: { assumptions: 1, sources: 1 }, after: { assumptions: 2, sources: 0 } });
  });
});

describe('the pull-request workflow', () => {
  const workflow = parse(readFileSync(fileURLToPath(new URL('../../../.github/workflows/review.yml', import.meta.url)), 'utf8'));
  const steps: Array<Record<string, unknown>> = workflow.jobs.review.steps;
  const text = JSON.stringify(steps);
  it('runs on pull requests with full history, writes the pages, a step summary and an artifact', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    expect(steps[0]).toMatchObject({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
    expect(text).toContain('pnpm review --base');
    expect(text).toContain('GITHUB_STEP_SUMMARY');
    expect(steps.find((s) => String(s.uses).startsWith('actions/upload-artifact'))).toMatchObject({ if: 'always()', with: { name: 'spec-review', path: 'review-output/' } });
  });
});
