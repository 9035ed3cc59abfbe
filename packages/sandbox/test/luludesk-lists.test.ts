import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectLuluError, KEYS, SECOND, startLuluDesk, type LuluDeskSandbox } from './support/luludesk.js';

let sandbox: LuluDeskSandbox;
beforeAll(async () => {
  sandbox = await startLuluDesk({ rateLimitScale: 100 });
});
afterAll(() => sandbox.close());

function expectConversationOrder(all: any[]): void {
  for (let i = 1; i < all.length; i++) {
    const a = all[i - 1];
    const b = all[i];
    expect(a.started_at > b.started_at || (a.started_at === b.started_at && a.id > b.id), `${a.id} before ${b.id}`).toBe(true);
  }
}

describe('LuluDesk conversations: page numbers and cursors', () => {
  it('walks all 312 conversations by cursor, newest first with the id tie-break, at several page sizes', async () => {
    const reference = await sandbox.conversations(100);
    expect(reference).toHaveLength(312);
    expect(new Set(reference.map((c) => c.id)).size).toBe(312);
    expectConversationOrder(reference);
    expect(reference.some((c, i) => i > 0 && reference[i - 1].started_at === c.started_at)).toBe(true);
    for (const limit of [1, 7, 20]) expect((await sandbox.conversations(limit)).map((c) => c.id)).toEqual(reference.map((c) => c.id));
  });

  it('pages by number to the same sequence, with total, has_more and the page a cursor leads to', async () => {
    const reference = (await sandbox.conversations(100)).map((c) => c.id);
    const byPage: string[] = [];
    for (let page = 1; page <= 16; page++) {
      const answer = await sandbox.get(`conversations?limit=20&page=${page}`);
      expect(answer.json.pagination).toMatchObject({ page, limit: 20, total: 312, has_more: page < 16 });
      byPage.push(...answer.json.data.map((c: any) => c.id));
      if (page < 16) {
        const next = await sandbox.get(`conversations?limit=20&cursor=${answer.json.pagination.next_cursor}`);
        expect(next.json.pagination.page).toBe(page + 1);
        expect(next.json.data[0].id).toBe(reference[page * 20]);
      } else expect(answer.json.pagination.next_cursor).toBeNull();
    }
    expect(byPage).toEqual(reference);
  });

  it('defaults to page 1 of 20, lets a cursor win over page, and answers a page past the end with nothing', async () => {
    const first = await sandbox.get('conversations');
    expect(first.json.data).toHaveLength(20);
    expect(first.json.pagination.page).toBe(1);
    const viaCursor = await sandbox.get(`conversations?page=9&cursor=${first.json.pagination.next_cursor}`);
    expect(viaCursor.json.pagination.page).toBe(2);
    const past = await sandbox.get('conversations?page=99');
    expect(past.json.data).toEqual([]);
    expect(past.json.pagination).toMatchObject({ page: 99, has_more: false, next_cursor: null });
  });

  it('issues base64url cursors and refuses tampered, malformed and foreign ones with 422 details', async () => {
    const cursor: string = (await sandbox.get('conversations?limit=5')).json.pagination.next_cursor;
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const foreign: string = (await sandbox.get('conversations?limit=5', { workspace: SECOND, key: KEYS.second })).json.pagination.next_cursor;
    const tampered = cursor.slice(0, 10) + (cursor[10] === 'A' ? 'B' : 'A') + cursor.slice(11);
    for (const bad of [tampered, 'not*base64url', foreign, 'AAAA']) {
      const answer = await sandbox.get(`conversations?cursor=${encodeURIComponent(bad)}`);
      expectLuluError(answer, 422, 'invalid_params');
      expect(answer.json.details).toEqual([{ field: 'cursor', value: bad, constraint: 'a next_cursor returned by this endpoint for this workspace' }]);
    }
  });
});

