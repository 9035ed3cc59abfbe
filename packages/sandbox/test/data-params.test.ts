import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, startTestSandbox, TOKENS, type TestSandbox } from './support/http.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ rateLimitScale: 100 });
});
afterAll(() => sandbox.close());

const LISTS = [
  { path: '/api/v1/issues', field: 'issues', defaultLimit: 25, max: 200, total: 1050 },
  { path: '/api/v1/signals', field: 'signals', defaultLimit: 50, max: 200, total: 120 },
  { path: '/api/v1/insights', field: 'insights', defaultLimit: 25, max: 100, total: 150 },
] as const;

describe.each(LISTS)('limit on $path', ({ path, field, defaultLimit, max, total }) => {
  it(`defaults to ${defaultLimit}`, async () => {
    const result = await sandbox.get(path, TOKENS.read);
    expect(result.json[field]).toHaveLength(defaultLimit);
  });

  it.each(['1', String(max)])('accepts %s', async (limit) => {
    const result = await sandbox.get(`${path}?limit=${limit}`, TOKENS.read);
    expect(result.status).toBe(200);
    expect(result.json[field].length).toBe(Math.min(Number(limit), total));
  });

  it.each(['0', String(max + 1), '1.5', '-1', '1e2', '1.0', 'abc', '', ' 5', '0x10', '05'])('refuses %j with the documented 400', async (limit) => {
    const result = await sandbox.get(`${path}?limit=${encodeURIComponent(limit)}`, TOKENS.read);
    expectError(result, 400, `limit must be an integer between 1 and ${max}`);
  });

  it('refuses a repeated limit', async () => {
    expectError(await sandbox.get(`${path}?limit=5&limit=6`, TOKENS.read), 400, `limit must be an integer between 1 and ${max}`);
  });
});

describe('status filter', () => {
  it.each(['unresolved', 'ticket_created', 'transient', 'resolved'])('returns only %s issues', async (status) => {
    const result = await sandbox.get(`/api/v1/issues?limit=200&status=${status}`, TOKENS.read);
    expect(result.json.issues.length).toBeGreaterThan(0);
    expect(result.json.issues.every((i: { status: string }) => i.status === status)).toBe(true);
  });

  it.each(['open', 'RESOLVED', '', 'resolved '])('refuses %j with the enum message', async (status) => {
    expectError(
      await sandbox.get(`/api/v1/issues?status=${encodeURIComponent(status)}`, TOKENS.read),
      400,
      'status must be one of: unresolved, ticket_created, transient, resolved',
    );
  });
});

describe('cursor', () => {
  it.each(['garbage', 'a.b', 'x'.repeat(600), '', 'eyJjcmVhdGVkQXQiOiIyMDI2In0'])('refuses a malformed cursor %#', async (cursor) => {
    expectError(await sandbox.get(`/api/v1/issues?cursor=${encodeURIComponent(cursor)}`, TOKENS.read), 400, 'Invalid cursor');
  });

  it('refuses a tampered cursor', async () => {
    const cursor: string = (await sandbox.get('/api/v1/issues?limit=3', TOKENS.read)).json.nextCursor;
    const [payload, signature] = cursor.split('.') as [string, string];
    const position = JSON.parse(Buffer.from(payload, 'base64url').toString()) as string[];
    position[1] = '00000000-0000-4000-8000-000000000000';
    const forged = `${Buffer.from(JSON.stringify(position)).toString('base64url')}.${signature}`;
    expectError(await sandbox.get(`/api/v1/issues?cursor=${forged}`, TOKENS.read), 400, 'Invalid cursor');
    const flipped = cursor.slice(0, -2) + (cursor.endsWith('A') ? 'B' : 'A') + cursor.slice(-1);
    expectError(await sandbox.get(`/api/v1/issues?cursor=${flipped}`, TOKENS.read), 400, 'Invalid cursor');
  });

  it('refuses a cursor of another endpoint, filter or organization', async () => {
    const cursor: string = (await sandbox.get('/api/v1/issues?limit=3', TOKENS.read)).json.nextCursor;
    expectError(await sandbox.get(`/api/v1/signals?cursor=${cursor}`, TOKENS.read), 400, 'Invalid cursor');
    expectError(await sandbox.get(`/api/v1/issues?status=resolved&cursor=${cursor}`, TOKENS.read), 400, 'Invalid cursor');
    expectError(await sandbox.get(`/api/v1/issues?cursor=${cursor}`, TOKENS.globex), 400, 'Invalid cursor');
    // Same organization, another token: still valid.
    expect((await sandbox.get(`/api/v1/issues?cursor=${cursor}`, TOKENS.oauth)).status).toBe(200);
    // The limit is not a filter: a cursor works with any page size.
    expect((await sandbox.get(`/api/v1/issues?limit=7&cursor=${cursor}`, TOKENS.read)).json.issues).toHaveLength(7);
  });
});

