import { describe, expect, it } from 'vitest';
import { beforeTimestampPagination, cursorPagination, pageNumberPagination, paginate } from '../src/index.js';

interface Issue {
  id: number;
  created_at: string;
}

const issues: Issue[] = Array.from({ length: 23 }, (_, i) => ({
  id: i + 1,
  created_at: new Date(Date.UTC(2030, 0, 1) - i * 60_000).toISOString(),
}));

/** In-memory API recording every call, paged like the real ones. */
function cursorApi(data: Issue[], limit = 10, key: 'nextCursor' | 'next_cursor' = 'nextCursor') {
  const calls: Array<{ cursor?: string; limit: number }> = [];
  const fetchPage = async (params: { cursor?: string; limit: number }) => {
    calls.push(params);
    const start = params.cursor ? Number(params.cursor) : 0;
    const data_ = data.slice(start, start + params.limit);
    const next = start + params.limit < data.length ? String(start + params.limit) : null;
    return { data: data_, [key]: next } as { data: Issue[]; nextCursor?: string | null; next_cursor?: string | null };
  };
  const list = (params = { limit }) =>
    paginate({ params, fetchPage, getItems: (page) => page.data, nextParams: cursorPagination() });
  return { calls, list };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('paginate: opaque cursor', () => {
  it('walks every item across pages (nextCursor and next_cursor)', async () => {
    for (const key of ['nextCursor', 'next_cursor'] as const) {
      const api = cursorApi(issues, 10, key);
      expect((await collect(api.list())).map((i) => i.id)).toEqual(issues.map((i) => i.id));
      expect(api.calls).toEqual([{ limit: 10 }, { limit: 10, cursor: '10' }, { limit: 10, cursor: '20' }]);
    }
  });

  it('is lazy, and await gives the first page', async () => {
    const api = cursorApi(issues);
    const listing = api.list();
    expect(api.calls).toHaveLength(0);
    const page = await listing;
    expect(page.data).toHaveLength(10);
    expect(page.nextCursor).toBe('10');
    expect(api.calls).toHaveLength(1);
    // Iterating after awaiting reuses the first page.
    expect(await collect(listing)).toHaveLength(23);
    expect(api.calls).toHaveLength(3);
    expect(await listing.firstPage()).toBe(page);
  });

  it('early break makes no extra request', async () => {
    const api = cursorApi(issues);
    const seen: number[] = [];
    for await (const issue of api.list()) {
      seen.push(issue.id);
      if (issue.id === 10) break;
    }
    expect(seen).toHaveLength(10);
    expect(api.calls).toHaveLength(1);
  });

  it('handles an empty first page with one request', async () => {
    const api = cursorApi([]);
    expect(await collect(api.list())).toEqual([]);
    expect(api.calls).toHaveLength(1);
  });

  it('pages() yields whole pages', async () => {
    const api = cursorApi(issues);
    const sizes = (await collect(api.list().pages())).map((p) => p.data.length);
    expect(sizes).toEqual([10, 10, 3]);
  });

  it('stops when the server repeats a cursor', async () => {
    let calls = 0;
    const listing = paginate({
      params: { cursor: undefined as string | undefined },
      fetchPage: async () => ({ items: [++calls], next_cursor: 'same' }),
      getItems: (page) => page.items,
      nextParams: cursorPagination(),
    });
    expect(await collect(listing)).toEqual([1, 2]);
  });

  it('propagates a fetch error to the iterator', async () => {
    const listing = paginate({
      params: {},
      fetchPage: async () => {
        throw new Error('boom');
      },
      getItems: (page: { items: number[] }) => page.items,
      nextParams: () => null,
    });
    await expect(collect(listing)).rejects.toThrow('boom');
  });
});

describe('paginate: page numbers with has_more', () => {
  function pagedApi(data: Issue[], perPage = 10) {
    const calls: Array<{ page?: number; per_page: number }> = [];
    const fetchPage = async (params: { page?: number; per_page: number }) => {
      calls.push(params);
      const page = params.page ?? 1;
      const items = data.slice((page - 1) * perPage, page * perPage);
      return { items, page, has_more: page * perPage < data.length };
    };
    const getItems = (page: { items: Issue[] }) => page.items;
    const list = () =>
      paginate({ params: { per_page: perPage }, fetchPage, getItems, nextParams: pageNumberPagination({ getItems }) });
    return { calls, list };
  }

  it('walks 1-based pages until has_more is false', async () => {
    const api = pagedApi(issues);
    expect(await collect(api.list())).toHaveLength(23);
    expect(api.calls.map((c) => c.page)).toEqual([undefined, 2, 3]);
  });

  it('empty first page, and early break', async () => {
    const empty = pagedApi([]);
    expect(await collect(empty.list())).toEqual([]);
    expect(empty.calls).toHaveLength(1);

    const api = pagedApi(issues);
    for await (const issue of api.list()) if (issue.id === 3) break;
    expect(api.calls).toHaveLength(1);
  });
});

describe('paginate: before timestamp', () => {
  function timelineApi(data: Issue[]) {
    const calls: Array<{ before?: string; limit: number }> = [];
    const fetchPage = async (params: { before?: string; limit: number }) => {
      calls.push(params);
      const older = params.before ? data.filter((i) => i.created_at < params.before!) : data;
      return { events: older.slice(0, params.limit) };
    };
    const getItems = (page: { events: Issue[] }) => page.events;
    const list = (limit = 10) =>
      paginate({ params: { limit } as { before?: string; limit: number }, fetchPage, getItems, nextParams: beforeTimestampPagination({ getItems }) });
    return { calls, list };
  }

  it("uses the last item's created_at as `before`, stops on a short page", async () => {
    const api = timelineApi(issues);
    expect((await collect(api.list())).map((i) => i.id)).toEqual(issues.map((i) => i.id));
    expect(api.calls).toHaveLength(3);
    expect(api.calls[1]!.before).toBe(issues[9]!.created_at);
    expect(api.calls[2]!.before).toBe(issues[19]!.created_at);
  });

  it('an exact multiple of the limit ends with one empty page', async () => {
    const api = timelineApi(issues.slice(0, 20));
    expect(await collect(api.list())).toHaveLength(20);
    expect(api.calls).toHaveLength(3);
  });

  it('empty first page, and early break', async () => {
    const empty = timelineApi([]);
    expect(await collect(empty.list())).toEqual([]);
    expect(empty.calls).toHaveLength(1);

    const api = timelineApi(issues);
    for await (const issue of api.list(5)) if (issue.id === 5) break;
    expect(api.calls).toHaveLength(1);
  });
});
