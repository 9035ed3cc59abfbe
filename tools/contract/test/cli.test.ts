import { createServer as createHttpsServer } from 'node:https';
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '@apiforge/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main, profileFor } from '../src/index.js';
import { RULES, startFaultProxy } from './support/fault-proxy.js';

const here = dirname(fileURLToPath(import.meta.url));
const tls = join(here, 'fixtures', 'tls');

/** Runs the CLI in-process; its exit status and everything it printed. */
async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
  try {
    const code = await main(args, env);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
  }
}

function lucentEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const token of profileFor('lucent').tokens) env[token.env] = token.value;
  return env;
}

async function listen(server: Server | ReturnType<typeof createHttpsServer>): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('exit codes and setup errors', () => {
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  let work: string;
  beforeAll(async () => {
    sandbox = await startSandbox({ api: 'lucent', port: 0, host: '127.0.0.1' });
    work = mkdtempSync(join(tmpdir(), 'contract-cli-'));
  });
  afterAll(async () => {
    await sandbox?.close();
    rmSync(work, { recursive: true, force: true });
  });
  afterEach(() => vi.restoreAllMocks());

  it('0: every selected case passes against a URL target; reports as asked', async () => {
    const json = join(work, 'report.json');
    const md = join(work, 'summary.md');
    const run = await cli(['lucent', '--target', sandbox.url, '--only', 'auth', '--operation', 'listIssues', '--reporter', 'summary', '--reporter', `json=${json}`, '--reporter', `markdown=${md}`, '--reporter', 'github'], lucentEnv());
    expect(run.err).not.toMatch(/setup error/);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/OK: \d+ passed, 0 failed/);
    expect(run.out).toMatch(/no 429 received/);
    expect(run.out).not.toContain('::error');
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report).toMatchObject({ api: 'lucent', ok: true, totals: { failed: 0 } });
    expect(report.results.every((r: { operationId?: string }) => r.operationId === 'listIssues')).toBe(true);
    expect(readFileSync(md, 'utf8')).toMatch(/^### ✅ Contract suite: lucent/);
  });

  it('1: a failing case; the failure shows the request, a curl repro and a GitHub annotation, never a credential', async () => {
    const proxy = await startFaultProxy(sandbox.url, RULES['no-www-authenticate']);
    try {
      const env = lucentEnv();
      const run = await cli(['lucent', '--target', proxy.url, '--only', 'auth', '--operation', 'listIssues', '--reporter', 'summary', '--reporter', 'github'], env);
      expect(run.code).toBe(1);
      expect(run.out).toMatch(/request: {2}GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/issues → 401/);
      expect(run.out).toMatch(/repro: {4}curl -sS -i -X GET "http:\/\/127\.0\.0\.1:\d+\/api\/v1\/issues"/);
      expect(run.out).toContain('${LUCENT_CONTRACT_REVOKED_TOKEN}');
      expect(run.out).toMatch(/^::error title=contract lucent \[auth\] listIssues::/m);
      for (const value of Object.values(env)) expect(run.out + run.err).not.toContain(value!);
    } finally {
      await proxy.close();
    }
  });

  it('2: missing credentials name every variable to set', async () => {
    const run = await cli(['lucent', '--target', sandbox.url, '--only', 'auth']);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/setup error: missing credentials for lucent/);
    for (const token of profileFor('lucent').tokens) expect(run.err).toContain(token.env);
    expect(run.err).toContain('--allow-missing-credentials');
  });

  it('--allow-missing-credentials runs, but a run where nothing could be checked is not a success', async () => {
    const run = await cli(['lucent', '--target', sandbox.url, '--only', 'scopes', '--operation', 'listIssues', '--case', 'holds', '--allow-missing-credentials', '--reporter', 'summary']);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/no case ran to a verdict/);
  });

  it('2: an unreachable target, with its cause', async () => {
    const server = createServer();
    const port = await listen(server);
    await new Promise((r) => server.close(r));
    const run = await cli(['lucent', '--target', `http://127.0.0.1:${port}`, '--only', 'auth'], lucentEnv());
    expect(run.code).toBe(2);
    expect(run.err).toMatch(new RegExp(`cannot reach http://127\\.0\\.0\\.1:${port}: ECONNREFUSED`));
  });

  it('2: a TLS failure (self-signed certificate), with its cause and what to set', async () => {
    const server = createHttpsServer({ key: readFileSync(join(tls, 'key.pem')), cert: readFileSync(join(tls, 'cert.pem')) }, (_req, res) => res.end('{}'));
    const port = await listen(server);
    try {
      const run = await cli(['lucent', '--target', `https://127.0.0.1:${port}`, '--only', 'auth'], lucentEnv());
      expect(run.code).toBe(2);
      expect(run.err).toMatch(/TLS failure (DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)/);
      expect(run.err).toContain('NODE_EXTRA_CA_CERTS');
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('2: usage errors say what to fix', async () => {
    expect((await cli(['lucent', '--bogus'])).err).toMatch(/Unknown option '--bogus'[\s\S]*--help/);
    expect((await cli(['lucent', '--bogus'])).code).toBe(2);
    expect((await cli(['nope'])).err).toMatch(/Unknown API "nope": use lucent, luludesk, lumiqtrace/);
    expect((await cli(['lucent', '--only', 'nope'])).code).toBe(2);
    expect((await cli(['lucent', '--operation', 'nope', '--list'])).err).toMatch(/Unknown operation\(s\) nope for lucent: known operationIds are .*listIssues/);
    expect((await cli(['lucent', '--target', 'ftp://x'])).err).toMatch(/Unknown target/);
    expect((await cli(['lucent', '--max-rps', '0'])).err).toMatch(/--max-rps needs a positive number/);
    expect((await cli(['lucent', '--reporter', 'xml'])).err).toMatch(/Unknown reporter "xml"/);
    expect((await cli(['lucent', '--ingest-url', 'http://127.0.0.1:1'])).err).toMatch(/--ingest-url applies to a URL target only/);
    expect((await cli(['lucent', '--target', sandbox.url, '--case', 'no such case at all'], lucentEnv())).err).toMatch(/No lucent case matches/);
  });

  it('--help lists every API and its environment variables', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    for (const api of ['lucent', 'luludesk', 'lumiqtrace']) for (const token of profileFor(api).tokens) expect(help.out).toContain(token.env);
    expect(help.out).toContain('LUCENT_CONTRACT_INGEST_URL');
  });

  it('the READMEs list every API\'s environment variables', () => {
    const root = readFileSync(join(here, '..', '..', '..', 'README.md'), 'utf8');
    const own = readFileSync(join(here, '..', 'README.md'), 'utf8');
    for (const api of ['lucent', 'luludesk', 'lumiqtrace']) {
      const profile = profileFor(api);
      for (const name of [...profile.tokens.map((t) => t.env), ...(profile.liveEnv.hosts ?? []).map((h) => h.env)]) {
        expect(root, `README.md lacks ${name}`).toContain(`\`${name}\``);
        expect(own, `tools/contract/README.md lacks ${name}`).toContain(`\`${name}\``);
      }
    }
  });

  it('--list prints the selected cases without running anything', async () => {
    const run = await cli(['lucent', '--list', '--operation', 'getIssue', '--only', 'auth']);
    expect(run.code).toBe(0);
    const lines = run.out.split('\n').filter((l) => l.startsWith('['));
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.every((l) => l.startsWith('[auth] getIssue'))).toBe(true);
    const json = await cli(['lucent', '--list', '--case', 'limit=0', '--reporter', 'json']);
    const cases = JSON.parse(json.out) as Array<{ name: string }>;
    expect(cases.length).toBeGreaterThan(0);
    expect(cases.every((c) => c.name.includes('limit=0'))).toBe(true);
  });

  it('never sends ingest cases to the production host: without --ingest-url they are not run, with a reason', async () => {
    const env = lucentEnv();
    const run = await cli(['lucent', '--target', sandbox.url, '--allow-writes', '--operation', 'submitReplayBatch', '--only', 'auth', '--reporter', 'json'], env);
    const report = JSON.parse(run.out) as { results: Array<{ status: string; reason?: string }>; notices: string[] };
    expect(run.code).toBe(1);
    expect(report.results.length).toBeGreaterThan(0);
    for (const r of report.results) {
      expect(r.status).toBe('na');
      expect(r.reason).toMatch(/set LUCENT_CONTRACT_INGEST_URL or --ingest-url\); nothing is sent to the spec's production server https:\/\/batch-jobs-lucent\.onrender\.com/);
    }
    expect(report.notices.join('\n')).toMatch(/submitReplayBatch/);
    const given = await cli(['lucent', '--target', sandbox.url, '--allow-writes', '--ingest-url', sandbox.url, '--operation', 'submitReplayBatch', '--only', 'auth', '--reporter', 'json'], env);
    expect(given.code).toBe(0);
    expect((JSON.parse(given.out) as { results: Array<{ status: string }> }).results.filter((r) => r.status === 'passed').length).toBeGreaterThan(3);
  });
});
