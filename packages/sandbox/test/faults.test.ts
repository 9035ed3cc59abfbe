import { afterEach, describe, expect, it } from 'vitest';
import { FAULTS } from '../src/index.js';
import { expectError, startTestSandbox, TOKENS, type TestSandbox } from './support/http.js';

let sandbox: TestSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function withFault(fault?: string): Promise<TestSandbox> {
  sandbox = await startTestSandbox({ rateLimitScale: 100, ...(fault ? { faults: [fault] } : {}) });
  return sandbox;
}

/** Every id seen walking the issues list of acme with the given page size. */
async function walkIds(s: TestSandbox, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await s.call('GET', `/api/v1/issues?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, { token: TOKENS.read, unchecked: true });
    ids.push(...page.json.issues.map((i: { id: string }) => i.id));
    cursor = page.json.nextCursor;
  } while (cursor);
  return ids;
}

describe('faults', () => {
  it('refuses unknown fault names', async () => {
    await expect(startTestSandbox({ faults: ['nope'] })).rejects.toThrow(/Unknown fault "nope"/);
  });

  it('ordering: ties come back out of id order and a cursor walk loses issues', async () => {
    const healthy = await walkIds(await withFault(), 3);
    await sandbox!.close();
    const faulty = await walkIds(await withFault('ordering'), 3);
    expect(new Set(faulty).size).toBeLessThan(new Set(healthy).size);
    const full = (await sandbox!.call('GET', '/api/v1/issues?limit=200', { token: TOKENS.read, unchecked: true })).json.issues;
    const outOfOrder = full.some((b: any, i: number) => i > 0 && full[i - 1].createdAt === b.createdAt && full[i - 1].id < b.id);
    expect(outOfOrder).toBe(true);
  });

  it('no-www-authenticate: 401 without the challenge', async () => {
    const healthy = await withFault();
    expect((await healthy.get('/api/v1/issues')).headers.get('www-authenticate')).toBe('Bearer scope="read:lucent"');
    await healthy.close();
    const faulty = await withFault('no-www-authenticate');
    const result = await faulty.call('GET', '/api/v1/issues', { unchecked: true });
    expect(result.status).toBe(401);
    expect(result.headers.get('www-authenticate')).toBeNull();
  });

  it('limit-off-by-one: accepts the maximum plus one, still refuses plus two', async () => {
    const faulty = await withFault('limit-off-by-one');
    expect((await faulty.call('GET', '/api/v1/insights?limit=101', { token: TOKENS.read, unchecked: true })).status).toBe(200);
    expect((await faulty.call('GET', '/api/v1/issues?limit=201', { token: TOKENS.read, unchecked: true })).status).toBe(200);
    expect((await faulty.get('/api/v1/issues?limit=202', TOKENS.read)).status).toBe(400);
  });

  it('cursor-unchecked: accepts a cursor of another organization and a forged one', async () => {
    const faulty = await withFault('cursor-unchecked');
    const cursor: string = (await faulty.get('/api/v1/issues?limit=3', TOKENS.read)).json.nextCursor;
    expect((await faulty.call('GET', `/api/v1/issues?cursor=${cursor}`, { token: TOKENS.globex, unchecked: true })).status).toBe(200);
    const forged = `${cursor.split('.')[0]}.AAAAAAAAAAAAAAAAAAAAAA`;
    expect((await faulty.call('GET', `/api/v1/issues?cursor=${forged}`, { token: TOKENS.read, unchecked: true })).status).toBe(200);
  });

  it('scope-unchecked: a token without scopes reads, a read token writes', async () => {
    const faulty = await withFault('scope-unchecked');
    expect((await faulty.get('/api/v1/issues', TOKENS.noScope)).status).toBe(200);
    const id = (await faulty.get('/api/v1/issues?limit=1', TOKENS.read)).json.issues[0].id;
    expect((await faulty.call('PATCH', `/api/v1/issues/${id}`, { token: TOKENS.read, body: { status: 'resolved' } })).status).toBe(200);
  });

  it('no-cache-control: errors lose Cache-Control', async () => {
    const faulty = await withFault('no-cache-control');
    const result = await faulty.call('GET', '/api/v1/issues?limit=0', { token: TOKENS.read, unchecked: true });
    expect(result.status).toBe(400);
    expect(result.headers.get('cache-control')).toBeNull();
  });

  it("tenant-leak: GET returns another organization's issue", async () => {
    const healthy = await withFault();
    const globexId = (await healthy.get('/api/v1/issues?limit=1', TOKENS.globex)).json.issues[0].id;
    expectError(await healthy.get(`/api/v1/issues/${globexId}`, TOKENS.read), 404, 'Issue not found');
    await healthy.close();
    const faulty = await withFault('tenant-leak');
    const leaked = await faulty.get(`/api/v1/issues/${globexId}`, TOKENS.read);
    expect(leaked.status).toBe(200);
    expect(leaked.json.issue.id).toBe(globexId);
  });

  it('covers every documented fault', () => {
    expect(Object.keys(FAULTS).sort()).toEqual(
      [
        'cursor-unchecked',
        'dedupe-off', // tested in lumiqtrace-ingest.test.ts
        'limit-off-by-one',
        'ndjson-uncapped', // tested in lumiqtrace-ingest.test.ts
        'no-cache-control',
        'no-www-authenticate',
        'ordering',
        'scope-unchecked',
        'tenant-leak',
      ].sort(),
    );
  });
});
