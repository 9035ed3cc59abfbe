import { beforeAll, describe, expect, it } from 'vitest';
import { runContract, type RunReport } from '../src/index.js';

const failuresOf = (report: RunReport) =>
  report.results.filter((r) => r.status === 'failed').map((r) => `[${r.kind}] ${r.name}: expected ${r.expected}; actual ${r.actual}`);
const passed = (report: RunReport, kind: string, pattern: RegExp) =>
  report.results.filter((r) => r.kind === kind && r.status === 'passed' && pattern.test(r.name)).map((r) => r.name);

describe('LumiqTrace contract run against the sandbox', () => {
  let report: RunReport;
  beforeAll(async () => {
    report = await runContract({ api: 'lumiqtrace', target: 'sandbox' });
  }, 120_000);

  it('passes every case', () => {
    expect(failuresOf(report)).toEqual([]);
    expect(report.results.filter((r) => r.status === 'passed').length).toBeGreaterThan(120);
  });

  it('runs the NDJSON batch-size, bad-line, gzip and dedupe cases', () => {
    expect(passed(report, 'ndjson', /./).sort()).toEqual(
      [
        'ingestEvents: 100 lines (the x-ndjson maxItems) → 2xx',
        'ingestEvents: 100 gzip-compressed lines → 2xx',
        'ingestEvents: 101 lines → 400 tooManyEvents',
        'ingestEvents: two valid lines and one that is not an object of the line schema → 400 invalidLine (the whole batch)',
        'ingestEvents: re-sent lines with the same event_id are stored once',
      ].sort(),
    );
  });

  it('checks both schemes\' 401s, the expired session, the outsider\'s 403 and the monthly quota', () => {
    expect(passed(report, 'auth', /^ingestEvents: no credentials → 401$/)).toHaveLength(1);
    expect(passed(report, 'auth', /revoked token \(ingest-revoked\) → 401$/)).toHaveLength(2);
    expect(passed(report, 'auth', /revoked token \(expired\) → 401$/)).toHaveLength(5);
    expect(passed(report, 'auth', /token of the wrong kind/).length).toBeGreaterThanOrEqual(7);
    // getProjectOverview names the project `{id}` in its path (the reference's name), the others `projectId`.
    expect(passed(report, 'isolation', /proj_globex (projectId|id) with a proj_acme token → 403 notAMember$/)).toHaveLength(4);
    expect(passed(report, 'isolation', /getTrace: a proj_globex traceId with a proj_acme token → 404 traceNotFound$/)).toHaveLength(1);
    expect(passed(report, 'errors', /monthly quota .* → 429 quotaExceeded$/)).toHaveLength(1);
  });

  it('sends every documented provider, operation and span_kind value on an NDJSON line, and an unknown one gets 400', () => {
    expect(passed(report, 'enums', /^ingestEvents: body (provider|operation|span_kind)=".*" is accepted$/)).toHaveLength(4 + 5 + 8);
    expect(passed(report, 'enums', /^ingestEvents: body \w+="contract_unknown_value" → 400$/)).toHaveLength(3);
  });
});

describe('LumiqTrace contract run against Prism', () => {
  it('has no failures; NDJSON uploads are not applicable with the Prism reason', async () => {
    const report = await runContract({ api: 'lumiqtrace', target: 'prism' });
    expect(failuresOf(report)).toEqual([]);
    const ndjson = report.results.filter((r) => r.kind === 'ndjson');
    expect(ndjson.length).toBe(5);
    for (const c of ndjson) expect(c.reason, c.name).toMatch(/^not applicable on Prism: /);
    expect(report.results.filter((r) => r.status === 'na').every((r) => r.reason && r.reason.length > 20)).toBe(true);
  }, 120_000);
});

/** Faults in the LumiqTrace sandbox and the check kind that must catch each. */
const CATCHES = {
  'ndjson-uncapped': 'ndjson',
  'dedupe-off': 'ndjson',
  'tenant-leak': 'isolation',
  'cursor-unchecked': 'cursors',
  'limit-off-by-one': 'limits',
} as const;

describe('LumiqTrace mutation check: the suite catches sandbox faults', () => {
  it.each(Object.entries(CATCHES))('fault %s fails a %s case', async (fault, kind) => {
    const report = await runContract({ api: 'lumiqtrace', target: 'sandbox', faults: [fault], kinds: [kind] });
    const failures = report.results.filter((r) => r.status === 'failed');
    expect(failures.length, `no ${kind} case failed with fault ${fault}`).toBeGreaterThan(0);
  }, 60_000);
});

describe('LumiqTrace documents no WWW-Authenticate', () => {
  it('so dropping the challenge (fault no-www-authenticate) changes nothing the suite checks', async () => {
    const report = await runContract({ api: 'lumiqtrace', target: 'sandbox', faults: ['no-www-authenticate'], kinds: ['auth'] });
    expect(failuresOf(report)).toEqual([]);
    expect(report.results.filter((r) => r.status === 'passed').length).toBeGreaterThan(20);
  }, 60_000);
});
