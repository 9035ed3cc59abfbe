import { describe, expect, it } from 'vitest';
import { fieldAt, paginateBySpec, type SpecPagination } from '../src/index.js';

interface Row {
  id: number;
  created_at: string;
}

const rows: Row[] = Array.from({ length: 23 }, (_, i) => ({ id: i + 1, created_at: new Date(Date.UTC(2030, 0, 1) - i * 60_000).toISOString() }));

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

const base = { cursorParam: null, nextCursorField: null, cursorFromItemField: null, pageParam: null, firstPage: null, limitParam: 'limit', hasMoreField: null, totalField: null };

describe('paginateBySpec: walks driven by x-pagination', () => {
  it('cursor in a dotted field (LuluDesk conversations)', async () => {
    const spec: SpecPagination = { ...base, strategy: 'cursor', cursorParam: 'cursor', nextCursorField: 'pagination.next_cursor', itemsField: 'data' };
    const calls: unknown[] = [];
    const list = paginateBySpec<{ data: Row[]; pagination: { next_cursor: string | null } }, Row, { limit: number; cursor?: string }>(spec, { limit: 10 }, async (params) => {
      calls.push(params);
      const start = params.cursor ? Number(params.cursor) : 0;
      const next = start + params.limit < rows.length ? String(start + params.limit) : null;
      return { data: rows.slice(start, start + params.limit), pagination: { next_cursor: next } };
    });
    expect((await collect(list)).map((r) => r.id)).toEqual(rows.map((r) => r.id));
    expect(calls).toEqual([{ limit: 10 }, { limit: 10, cursor: '10' }, { limit: 10, cursor: '20' }]);
  });

  it('before: the last item\'s field, until meta.has_more is false (LuluDesk handoffs)', async () => {
    const spec: SpecPagination = { ...base, strategy: 'before', cursorParam: 'before', cursorFromItemField: 'created_at', hasMoreField: 'meta.has_more', itemsField: 'data' };
    const calls: unknown[] = [];
    const list = paginateBySpec<{ data: Row[]; meta: { has_more: boolean } }, Row, { limit: number; before?: string }>(spec, { limit: 9 }, async (params) => {
      calls.push(params);
      const older = rows.filter((r) => params.before === undefined || r.created_at < params.before);
      return { data: older.slice(0, params.limit), meta: { has_more: older.length > params.limit } };
    });
    expect((await collect(list)).map((r) => r.id)).toEqual(rows.map((r) => r.id));
    expect(calls).toHaveLength(3);
    expect(calls[1]).toEqual({ limit: 9, before: rows[8]!.created_at });
  });

  it('page numbers up to a dotted total (LuluDesk knowledge sources), also without a limit param', async () => {
    const spec: SpecPagination = { ...base, strategy: 'page', pageParam: 'page', firstPage: 1, totalField: 'meta.total', itemsField: 'data' };
    for (const params of [{ limit: 5 }, {}] as Array<{ limit?: number; page?: number }>) {
      const calls: unknown[] = [];
      const list = paginateBySpec<{ data: Row[]; meta: { total: number } }, Row, { limit?: number; page?: number }>(spec, params, async (p) => {
        calls.push(p);
        const size = p.limit ?? 20;
        const start = ((p.page ?? 1) - 1) * size;
        return { data: rows.slice(start, start + size), meta: { total: rows.length } };
      });
      expect((await collect(list)).map((r) => r.id)).toEqual(rows.map((r) => r.id));
      // Without a limit the page size is unknown, so the short last page is followed by one empty page.
      expect(calls.length).toBe(params.limit ? 5 : 3);
    }
  });

  it('refuses an unknown strategy and reads dotted fields', () => {
    expect(() => paginateBySpec({ ...base, strategy: 'offset', itemsField: 'data' }, {}, async () => ({}))).toThrow(/Unknown x-pagination strategy/);
    expect(fieldAt({ a: { b: 1 } }, 'a.b')).toBe(1);
    expect(fieldAt({ a: null }, 'a.b')).toBeUndefined();
  });
});
