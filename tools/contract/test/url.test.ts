import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '@apiforge/sandbox';
import { profileFor, runContract, type RunReport } from '../src/index.js';

/** A deployment URL target, exercised against a sandbox started here with the credentials in env vars. */
describe('contract suite against a URL target', () => {
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  let readOnly: RunReport;
  beforeAll(async () => {
    sandbox = await startSandbox({ api: 'lucent', port: 0, host: '127.0.0.1' });
    const env: NodeJS.ProcessEnv = { LUCENT_CONTRACT_INGEST_URL: sandbox.url };
    for (const token of profileFor('lucent').tokens.filter((t) => t.name !== 'legacy-read')) env[token.env] = token.value;
    readOnly = await runContract({ api: 'lucent', target: sandbox.url, env, kinds: ['auth', 'limits', 'enums', 'cursors', 'isolation'] });
  }, 120_000);
  afterAll(async () => {
    await sandbox?.close();
  });

  it('passes the read-only cases', () => {
    expect(readOnly.results.filter((r) => r.status === 'failed').map((r) => `${r.name}: ${r.actual}`)).toEqual([]);
    expect(readOnly.results.filter((r) => r.status === 'passed').length).toBeGreaterThan(50);
  });

  it('runs no write case without --allow-writes', () => {
    const writes = readOnly.results.filter((r) => r.operationId === 'updateIssueStatus' || r.operationId === 'submitReplayBatch' || /in the middle of a walk/.test(r.name));
    expect(writes.length).toBeGreaterThan(0);
    for (const w of writes) expect(w.reason, w.name).toMatch(/read-only unless --allow-writes/);
  });

  it('names the environment variable of a credential that is not set', () => {
    const legacy = readOnly.results.filter((r) => r.name.includes('legacy-read') || r.name.includes('luc_mcp_ token'));
    expect(legacy.length).toBeGreaterThan(0);
    for (const c of legacy.filter((r) => r.status === 'na' && !/read-only/.test(r.reason ?? ''))) expect(c.reason).toMatch(/LUCENT_CONTRACT_LEGACY_TOKEN/);
  });
});