describe('single issue', () => {
  it.each(['not-a-uuid', '87b3a6b6-5af5-438b-a39c-eff148a68ccb', '12345', '87b3a6b6-5af5-438b-a39c-eff148a68ccbX', '%ZZ', '%20', '%ff', '%c3%28', 'a'.repeat(101)])(
    'answers 404 Issue not found for %s',
    async (id) => {
      expectError(await sandbox.get(`/api/v1/issues/${id}`, TOKENS.read), 404, 'Issue not found');
    },
  );

  it('answers 404, never 403 and never the data, for an issue of another organization', async () => {
    const globexId: string = (await sandbox.get('/api/v1/issues?limit=1', TOKENS.globex)).json.issues[0].id;
    const result = await sandbox.get(`/api/v1/issues/${globexId}`, TOKENS.read);
    expectError(result, 404, 'Issue not found');
    expect(result.text).not.toContain(globexId);
    const patch = await sandbox.call('PATCH', `/api/v1/issues/${globexId}`, { token: TOKENS.write, body: { status: 'resolved' } });
    expectError(patch, 404, 'Issue not found');
    expect((await sandbox.get(`/api/v1/issues/${globexId}`, TOKENS.globex)).status).toBe(200);
  });

  it('returns the full detail of an own issue, matching its list entry', async () => {
    const summary = (await sandbox.get('/api/v1/issues?limit=1', TOKENS.read)).json.issues[0];
    const detail = (await sandbox.get(`/api/v1/issues/${summary.id}`, TOKENS.read)).json;
    expect(detail).toMatchObject(summary);
    expect(detail).toHaveProperty('summary');
    expect(detail.ticketUrl === null).toBe(detail.status !== 'ticket_created');
  });
});

describe('PATCH /api/v1/issues/{issueId}', () => {
  let id: string;
  beforeAll(async () => {
    id = (await sandbox.get('/api/v1/issues?status=unresolved&limit=1', TOKENS.read)).json.issues[0].id;
  });

  it('persists the new status and is idempotent', async () => {
    const first = await sandbox.call('PATCH', `/api/v1/issues/${id}`, { token: TOKENS.write, body: { status: 'ticket_created' } });
    expect(first.status).toBe(200);
    expect(first.json.status).toBe('ticket_created');
    expect(first.json.ticketUrl).toMatch(/^https:\/\//);
    const again = await sandbox.call('PATCH', `/api/v1/issues/${id}`, { token: TOKENS.write, body: { status: 'ticket_created' } });
    expect(again.json).toEqual(first.json);
    expect((await sandbox.get(`/api/v1/issues/${id}`, TOKENS.read)).json).toEqual(first.json);
    const listed = (await sandbox.allIssues(TOKENS.read, 'status=ticket_created')).find((i) => i.id === id);
    expect(listed?.updatedAt).toBe(first.json.updatedAt);
    const resolved = await sandbox.call('PATCH', `/api/v1/issues/${id}`, { token: TOKENS.write, body: { status: 'resolved' } });
    expect(resolved.json).toMatchObject({ status: 'resolved', ticketUrl: null });
    expect(Date.parse(resolved.json.updatedAt)).toBeGreaterThan(Date.parse(first.json.updatedAt));
  });

  it.each([
    ['malformed JSON', '{"status":', 'Request body must be valid JSON'],
    ['an empty body', '', 'Request body must be valid JSON'],
    ['an unknown status', JSON.stringify({ status: 'closed' }), 'status must be one of: unresolved, ticket_created, transient, resolved'],
    ['a missing status', JSON.stringify({}), 'status must be one of: unresolved, ticket_created, transient, resolved'],
    ['a non-object', JSON.stringify(['resolved']), 'status must be one of: unresolved, ticket_created, transient, resolved'],
    ['an extra field', JSON.stringify({ status: 'resolved', note: 1 }), 'status must be one of: unresolved, ticket_created, transient, resolved'],
  ])('refuses %s with the documented 400', async (_case, body, error) => {
    const result = await sandbox.call('PATCH', `/api/v1/issues/${id}`, {
      token: TOKENS.write,
      body,
      headers: { 'content-type': 'application/json' },
    });
    expectError(result, 400, error);
  });

  it('answers 404 for a malformed id before reading the body', async () => {
    expectError(await sandbox.call('PATCH', '/api/v1/issues/nope', { token: TOKENS.write, body: { status: 'resolved' } }), 404, 'Issue not found');
  });
});

describe('error responses', () => {
  it('are JSON with Cache-Control: no-store, successes are not', async () => {
    const ok = await sandbox.get('/api/v1/issues?limit=1', TOKENS.read);
    expect(ok.headers.get('cache-control')).toBeNull();
    const unknownRoute = await sandbox.call('GET', '/api/v1/nothing', { token: TOKENS.read });
    expectError(unknownRoute, 404, 'Not found');
    const wrongMethod = await sandbox.call('DELETE', '/api/v1/issues', { token: TOKENS.read });
    expectError(wrongMethod, 405, 'Method not allowed');
    expect(wrongMethod.headers.get('allow')).toBe('GET');
  });
});
