import { startSandbox } from '@apiforge/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileFor, runContract, type CheckKind } from '../src/index.js';
import { RULES, startFaultProxy, type RuleName } from './support/fault-proxy.js';

/**
 * A fault server per rule: a live 127.0.0.1 URL (a proxy in front of a sandbox at its documented limits)
 * that breaks exactly one documented fact. Run as a URL target, the check of that fact fails, and every
 * failure shows the request: method, redacted URL, status and a curl repro with `$ENV_VAR` credentials.
 */
const CATCHES: Array<{ rule: RuleName; kinds: CheckKind[]; operations: string[]; cases?: string[]; fails: CheckKind }> = [
  { rule: 'no-www-authenticate', kinds: ['auth'], operations: ['getIssue'], fails: 'auth' },
  { rule: 'wrong-401-body', kinds: ['auth'], operations: ['getIssue'], fails: 'auth' },
  { rule: 'scope-ignored', kinds: ['scopes'], operations: ['listIssues'], fails: 'scopes' },
  { rule: 'page-size-ignored', kinds: ['limits'], operations: ['listSignals'], fails: 'limits' },
  { rule: 'filter-ignored', kinds: ['enums'], operations: ['listIssues'], fails: 'enums' },
  { rule: 'cursor-ignored', kinds: ['cursors'], operations: ['listIssues'], cases: ['tampered', 'malformed'], fails: 'cursors' },
  { rule: 'tenant-leak', kinds: ['isolation'], operations: ['getIssue'], fails: 'isolation' },
  { rule: 'no-cache-control', kinds: ['errors'], operations: ['getIssue'], fails: 'errors' },
  { rule: 'not-found-is-200', kinds: ['errors'], operations: ['getIssue'], fails: 'errors' },
  { rule: 'body-not-schema', kinds: ['scopes', 'conformance'], operations: ['listIssues'], fails: 'conformance' },
  { rule: 'content-type-text', kinds: ['scopes', 'conformance'], operations: ['listIssues'], fails: 'conformance' },
];

describe('a fault server per rule (URL target)', () => {
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  const env: NodeJS.ProcessEnv = {};
  const secrets: string[] = [];
  beforeAll(async () => {
    // Documented limits: no scale.
    sandbox = await startSandbox({ api: 'lucent', port: 0, host: '127.0.0.1' });
    for (const token of profileFor('lucent').tokens) {
      env[token.env] = token.value;
      secrets.push(token.value);
    }
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('has a case for every rule', () => {
    expect([...CATCHES.map((c) => c.rule), 'throttle-once'].sort()).toEqual(Object.keys(RULES).sort());
  });

  it.each(CATCHES)('$rule fails a $fails check, showing the request and a curl repro', async ({ rule, kinds, operations, cases, fails }) => {
    const proxy = await startFaultProxy(sandbox.url, RULES[rule]);
    try {
      const report = await runContract({ api: 'lucent', target: proxy.url, env: { ...env, LUCENT_CONTRACT_INGEST_URL: proxy.url }, allowWrites: true, strict: true, kinds, operations, ...(cases ? { cases } : {}) });
      const failures = report.results.filter((r) => r.status === 'failed');
      expect(failures.length, `${rule} (${RULES[rule].breaks}) failed no ${fails} case`).toBeGreaterThan(0);
      expect([...new Set(failures.map((f) => f.kind))]).toEqual([fails]);
      for (const f of failures) {
        expect(f.request, f.name).toBeDefined();
        expect(f.request!.url.startsWith(proxy.url)).toBe(true);
        expect(String(f.request!.status)).toMatch(/^\d{3}$/);
        expect(f.request!.curl).toMatch(new RegExp(`^curl -sS -i -X ${f.request!.method} "${proxy.url}`));
      }
      // Credentials appear as variable references, never as values.
      const text = JSON.stringify(report);
      for (const secret of secrets) expect(text).not.toContain(secret);
      expect(failures.some((f) => /\$\{LUCENT_CONTRACT_[A-Z_]+\}/.test(f.request!.curl))).toBe(true);
      expect(report.pacing.throttled).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('waits out a 429 per Retry-After, retries, and reports it', async () => {
    const proxy = await startFaultProxy(sandbox.url, RULES['throttle-once']);
    try {
      const report = await runContract({ api: 'lucent', target: proxy.url, env, kinds: ['scopes'], operations: ['listIssues'], cases: ['api-read'] });
      expect(report.results.filter((r) => r.status === 'failed')).toEqual([]);
      expect(report.results.filter((r) => r.status === 'passed').length).toBeGreaterThan(0);
      expect(report.pacing.throttled.length).toBeGreaterThan(0);
      expect(report.pacing.throttled[0]).toMatchObject({ method: 'GET', retryAfter: '1' });
      expect(report.pacing.throttled[0]!.waitedMs).toBeGreaterThanOrEqual(1000);
    } finally {
      await proxy.close();
    }
  });
});
