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
    // The second-to-last character carries signature bits (the last one partly padding): change it, whatever it is.
    const flipped = cursor.slice(0, -2) + (cursor.at(-2) === 'A' ? 'B' : 'A') + cursor.slice(-1);
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
  const MALFORMED = ['not-a-uuid', '12345', '87b3a6b6-5af5-438b-a39c-eff148a68ccbX', 'urn:uuid:87b3a6b6-5af5-438b-a39c-eff148a68ccb', '%ZZ', '%20', '%ff', '%c3%28', 'a'.repeat(101)];

  it.each(MALFORMED)('answers the documented 400 (never 404) for the malformed id %s', async (id) => {
    expectError(await sandbox.get(`/api/v1/issues/${id}`, TOKENS.read), 400, 'issueId must be a UUID');
  });

  it.each(['87b3a6b6-5af5-438b-a39c-eff148a68ccb', '00000000-0000-4000-8000-000000000000'])('answers 404 Issue not found for the unknown UUID %s', async (id) => {
    expectError(await sandbox.get(`/api/v1/issues/${id}`, TOKENS.read), 404, 'Issue not found');
  });

  it('answers 404, never 403 and never the data, for an issue of another organization', async () => {
    const globexId: string = (await sandbox.get('/api/v1/issues?limit=1', TOKENS.globex)).json.issues[0].id;
    const result = await sandbox.get(`/api/v1/issues/${globexId}`, TOKENS.read);
    expectError(result, 404, 'Issue not found');
    expect(result.text).not.toContain(globexId);
    const patch = await sandbox.call('PATCH', `/api/v1/issues/${globexId}`, { token: TOKENS.write, body: { status: 'resolved' } });
    expectError(patch, 404, 'Issue not found');
    expect((await sandbox.get(`/api/v1/issues/${globexId}`, TOKENS.globex)).status).toBe(200);
  });

  it('wraps the issue in `issue`: its list entry plus the analysis fields and updatedAt', async () => {
    const summary = (await sandbox.get('/api/v1/issues?limit=1', TOKENS.read)).json.issues[0];
    const result = (await sandbox.get(`/api/v1/issues/${summary.id.toUpperCase()}`, TOKENS.read)).json;
    expect(Object.keys(result)).toEqual(['issue']);
    expect(result.issue).toMatchObject(summary);
    expect(result.issue).toHaveProperty('stepsToReplicate');
    expect(result.issue).toHaveProperty('aiVerified');
    expect(typeof result.issue.updatedAt).toBe('string');
    for (const gone of ['severity', 'userCount', 'firstSeenAt', 'lastSeenAt', 'url', 'summary', 'affectedPages', 'sampleSessionIds']) {
      expect(result.issue).not.toHaveProperty(gone);
    }
  });

  it('lists issues with the documented summary fields only, nullables sometimes null, tickets only with ticket_created', async () => {
    const issues = await sandbox.allIssues(TOKENS.read);
    const documented = ['id', 'title', 'description', 'status', 'priority', 'previewUrl', 'createdAt', 'sessionCount', 'ticketProvider', 'ticketUrl', 'ticketIdentifier'];
    for (const issue of issues) {
      for (const key of Object.keys(issue)) expect(documented, key).toContain(key);
      const ticket = [issue.ticketProvider, issue.ticketUrl, issue.ticketIdentifier];
      if (issue.status === 'ticket_created') expect(ticket.every((value) => typeof value === 'string' && value !== '')).toBe(true);
      else expect(ticket.every((value) => value === undefined || value === null)).toBe(true);
    }
    expect(new Set(issues.map((i) => i.priority))).toEqual(new Set(['low', 'medium', 'high', 'critical']));
    expect(issues.some((i) => i.description === null)).toBe(true);
    expect(issues.some((i) => typeof i.description === 'string')).toBe(true);
    expect(issues.some((i) => i.previewUrl === null)).toBe(true);
    expect(issues.some((i) => typeof i.previewUrl === 'string')).toBe(true);
    const untracked = issues.filter((i) => i.status !== 'ticket_created');
    expect(untracked.some((i) => !('ticketUrl' in i))).toBe(true);
    expect(untracked.some((i) => i.ticketUrl === null)).toBe(true);
  });

  it('serves signals and insights with the documented fields only', async () => {
    const signals = (await sandbox.get('/api/v1/signals?limit=200', TOKENS.read)).json.signals;
    const signalFields = ['id', 'name', 'prompt', 'status', 'backfillStatus', 'createdAt', 'matchCount', 'lastMatchAt'];
    for (const signal of signals) {
      for (const key of Object.keys(signal)) expect(signalFields, key).toContain(key);
      if (signal.matchCount > 0) expect(typeof signal.lastMatchAt).toBe('string');
      else expect(signal.lastMatchAt ?? null).toBeNull();
    }
    expect(signals.some((s: any) => s.backfillStatus === null)).toBe(true);
    expect(signals.some((s: any) => !('lastMatchAt' in s))).toBe(true);
    const insights = (await sandbox.get('/api/v1/insights?limit=100', TOKENS.read)).json.insights;
    for (const insight of insights) {
      expect(Object.keys(insight).sort()).toEqual(['contentPreview', 'createdAt', 'id', 'intervalEnd', 'intervalStart', 'sessionsCount']);
      expect(insight.intervalStart < insight.intervalEnd).toBe(true);
      expect(insight.intervalEnd <= insight.createdAt).toBe(true);
    }
  });
});

