import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '@apiforge/sandbox';
import { profileFor, runContract, type CheckKind, type RunReport } from '../src/index.js';

/** A deployment URL target, exercised against a sandbox started here with the credentials in env vars. */
describe('contract suite against a URL target', () => {
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  let readOnly: RunReport;
  beforeAll(async () => {
    sandbox = await startSandbox({ api: 'lucent', port: 0, host: '127.0.0.1' });
    const env: NodeJS.ProcessEnv = { LUCENT_CONTRACT_INGEST_URL: sandbox.url };
    for (const token of profileFor('lucent').tokens.filter((t) => t.name !== 'legacy-read')) env[token.env] = token.value;
    // Cursor walks are left out: at the documented 300 reads/min they would make this run wait a minute.
    readOnly = await runContract({ api: 'lucent', target: sandbox.url, env, allowMissingCredentials: true, kinds: ['auth', 'limits', 'enums', 'isolation'] });
  }, 120_000);
  afterAll(async () => {
    await sandbox?.close();
  });

  it('passes the read-only cases', () => {
    expect(readOnly.results.filter((r) => r.status === 'failed').map((r) => `${r.name}: ${r.actual}`)).toEqual([]);
    expect(readOnly.results.filter((r) => r.status === 'passed').length).toBeGreaterThan(50);
  });

  it('runs no write case without --allow-writes', () => {
    const writes = readOnly.results.filter((r) => r.operationId === 'updateIssueStatus' || r.operationId === 'submitReplayBatch');
    expect(writes.length).toBeGreaterThan(0);
    for (const w of writes) expect(w.reason, w.name).toMatch(/read-only unless --allow-writes/);
  });

  it('names the environment variable of a credential that is not set', () => {
    const legacy = readOnly.results.filter((r) => r.name.includes('legacy-read') || r.name.includes('luc_mcp_ token'));
    expect(legacy.length).toBeGreaterThan(0);
    for (const c of legacy.filter((r) => r.status === 'na' && !/read-only/.test(r.reason ?? ''))) expect(c.reason).toMatch(/LUCENT_CONTRACT_LEGACY_TOKEN/);
  });
});

/**
 * Every API against a sandbox started at its documented limits (no scale), as a URL target with writes:
 * the suite keeps to each operation's x-rate-limit and gets no 429 of its own making. The selections stay
 * under one window's worth of requests per credential (LuluDesk allows 60 per minute per key) so the
 * run is short; the full suites are run the same way by hand (README, "Live targets").
 */
describe('a sandbox at its documented limits as a URL target, with writes', () => {
  const SELECTIONS: Record<string, CheckKind[]> = {
    lucent: ['auth', 'scopes', 'enums', 'isolation'],
    luludesk: ['auth', 'scopes', 'enums'],
    lumiqtrace: ['auth', 'scopes', 'ndjson', 'isolation'],
  };
  it.each(Object.entries(SELECTIONS))('%s: passes with no 429', async (api, kinds) => {
    const sandbox = await startSandbox({ api, port: 0, host: '127.0.0.1' });
    try {
      const env: NodeJS.ProcessEnv = {};
      for (const token of profileFor(api).tokens) env[token.env] = token.value;
      for (const host of profileFor(api).liveEnv.hosts ?? []) env[host.env] = sandbox.url;
      const report = await runContract({ api, target: sandbox.url, env, allowWrites: true, kinds });
      expect(report.results.filter((r) => r.status === 'failed').map((r) => `${r.name}: ${r.actual}`)).toEqual([]);
      expect(report.results.filter((r) => r.status === 'passed').length).toBeGreaterThan(10);
      expect(report.pacing.throttled).toEqual([]);
      expect(report.results.filter((r) => /status 429/.test(r.actual ?? ''))).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });

  it('--max-rps spaces the requests out', async () => {
    const sandbox = await startSandbox({ api: 'luludesk', port: 0, host: '127.0.0.1' });
    try {
      const env: NodeJS.ProcessEnv = {};
      for (const token of profileFor('luludesk').tokens) env[token.env] = token.value;
      const report = await runContract({ api: 'luludesk', target: sandbox.url, env, kinds: ['scopes'], maxRps: 20 });
      expect(report.results.filter((r) => r.status === 'failed')).toEqual([]);
      expect(report.pacing.requests).toBeGreaterThanOrEqual(10);
      expect(report.durationMs).toBeGreaterThanOrEqual(((report.pacing.requests - 1) / 20) * 1000);
    } finally {
      await sandbox.close();
    }
  });
});
