import { startMock } from '@apiforge/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runContract, type RunReport } from '../src/index.js';

/** A mock someone already runs (`pnpm mock lucent`), attached with `--target mock=URL`: judged as a mock, not a live service. */
describe('contract suite against a running Prism mock (--target mock=URL)', () => {
  let report: RunReport;
  let mock: Awaited<ReturnType<typeof startMock>>;
  beforeAll(async () => {
    mock = await startMock({ api: 'lucent', port: 0 });
    report = await runContract({ api: 'lucent', target: `mock=${mock.url}` });
  }, 120_000);
  afterAll(async () => {
    await mock?.close();
  });

  it('is a mock target: not live, never paced, nothing warned', () => {
    expect(report.target).toBe(`mock ${mock.url}`);
    expect(report.pacing.waitedMs).toBe(0);
    expect(report.results.filter((r) => r.status === 'warned')).toEqual([]);
  });

  it('has no failures', () => {
    const failures = report.results.filter((r) => r.status === 'failed').map((r) => `[${r.kind}] ${r.name}: ${r.actual}`);
    expect(failures).toEqual([]);
  });

  it('reports cursors, rate limits and isolation as not applicable, with Prism reasons', () => {
    for (const kind of ['cursors', 'rate-limits', 'isolation'] as const) {
      const cases = report.results.filter((r) => r.kind === kind);
      expect(cases.length, kind).toBeGreaterThan(0);
      for (const c of cases) {
        expect(c.status, c.name).toBe('na');
        expect(c.reason, c.name).toMatch(/^not applicable on Prism: /);
      }
    }
  });

  it('never passes a scope refusal: every 403 expectation is not applicable', () => {
    const refusals = report.results.filter((r) => r.kind === 'scopes' && r.name.endsWith('→ 403'));
    expect(refusals.length).toBeGreaterThan(0);
    for (const c of refusals) {
      expect(c.status).toBe('na');
      expect(c.reason).toMatch(/ignores the scopes/);
    }
  });

  it('checks what Prism honours: missing credentials, limit bounds, documented errors, conformance', () => {
    const passed = (kind: string, pattern: RegExp) => report.results.filter((r) => r.kind === kind && r.status === 'passed' && pattern.test(r.name));
    expect(passed('auth', /no credentials → 401/).length).toBe(6);
    expect(passed('limits', /max\+1/).length).toBe(3);
    expect(passed('errors', /documented \d{3}/).length).toBeGreaterThanOrEqual(30);
    expect(passed('conformance', /./).length).toBeGreaterThan(10);
  });
});

describe('--target prism starts the mock itself', () => {
  it('runs the same checks', async () => {
    const report = await runContract({ api: 'lucent', target: 'prism', kinds: ['auth'], operations: ['getIssue'] });
    expect(report.target).toBe('prism');
    expect(report.results.filter((r) => r.status === 'failed')).toEqual([]);
    expect(report.results.filter((r) => r.status === 'passed').length).toBeGreaterThan(0);
    expect(report.results.filter((r) => r.status === 'na').every((r) => /^not applicable on Prism: /.test(r.reason ?? ''))).toBe(true);
  }, 60_000);
});