describe('PATCH /api/v1/issues/{issueId}', () => {
  let id: string;
  beforeAll(async () => {
    id = (await sandbox.get('/api/v1/issues?status=unresolved&limit=1', TOKENS.read)).json.issues[0].id;
  });

  it('persists the new status, answers the wrapped issue and is idempotent', async () => {
    const first = await sandbox.call('PATCH', `/api/v1/issues/${id}`, { token: TOKENS.write, body: { status: 'ticket_created' } });
    expect(first.status).toBe(200);
    expect(Object.keys(first.json)).toEqual(['issue']);
    expect(first.json.issue.status).toBe('ticket_created');
    expect(first.json.issue.ticketUrl).toMatch(/^https:\/\//);
    expect(first.json.issue).toMatchObject({ ticketProvider: expect.any(String), ticketIdentifier: expect.any(String) });
    const again = await sandbox.call('PATCH', `/api/v1/issues/${id}`, { token: TOKENS.write, body: { status: 'ticket_created' } });
    expect(again.json).toEqual(first.json);
    expect((await sandbox.get(`/api/v1/issues/${id}`, TOKENS.read)).json).toEqual(first.json);
    const listed = (await sandbox.allIssues(TOKENS.read, 'status=ticket_created')).find((i) => i.id === id);
    expect(listed).toMatchObject({ status: 'ticket_created', ticketUrl: first.json.issue.ticketUrl });
    const resolved = await sandbox.call('PATCH', `/api/v1/issues/${id}`, { token: TOKENS.write, body: { status: 'resolved' } });
    expect(resolved.json.issue).toMatchObject({ status: 'resolved', ticketProvider: null, ticketUrl: null, ticketIdentifier: null });
    expect(Date.parse(resolved.json.issue.updatedAt)).toBeGreaterThan(Date.parse(first.json.issue.updatedAt));
  });

  it('ignores body fields other than status', async () => {
    const result = await sandbox.call('PATCH', `/api/v1/issues/${id}`, {
      token: TOKENS.write,
      body: JSON.stringify({ status: 'transient', note: 'x' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(result.status).toBe(200);
    expect(result.json.issue.status).toBe('transient');
    expect(result.json.issue).not.toHaveProperty('note');
  });

  it.each([
    ['malformed JSON', '{"status":', 'Request body must be valid JSON'],
    ['an empty body', '', 'Request body must be valid JSON'],
    ['an unknown status', JSON.stringify({ status: 'closed' }), 'status must be one of: unresolved, ticket_created, transient, resolved'],
    ['a missing status', JSON.stringify({ note: 'x' }), 'status must be one of: unresolved, ticket_created, transient, resolved'],
    ['a non-object', JSON.stringify(['resolved']), 'status must be one of: unresolved, ticket_created, transient, resolved'],
  ])('refuses %s with the documented 400', async (_case, body, error) => {
    const result = await sandbox.call('PATCH', `/api/v1/issues/${id}`, {
      token: TOKENS.write,
      body,
      headers: { 'content-type': 'application/json' },
    });
    expectError(result, 400, error);
  });

  it('answers the documented 400 for a malformed id before reading the body', async () => {
    expectError(await sandbox.call('PATCH', '/api/v1/issues/nope', { token: TOKENS.write, body: '{"status":', headers: { 'content-type': 'application/json' } }), 400, 'issueId must be a UUID');
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
    expect(wrongMethod.headers.get('allow')).toBe('GET, HEAD');
  });
});
