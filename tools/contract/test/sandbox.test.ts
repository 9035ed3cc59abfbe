import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { countByKind, runContract, toJunitXml, type RunReport } from '../src/index.js';
import { CHECK_KINDS } from '../src/types.js';

describe('contract suite against the sandbox', () => {
  let report: RunReport;
  beforeAll(async () => {
    report = await runContract({ api: 'lucent', target: 'sandbox' });
  }, 120_000);

  it('passes every case', () => {
    const failures = report.results.filter((r) => r.status === 'failed').map((r) => `[${r.kind}] ${r.name}: expected ${r.expected}; actual ${r.actual}`);
    expect(failures).toEqual([]);
  });

  it('runs a non-trivial number of cases of every check kind', () => {
    for (const { kind, passed } of countByKind(report.results)) {
      // Lucent has no NDJSON body, so it has no ndjson cases (LumiqTrace's run covers them).
      if (kind === 'ndjson') continue;
      expect(passed, kind).toBeGreaterThanOrEqual(4);
    }
  });

  it('gives every not-applicable case a reason', () => {
    for (const r of report.results.filter((x) => x.status === 'na')) expect(r.reason, r.name).toMatch(/^not applicable/);
  });

  it('writes well-formed JUnit XML whose counts match the results', () => {
    const xml = toJunitXml('contract.lucent.sandbox', report.results, report.durationMs);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testsuite' || name === 'testcase' }).parse(xml) as {
      testsuites: { tests: string; failures: string; skipped: string; testsuite: Array<{ name: string; tests: string; skipped: string; testcase: Array<{ skipped?: { message: string } }> }> };
    };
    expect(Number(doc.testsuites.tests)).toBe(report.results.length);
    expect(Number(doc.testsuites.failures)).toBe(0);
    expect(Number(doc.testsuites.skipped)).toBe(report.results.filter((r) => r.status === 'na').length);
    for (const suite of doc.testsuites.testsuite) {
      const mine = report.results.filter((r) => r.kind === suite.name);
      expect(CHECK_KINDS).toContain(suite.name);
      expect(suite.testcase).toHaveLength(mine.length);
      expect(Number(suite.tests)).toBe(mine.length);
      const skipped = suite.testcase.filter((c) => c.skipped);
      expect(skipped).toHaveLength(Number(suite.skipped));
      for (const c of skipped) expect(c.skipped!.message).toMatch(/^not applicable/);
    }
  });
});

describe('JUnit XML', () => {
  it('escapes markup and reports failures with expected and actual', () => {
    const xml = toJunitXml('x', [
      { kind: 'auth', name: 'a <b> & "c"', status: 'failed', expected: 'status 401 <x>', actual: 'status 200 \u0001', durationMs: 3 },
      { kind: 'limits', name: 'n/a', status: 'na', reason: 'not applicable: because', durationMs: 0 },
    ], 10);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<failure message="expected status 401 &lt;x&gt;"');
    expect(xml).toContain('actual: status 200');
    expect(xml).toContain('<skipped message="not applicable: because"/>');
  });
});
