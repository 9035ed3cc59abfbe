import { cursorPagination, paginate, type Paginated } from '@apiforge/client-core';
import { OPERATION_META, type OperationId } from './generated/spec-meta.gen.js';

/**
 * `await list()` is the first page, `for await (const x of list())` every item
 * across pages, `list().pages()` page by page; nothing is requested until one
 * of them is used. Field names come from the spec's x-pagination.
 */
export type PageIterator<Page, Item, Params> = Paginated<Page, Item, Params>;

type PaginatedOperationId = {
  [Id in OperationId]: (typeof OPERATION_META)[Id]['pagination'] extends null ? never : Id;
}[OperationId];

export function paginateOperation<Page extends object, Item, Params extends object>(
  operationId: PaginatedOperationId,
  params: Params,
  fetchPage: (params: Params) => Promise<Page>,
): PageIterator<Page, Item, Params> {
  const { cursorParam, nextCursorField, itemsField } = OPERATION_META[operationId].pagination;
  return paginate<Page, Item, Params>({
    params,
    fetchPage,
    getItems: (page) => (page as Record<string, unknown>)[itemsField] as readonly Item[],
    nextParams: cursorPagination<Page, Params>({ cursorParam, cursorField: nextCursorField }),
  });
}
