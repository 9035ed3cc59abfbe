import { cursorPagination, paginate, type Paginated } from '@apiforge/client-core';

/**
 * `await list()` is the first page, `for await (const x of list())` every item
 * across pages, `list().pages()` page by page; nothing is requested until one
 * of them is used. Field names come from the spec's x-pagination.
 */
export type PageIterator<Page, Item, Params> = Paginated<Page, Item, Params>;

/** An operation's x-pagination, as the generated spec meta carries it. */
export interface CursorPaginationMeta {
  readonly cursorParam: string;
  readonly nextCursorField: string;
  readonly itemsField: string;
}

export function paginateOperation<Page extends object, Item, Params extends object>(
  pagination: CursorPaginationMeta,
  params: Params,
  fetchPage: (params: Params) => Promise<Page>,
): PageIterator<Page, Item, Params> {
  const { cursorParam, nextCursorField, itemsField } = pagination;
  return paginate<Page, Item, Params>({
    params,
    fetchPage,
    getItems: (page) => (page as Record<string, unknown>)[itemsField] as readonly Item[],
    nextParams: cursorPagination<Page, Params>({ cursorParam, cursorField: nextCursorField }),
  });
}
