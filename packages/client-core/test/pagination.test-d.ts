import { describe, expectTypeOf, it } from 'vitest';
import { cursorPagination, paginate, type Paginated } from '../src/index.js';

interface Issue {
  id: string;
  title: string;
}
interface IssuePage {
  data: Issue[];
  nextCursor: string | null;
}
declare function listIssues(query: { cursor?: string; limit?: number }): Promise<IssuePage>;

describe('paginate types', () => {
  it('infers Page, Item and Params', () => {
    const listing = paginate({
      params: { limit: 50 } as { cursor?: string; limit?: number },
      fetchPage: listIssues,
      getItems: (page) => page.data,
      nextParams: cursorPagination(),
    });
    expectTypeOf(listing).toEqualTypeOf<Paginated<IssuePage, Issue, { cursor?: string; limit?: number }>>();
    expectTypeOf(listing).toMatchTypeOf<AsyncIterable<Issue>>();
    expectTypeOf(listing).toMatchTypeOf<PromiseLike<IssuePage>>();
    expectTypeOf(listing.firstPage()).resolves.toEqualTypeOf<IssuePage>();
    expectTypeOf(listing.pages()).toMatchTypeOf<AsyncIterable<IssuePage>>();
  });

  it('awaiting gives the page, for-await gives items', async () => {
    const listing = paginate({
      params: {},
      fetchPage: listIssues,
      getItems: (page) => page.data,
      nextParams: (page, params) => (page.nextCursor ? { ...params, cursor: page.nextCursor } : null),
    });
    const page = await listing;
    expectTypeOf(page).toEqualTypeOf<IssuePage>();
    for await (const issue of listing) expectTypeOf(issue).toEqualTypeOf<Issue>();
  });

  it('rejects nextParams returning the wrong shape', () => {
    paginate({
      params: { limit: 1 },
      fetchPage: async (params: { limit: number }) => ({ items: [params.limit] }),
      getItems: (page) => page.items,
      // @ts-expect-error limit must be a number
      nextParams: () => ({ limit: 'two' }),
    });
  });
});
