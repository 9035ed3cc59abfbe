import type { ApiPromise, WithResponse } from './api-promise.js';

/**
 * Generic auto-pagination. `paginate(...)` returns a lazy object that is
 * - PromiseLike<Page>: `await list()` gives the first page,
 * - AsyncIterable<Item>: `for await (const item of list())` walks every page,
 * - `.pages()`: AsyncIterable<Page>, `.firstPage()`: Promise<Page>.
 * No request is made until it is awaited or iterated, and the next page is only
 * fetched when the previous page's items are used up (an early `break` costs nothing).
 */

export interface PaginateOptions<Page, Item, Params> {
  /** Parameters of the first request. */
  params: Params;
  fetchPage(params: Params): Promise<Page>;
  getItems(page: Page): readonly Item[];
  /** Parameters of the next request, or null/undefined when `page` is the last one. */
  nextParams(page: Page, params: Params): Params | null | undefined;
}

export class Paginated<Page, Item, Params> implements AsyncIterable<Item>, PromiseLike<Page> {
  readonly #options: PaginateOptions<Page, Item, Params>;
  #first: Promise<Page> | undefined;

  constructor(options: PaginateOptions<Page, Item, Params>) {
    this.#options = options;
  }

  /** Fetched once, then shared by `then`, `pages()` and item iteration. */
  firstPage(): Promise<Page> {
    this.#first ??= this.#options.fetchPage(this.#options.params);
    return this.#first;
  }

  then<TResult1 = Page, TResult2 = never>(
    onfulfilled?: ((page: Page) => TResult1 | PromiseLike<TResult1>) | null,
    onrejected?: ((reason: unknown) => TResult2 | PromiseLike<TResult2>) | null,
  ): Promise<TResult1 | TResult2> {
    return this.firstPage().then(onfulfilled, onrejected);
  }

  /**
   * The first page with its response's status, headers and request id (the same request `await`
   * sends). Only for lists made by an API client, whose pages come from calls with `.withResponse()`.
   */
  withResponse(): Promise<WithResponse<Page>> {
    const first = this.firstPage() as Partial<ApiPromise<Page>>;
    if (typeof first.withResponse !== 'function') return Promise.reject(new TypeError('This list has no response to show: its pages do not come from an API client.'));
    return first.withResponse();
  }