describe('LuluDesk handoffs: the before cursor', () => {
  it('walks all 120 handoffs with before, newest first, in every status', async () => {
    const all = await sandbox.handoffs(50);
    expect(all).toHaveLength(120);
    expect(new Set(all.map((h) => h.id)).size).toBe(120);
    for (let i = 1; i < all.length; i++) expect(all[i - 1].created_at > all[i].created_at).toBe(true);
    expect(new Set(all.map((h) => h.status))).toEqual(new Set(['pending', 'accepted', 'resolved', 'rejected']));
    expect((await sandbox.handoffs(7)).map((h) => h.id)).toEqual(all.map((h) => h.id));
  });

  it('filters by status, and the filtered walks partition the list', async () => {
    const all = await sandbox.handoffs(200);
    let count = 0;
    for (const status of ['pending', 'accepted', 'resolved', 'rejected']) {
      const some = await sandbox.handoffs(9, `&status=${status}`);
      expect(some.every((h) => h.status === status)).toBe(true);
      count += some.length;
    }
    expect(count).toBe(all.length);
  });

  it('returns only handoffs created strictly before `before`, with has_more false at the end', async () => {
    const all = await sandbox.handoffs(200);
    const pivot = all[60];
    const answer = await sandbox.get(`handoffs?limit=200&before=${pivot.created_at}`);
    expect(answer.json.data.map((h: any) => h.id)).toEqual(all.slice(61).map((h) => h.id));
    expect(answer.json.meta).toEqual({ limit: 200, has_more: false });
    expect(answer.json.workspace_id).toBe('550e8400-e29b-41d4-a716-446655440000');
  });

  it('links each handoff to a conversation that points back to it', async () => {
    const conversations = new Map((await sandbox.conversations(100)).map((c) => [c.id, c]));
    for (const handoff of await sandbox.handoffs(200)) {
      const conversation = conversations.get(handoff.conversation_id);
      expect(conversation?.handoff_id).toBe(handoff.id);
      expect(conversation?.status).toBe(handoff.status === 'pending' || handoff.status === 'accepted' ? 'handed_off' : 'closed');
    }
  });
});

describe('LuluDesk knowledge sources, insights and usage', () => {
  it('lists the 8 knowledge sources newest first, paged by number', async () => {
    const all = await sandbox.get('knowledge-sources');
    expect(all.json.meta).toEqual({ total: 8, page: 1, limit: 20 });
    expect(all.json.data).toHaveLength(8);
    const paged = [];
    for (let page = 1; page <= 3; page++) paged.push(...(await sandbox.get(`knowledge-sources?limit=3&page=${page}`)).json.data);
    expect(paged).toEqual(all.json.data);
    expect(new Set(all.json.data.map((s: any) => s.status))).toEqual(new Set(['ready', 'crawling', 'error', 'pending']));
    for (const source of all.json.data) expect(source.url === null).toBe(source.type !== 'website');
  });

  it('computes insights and usage from the same period figures', async () => {
    const insights = (await sandbox.get('insights')).json;
    const usage = (await sandbox.get('usage')).json;
    const handoffs = await sandbox.handoffs(200);
    const inPeriod = handoffs.filter((h) => h.created_at >= usage.data.period_start && h.created_at < usage.data.period_end);
    expect(insights.data.handoffs).toEqual({
      total: inPeriod.length,
      pending: inPeriod.filter((h) => h.status === 'pending').length,
      resolved: inPeriod.filter((h) => h.status === 'resolved').length,
    });
    expect(insights.data.messages).toEqual({ total: usage.data.messages_used, limit: usage.data.messages_limit });
    expect(usage.data.messages_utilisation).toBeCloseTo(usage.data.messages_used / usage.data.messages_limit, 3);
    expect(usage.data.pct_used).toBeCloseTo((usage.data.cost_micros / usage.data.cap_micros) * 100, 2);
    expect(insights.meta.period_type).toBe('billing_period');
  });

  it('seeds the same data in every sandbox', async () => {
    const other = await startLuluDesk();
    try {
      // Records are identical; cursors differ, each sandbox signing with its own per-run secret.
      const withoutCursor = (json: { data: unknown; pagination: Record<string, unknown> }) => ({ ...json, pagination: { ...json.pagination, next_cursor: typeof json.pagination['next_cursor'] } });
      expect(withoutCursor((await other.get('conversations?limit=100')).json)).toEqual(withoutCursor((await sandbox.get('conversations?limit=100')).json));
      expect((await other.get('insights')).json).toEqual((await sandbox.get('insights')).json);
    } finally {
      await other.close();
    }
  });
});
