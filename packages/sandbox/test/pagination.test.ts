import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, TOKENS, type TestSandbox } from './support/http.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ rateLimitScale: 100 });
});
afterAll(() => sandbox.close());

type ListedRecord = { id: string; createdAt: string };

function expectListOrder(records: readonly ListedRecord[]): void {
  for (let i = 1; i < records.length; i++) {
    const a = records[i - 1]!;
    const b = records[i]!;
    const ordered = a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id);
    expect(ordered, `${a.createdAt}/${a.id} before ${b.createdAt}/${b.id}`).toBe(true);
  }
}

async function walk(path: string, field: string, token: string, limit: number): Promise<ListedRecord[]> {
  const all: ListedRecord[] = [];
  let cursor: string | null = null;
  do {
    const page = await sandbox.get(`${path}?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, token);
    expect(page.status).toBe(200);
    all.push(...page.json[field]);
    cursor = page.json.nextCursor;
  } while (cursor);
  return all;
}

describe('seed data', () => {
  it('gives acme at least 1,000 issues in every status, 120 signals and 150 insights', async () => {
    const issues = await sandbox.allIssues(TOKENS.read);
    expect(issues.length).toBeGreaterThanOrEqual(1000);
    expect(new Set(issues.map((i) => i.status))).toEqual(new Set(['unresolved', 'ticket_created', 'transient', 'resolved']));
    expect(await walk('/api/v1/signals', 'signals', TOKENS.read, 200)).toHaveLength(120);
    expect(await walk('/api/v1/insights', 'insights', TOKENS.read, 100)).toHaveLength(150);
  });

  it('has issues sharing a createdAt, so the id tie-break matters', async () => {
    const issues = await sandbox.allIssues(TOKENS.read);
    const counts = new Map<string, number>();
    for (const issue of issues) counts.set(issue.createdAt, (counts.get(issue.createdAt) ?? 0) + 1);
    expect([...counts.values()].filter((n) => n > 1).length).toBeGreaterThan(10);
  });

  it('gives globex its own, smaller set', async () => {
    const acme = new Set((await sandbox.allIssues(TOKENS.read)).map((i) => i.id));
    const globex = await sandbox.allIssues(TOKENS.globex);
    expect(globex.length).toBeGreaterThan(0);
    expect(globex.length).toBeLessThan(acme.size);
    expect(globex.some((i) => acme.has(i.id))).toBe(false);
    const signals = await walk('/api/v1/signals', 'signals', TOKENS.globex, 200);
    expect(signals.length).toBeGreaterThan(0);
    expect(signals.length).toBeLessThan(120);
  });

  it('is deterministic: a second sandbox serves identical records (its cursors are signed with its own secret)', async () => {
    const other = await startTestSandbox({ rateLimitScale: 100 });
    const records = (json: Record<string, unknown>) => ({ ...json, nextCursor: json['nextCursor'] === null ? null : 'a cursor' });
    try {
      for (const path of ['/api/v1/issues?limit=200', '/api/v1/signals', '/api/v1/insights?limit=100']) {
        expect(records((await other.get(path, TOKENS.read)).json)).toEqual(records((await sandbox.get(path, TOKENS.read)).json));
      }
    } finally {
      await other.close();
    }
  });
});

describe('ordering and cursors', () => {
  it.each([
    ['/api/v1/issues', 'issues'],
    ['/api/v1/signals', 'signals'],
    ['/api/v1/insights', 'insights'],
  ])('%s is ordered by createdAt desc, then id desc, across pages', async (path, field) => {
    const records = await walk(path, field, TOKENS.read, 7);
    expectListOrder(records);
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
  });

  it('walks every status filter completely', async () => {
    const everything = await sandbox.allIssues(TOKENS.read);
    let total = 0;
    for (const status of ['unresolved', 'ticket_created', 'transient', 'resolved']) {
      const filtered = await sandbox.allIssues(TOKENS.read, `status=${status}&limit=33`);
      expectListOrder(filtered);
      expect(filtered.length).toBe(everything.filter((i) => i.status === status).length);
      total += filtered.length;
    }
    expect(total).toBe(everything.length);
  });

  it('ends with nextCursor null on a last page that is exactly full', async () => {
    const globex = await sandbox.allIssues(TOKENS.globex);
    const exact = await sandbox.get(`/api/v1/issues?limit=${globex.length}`, TOKENS.globex);
    expect(exact.json.issues).toHaveLength(globex.length);
    expect(exact.json.nextCursor).toBeNull();
    const split = await sandbox.get(`/api/v1/issues?limit=${globex.length / 2}`, TOKENS.globex);
    const rest = await sandbox.get(`/api/v1/issues?limit=${globex.length / 2}&cursor=${split.json.nextCursor}`, TOKENS.globex);
    expect(rest.json.issues).toHaveLength(globex.length / 2);
    expect(rest.json.nextCursor).toBeNull();
  });

  it.each([1, 13, 25, 200])('stays stable with limit %i while issues are PATCHed mid-walk', async (limit) => {
    await sandbox.call('POST', '/_sandbox/reset', { unchecked: true });
    const expected = (await sandbox.allIssues(TOKENS.read)).map((i) => i.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    const statuses = ['resolved', 'transient', 'unresolved', 'ticket_created'];
    let page = 0;
    do {
      const result = await sandbox.get(`/api/v1/issues?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, TOKENS.read);
      seen.push(...result.json.issues.map((i: ListedRecord) => i.id));
      cursor = result.json.nextCursor;
      // Update one issue already seen and one still ahead, every few pages.
      if (page++ % Math.max(1, Math.floor(40 / limit)) === 0) {
        for (const id of [seen[seen.length - 1], expected[Math.min(expected.length - 1, seen.length + limit)]]) {
          const patched = await sandbox.call('PATCH', `/api/v1/issues/${id}`, {
            token: TOKENS.write,
            body: { status: statuses[page % statuses.length] },
          });
          expect(patched.status).toBe(200);
        }
      }
    } while (cursor);
    expect(seen).toEqual(expected);
  });
});
