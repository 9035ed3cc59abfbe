import { startSandbox } from '@apiforge/sandbox';
import { describe, expect, it } from 'vitest';
import { describeRequest, runFuzz } from '../src/fuzz/run.js';
import { profileFor } from '../src/profiles/index.js';
import type { FuzzCase } from '../src/fuzz/requests.js';

// Fixed seeds keep CI reproducible; `pnpm contract <api> --fuzz 2000` is the full run (the bar).
const SEED = 20_261_204;
const REQUESTS = 300;

describe.each(['lucent', 'luludesk', 'lumiqtrace'])('fuzzing %s against its sandbox', (api) => {
  it(`${REQUESTS} generated requests pass every check`, async () => {
    const report = await runFuzz({ api, requests: REQUESTS, seed: SEED });
    const failures = report.failures.map((f) => `[${f.check}] ${f.operationId} ${f.status}: ${f.text}\n  ${f.request.curl}`);
    expect(failures).toEqual([]);
    expect(report.requests).toBe(REQUESTS);
    // The run reaches every operation and provokes refusals of invalid input, not only successes.
    expect(Object.keys(report.byOperation).length).toBeGreaterThanOrEqual(5);
    expect(report.checks['invalid-refused'].judged).toBeGreaterThan(REQUESTS / 5);
    expect(Object.keys(report.statuses).some((s) => s.startsWith('2'))).toBe(true);
  });
});

describe('fuzzing', () => {
  it('sends the same requests for the same seed, and others for another seed', async () => {
    const sent = async (seed: number) => {
      const requests: string[] = [];
      const record = (c: FuzzCase) => requests.push(JSON.stringify({ ...c, body: c.body === undefined ? undefined : Buffer.from(c.body).toString('base64') }));
      await runFuzz({ api: 'luludesk', requests: 60, seed, onRequest: (c, phase) => phase === 'run' && record(c) });
      return requests;
    };
    const first = await sent(7);
    expect(first).toHaveLength(60);
    expect(await sent(7)).toEqual(first);
    expect(await sent(8)).not.toEqual(first);
  });

  it('finds a sandbox that skips scope checks, shrinks the request and prints a curl repro without the credential', async () => {
    const report = await runFuzz({ api: 'lucent', requests: 200, seed: 3, runOptions: { faults: ['scope-unchecked'] } });
    const failure = report.failures.find((f) => f.check === 'invalid-refused');
    expect(failure, JSON.stringify(report.checks)).toBeDefined();
    expect(failure!.text).toMatch(/without the scope/);
    expect(failure!.seed).toBe(3);
    expect(failure!.shrunk).toBe(true);
    expect(failure!.path).toMatch(/^\d+(:\d+)*$/);
    expect(failure!.request.curl).toMatch(/^curl .*\$\{LUCENT_CONTRACT_\w+\}/);
    for (const text of [failure!.request.curl, failure!.request.url, failure!.text]) expect(text).not.toMatch(/luc_(api|oat|mcp|pk)_sandbox/);
  });

  it('finds a missing required response header', async () => {
    const report = await runFuzz({ api: 'lucent', requests: 100, seed: 3, shrinkBudget: 20, runOptions: { faults: ['no-www-authenticate'] } });
    expect(report.failures.map((f) => f.check)).toContain('required-headers');
    expect(report.failures.find((f) => f.check === 'required-headers')!.text).toMatch(/WWW-Authenticate/);
  });

  it('shows a token cut short as the variable minus its last character, never the value', () => {
    const secrets: Array<[string, string]> = [['luc_api_sandbox_read', 'LUCENT_CONTRACT_READ_TOKEN']];
    const info = describeRequest(
      {
        method: 'GET',
        url: 'http://127.0.0.1:1/api/v1/issues?key=luc_api_sandbox_read',
        status: 401,
        headers: {},
        text: '',
        json: undefined,
        sent: { headers: { authorization: 'Bearer luc_api_sandbox_rea' } },
      },
      secrets,
    );
    expect(info.curl).toContain('"authorization: Bearer ${LUCENT_CONTRACT_READ_TOKEN%?}"');
    expect(info.curl).toContain('key=${LUCENT_CONTRACT_READ_TOKEN}"');
    expect(info.url).toBe('http://127.0.0.1:1/api/v1/issues?key=[redacted]');
    expect(JSON.stringify(info)).not.toContain('sandbox_rea');
  });

  it('fuzzes a URL target read-only, with credentials from the environment, within the documented limits', async () => {
    const sandbox = await startSandbox({ api: 'lucent', port: 0, host: '127.0.0.1' });
    try {
      const env = Object.fromEntries(profileFor('lucent').tokens.map((t) => [t.env, t.value]));
      const report = await runFuzz({ api: 'lucent', target: sandbox.url, env, requests: 120, seed: 11 });
      expect(report.failures).toEqual([]);
      expect(report.statuses['429']).toBeUndefined();
      // Writes need --allow-writes; the ingest host needs its own URL: neither is fuzzed here.
      expect(Object.keys(report.byOperation).sort()).toEqual(['getIssue', 'listInsights', 'listIssues', 'listSignals']);
      expect(report.notices.join('\n')).toMatch(/updateIssueStatus/);
      await expect(runFuzz({ api: 'lucent', target: sandbox.url, env: {}, requests: 10 })).rejects.toThrow(/missing credentials.*LUCENT_CONTRACT_READ_TOKEN/);
    } finally {
      await sandbox.close();
    }
  });

  it('fuzzes the Prism mock, judging only what a mock can answer', async () => {
    const report = await runFuzz({ api: 'luludesk', target: 'prism', requests: 40, seed: 5 });
    expect(report.failures.map((f) => `[${f.check}] ${f.operationId} ${f.status}: ${f.text}`)).toEqual([]);
    expect(report.statuses['0']).toBeUndefined();
    expect(report.notices.join('\n')).toMatch(/on a mock/);
  });

  it('refuses a request count that is not a positive whole number', async () => {
    await expect(runFuzz({ api: 'lucent', requests: 0 })).rejects.toThrow(/--fuzz needs a positive whole number/);
  });
});