  /** Every page, the first one included; the next one is fetched only when asked for. */
  async *pages(): AsyncGenerator<Page, void, undefined> {
    const { fetchPage, nextParams } = this.#options;
    let params: Params | null | undefined = this.#options.params;
    for (let page = await this.firstPage(); ; page = await fetchPage(params)) {
      yield page;
      params = nextParams(page, params);
      if (params == null) return;
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<Item, void, undefined> {
    return new ItemIterator(this, this.#options);
  }
}

/**
 * Hand-written iterator rather than an async generator: a generator pays a
 * queue round-trip per item, this one returns an already-resolved promise for
 * every item of a page in hand. Pages come from `pages()` (a generator is
 * fine there: one round-trip per page), so the cursor logic lives in one place.
 */
class ItemIterator<Page, Item, Params> implements AsyncIterator<Item, void, undefined> {
  #items: readonly Item[] = [];
  #index = 0;
  #done = false;
  readonly #pages: AsyncGenerator<Page, void, undefined>;
  readonly #getItems: (page: Page) => readonly Item[];

  constructor(source: Paginated<Page, Item, Params>, options: PaginateOptions<Page, Item, Params>) {
    this.#pages = source.pages();
    this.#getItems = options.getItems;
  }

  next(): Promise<IteratorResult<Item, void>> {
    if (this.#index < this.#items.length) {
      return Promise.resolve({ done: false, value: this.#items[this.#index++] as Item });
    }
    return this.#advance();
  }

  async #advance(): Promise<IteratorResult<Item, void>> {
    while (!this.#done) {
      const page = await this.#pages.next();
      if (page.done) break;
      this.#items = this.#getItems(page.value);
      this.#index = 0;
      if (this.#items.length > 0) return { done: false, value: this.#items[this.#index++] as Item };
    }
    this.#done = true;
    return { done: true, value: undefined };
  }

  return(): Promise<IteratorResult<Item, void>> {
    this.#done = true;
    this.#items = [];
    void this.#pages.return();
    return Promise.resolve({ done: true, value: undefined });
  }
}

export function paginate<Page, Item, Params>(options: PaginateOptions<Page, Item, Params>): Paginated<Page, Item, Params> {
  return new Paginated(options);
}

// ---- nextParams helpers for the strategies the repo's APIs use ----

type NextParams<Page, Params> = (page: Page, params: Params) => Params | null;

/** The value at a dotted path (`pagination.next_cursor`), or undefined. A plain name reads one property. */
export function fieldAt(value: unknown, path: string): unknown {
  let node = value;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** (a) Opaque cursor: the page's `nextCursor` / `next_cursor` (or `cursorField`, a dotted path) becomes the `cursor` param; null ends. */
export function cursorPagination<Page extends object, Params extends object>(
  options: { cursorParam?: string | null | undefined; cursorField?: string | null | undefined } = {},
): NextParams<Page, Params> {
  const cursorParam = options.cursorParam ?? 'cursor';
  return (page, params) => {
    const record = page as Record<string, unknown>;
    const cursor = options.cursorField ? fieldAt(record, options.cursorField) : (record.nextCursor ?? record.next_cursor);
    if (cursor === null || cursor === undefined || cursor === '') return null;
    // A server that repeats the cursor would otherwise loop forever.
    if ((params as Record<string, unknown>)[cursorParam] === cursor) return null;
    return { ...params, [cursorParam]: cursor };
  };
}

/**
 * (b) Page numbers from `firstPage` (default 1): next page while the page was not empty and either
 * `has_more` (or `hasMore`, or `hasMoreField`) is true or, with `totalField`, records remain beyond this
 * page (`limitParam` sizes the earlier pages; without it, this page's size does).
 */
export function pageNumberPagination<Page extends object, Item, Params extends object>(options: {
  getItems: (page: Page) => readonly Item[];
  pageParam?: string | null | undefined;
  firstPage?: number | null | undefined;
  hasMoreField?: string | null | undefined;
  totalField?: string | null | undefined;
  limitParam?: string | null | undefined;
}): NextParams<Page, Params> {
  const pageParam = options.pageParam ?? 'page';
  const firstPage = options.firstPage ?? 1;
  return (page, params) => {
    const record = page as Record<string, unknown>;
    const count = options.getItems(page).length;
    if (count === 0) return null;
    const current = Number((params as Record<string, unknown>)[pageParam] ?? firstPage);
    let hasMore: unknown;
    if (options.hasMoreField) hasMore = fieldAt(record, options.hasMoreField);
    else if (options.totalField) {
      const total = fieldAt(record, options.totalField);
      const size = Number((params as Record<string, unknown>)[options.limitParam ?? 'limit'] ?? count);
      hasMore = typeof total === 'number' && total > (current - firstPage) * size + count;
    } else hasMore = record.has_more ?? record.hasMore;
    if (hasMore !== true) return null;
    return { ...params, [pageParam]: current + 1 };
  };
}

/**
 * (c) `before` timestamp cursor: the last item's `created_at` becomes `before`.
 * Stops on an empty page, on `has_more: false`, on a page shorter than the
 * `limit` param, or when the timestamp does not move.
 */
export function beforeTimestampPagination<Page extends object, Item, Params extends object>(options: {
  getItems: (page: Page) => readonly Item[];
  timestampField?: string | null | undefined;
  beforeParam?: string | null | undefined;
  limitParam?: string | null | undefined;
  /** Dotted path of the has-more flag (e.g. `meta.has_more`); default `has_more` / `hasMore`. */
  hasMoreField?: string | null | undefined;
}): NextParams<Page, Params> {
  const timestampField = options.timestampField ?? 'created_at';
  const beforeParam = options.beforeParam ?? 'before';
  const limitParam = options.limitParam ?? 'limit';
  return (page, params) => {
    const items = options.getItems(page);
    const last = items[items.length - 1] as Record<string, unknown> | undefined;
    if (!last) return null;
    const record = page as Record<string, unknown>;
    const hasMore = options.hasMoreField ? fieldAt(record, options.hasMoreField) : (record.has_more ?? record.hasMore);
    if (hasMore === false) return null;
    const limit = (params as Record<string, unknown>)[limitParam];
    if (typeof limit === 'number' && items.length < limit) return null;
    const before = last[timestampField];
    if (before === undefined || before === null) return null;
    if ((params as Record<string, unknown>)[beforeParam] === before) return null;
    return { ...params, [beforeParam]: before };
  };
}

/** An operation's `x-pagination`, as @apiforge/client-gen writes it into spec-meta.gen.ts (absent fields null). */
export interface SpecPagination {
  readonly strategy: string;
  readonly itemsField: string;
  readonly cursorParam?: string | null;
  readonly nextCursorField?: string | null;
  readonly cursorFromItemField?: string | null;
  readonly pageParam?: string | null;
  readonly firstPage?: number | null;
  readonly limitParam?: string | null;
  readonly hasMoreField?: string | null;
  readonly totalField?: string | null;
}

/**
 * How an operation's `x-pagination` turns a page into the next page's params. One per strategy, so
 * generated code imports only the one its operation uses (operations.gen.ts writes it as `pages`).
 */
export type PageStrategy = (pagination: SpecPagination, getItems: (page: object) => readonly unknown[]) => NextParams<object, object>;

/** `cursor`: the next-cursor field becomes the cursor parameter. */
export const cursorPages: PageStrategy = (pagination) => cursorPagination({ cursorParam: pagination.cursorParam, cursorField: pagination.nextCursorField });

/** `before`: the last item's field becomes the cursor parameter. */
export const beforePages: PageStrategy = (pagination, getItems) =>
  beforeTimestampPagination({ ...pagination, getItems, timestampField: pagination.cursorFromItemField, beforeParam: pagination.cursorParam });

/** `page`: page numbers count up. */
export const pageNumberPages: PageStrategy = (pagination, getItems) =>
  pageNumberPagination({ ...pagination, getItems });

/** The strategy an `x-pagination` names. */
export function pageStrategyOf(pagination: SpecPagination): PageStrategy {
  const strategy = ({ cursor: cursorPages, before: beforePages, page: pageNumberPages } as Record<string, PageStrategy>)[pagination.strategy];
  if (!strategy) throw new Error(`Unknown x-pagination strategy ${JSON.stringify(pagination.strategy)}`);
  return strategy;
}

/**
 * Auto-pagination of one operation from its `x-pagination`: `cursor` follows the next-cursor field,
 * `before` sends the last item's field, `page` counts page numbers up. Every field may be a dotted path.
 */
export function paginateBySpec<Page extends object, Item, Params extends object>(
  pagination: SpecPagination,
  params: Params,
  fetchPage: (params: Params) => Promise<Page>,
): Paginated<Page, Item, Params> {
  return paginateWith(pageStrategyOf(pagination), pagination, params, fetchPage);
}

/** paginateBySpec with the strategy given: a bundle then carries that strategy only. */
export function paginateWith<Page extends object, Item, Params extends object>(
  pages: PageStrategy,
  pagination: SpecPagination,
  params: Params,
  fetchPage: (params: Params) => Promise<Page>,
): Paginated<Page, Item, Params> {
  const getItems = (page: Page): readonly Item[] => {
    const items = fieldAt(page, pagination.itemsField);
    return Array.isArray(items) ? (items as Item[]) : [];
  };
  const nextParams = pages(pagination, getItems as (page: object) => readonly unknown[]) as unknown as NextParams<Page, Params>;
  return paginate({ params, fetchPage, getItems, nextParams });
}
