import { describe, expect, it } from 'vitest';
import { type Change, defaultLevel, type Severity } from '../src/diff/types.js';
import { combineChangesets, parseChangeset } from '../src/gate/changesets.js';
import { evaluateGate, requiredBump } from '../src/gate/check.js';

function change(severity: Severity): Change {
  return { kind: 'docs-changed', severity, level: defaultLevel(severity), location: ['GET /x'], detail: '', message: 'test change' };
}

const packages = new Map([['lucent', ['@apiforge/lucent-openapi', '@apiforge/lucent-client']]]);

function gate(severity: Severity, changeset: string | undefined) {
  return evaluateGate(new Map([['lucent', [change(severity)]]]), packages, combineChangesets(changeset ? [changeset] : []));
}

const changeset = (bump: string) => `---\n"@apiforge/lucent-openapi": ${bump}\n'@apiforge/lucent-client': ${bump}\n---\n\nSpec change.\n`;

describe('changeset gate', () => {
  it('fails a breaking change without a changeset and names every package', () => {
    const result = gate('breaking', undefined);
    expect(result.ok).toBe(false);
    expect(result.verdicts.map((v) => [v.package, v.needed, v.found, v.ok])).toEqual([
      ['@apiforge/lucent-openapi', 'major', 'none', false],
      ['@apiforge/lucent-client', 'major', 'none', false],
    ]);
  });

  it('passes a breaking change with a major changeset', () => {
    expect(gate('breaking', changeset('major')).ok).toBe(true);
  });

  it('fails a breaking change with only a minor changeset', () => {
    expect(gate('breaking', changeset('minor')).ok).toBe(false);
  });

  it('passes an addition with a minor changeset', () => {
    expect(gate('non-breaking', changeset('minor')).ok).toBe(true);
  });

  it('fails an addition with only a patch changeset', () => {
    const result = gate('non-breaking', changeset('patch'));
    expect(result.ok).toBe(false);
    expect(result.verdicts.every((v) => v.needed === 'minor' && v.found === 'patch')).toBe(true);
  });

  it('asks a docs-only change for a patch, because the published spec changes', () => {
    expect(gate('docs-only', undefined).ok).toBe(false);
    expect(gate('docs-only', changeset('patch')).ok).toBe(true);
  });

  it('fails when only one of the affected packages has the bump', () => {
    const partial = '---\n"@apiforge/lucent-openapi": major\n---\n';
    const result = gate('breaking', partial);
    expect(result.ok).toBe(false);
    expect(result.verdicts.filter((v) => !v.ok).map((v) => v.package)).toEqual(['@apiforge/lucent-client']);
  });

  it('passes when nothing changed, and lists changed APIs no package declares', () => {
    expect(evaluateGate(new Map([['lucent', []]]), packages, new Map()).ok).toBe(true);
    const unmapped = evaluateGate(new Map([['other', [change('breaking')]]]), packages, new Map());
    expect(unmapped).toEqual({ ok: true, verdicts: [], unmappedApis: ['other'] });
  });

  it('a warning asks for a minor release, never a major one', () => {
    const warning: Change = { ...change('non-breaking'), level: 'warning' };
    expect(requiredBump([warning])).toBe('minor');
    expect(evaluateGate(new Map([['lucent', [warning]]]), packages, combineChangesets([changeset('minor')])).ok).toBe(true);
  });

  it('needs the largest bump any change asks for', () => {
    expect(requiredBump([change('docs-only'), change('non-breaking')])).toBe('minor');
    expect(requiredBump([change('non-breaking'), change('breaking')])).toBe('major');
    expect(requiredBump([])).toBe('none');
  });
});

describe('changeset parsing', () => {
  it('reads double- and single-quoted package names and ignores the summary', () => {
    const parsed = parseChangeset('---\n"@apiforge/a": major\n\'@apiforge/b\': patch\n---\n\n---\n"@apiforge/c": major\n');
    expect([...parsed]).toEqual([['@apiforge/a', 'major'], ['@apiforge/b', 'patch']]);
  });

  it('rejects front matter that is not YAML, as changesets itself would', () => {
    expect(() => parseChangeset('---\n@apiforge/a: major\n---\n')).toThrow('front matter is not valid YAML');
  });

  it('takes the largest bump across changesets', () => {
    const combined = combineChangesets(['---\n"@apiforge/a": patch\n---\n', '---\n"@apiforge/a": minor\n---\n', '---\n"@apiforge/a": patch\n---\n']);
    expect(combined.get('@apiforge/a')).toBe('minor');
  });

  it('returns nothing for a file without front matter or an empty changeset', () => {
    expect(parseChangeset('just text').size).toBe(0);
    expect(parseChangeset('---\n---\n\nEmpty changeset.\n').size).toBe(0);
  });
});
