import type { CursorCodec } from './cursor.js';
import type { PaginationInfo } from './spec.js';

export type SortKey = readonly string[];

/** Sort order of one list operation, read from its `x-pagination.order`. */
export interface ListOrder {
  fields: readonly string[];
  directions: readonly (1 | -1)[];
  keyOf(record: Record<string, unknown>): string[];
  /** Negative when `a` comes first in the list. */
  compareKeys(a: SortKey, b: SortKey): number;
}

/**
 * `ignoreTieBreak` (fault `ordering`) keeps only the first order field, so records sharing it come
 * back in storage order and a cursor cannot tell them apart.
 */
export function listOrder(pagination: PaginationInfo, options: { ignoreTieBreak?: boolean } = {}): ListOrder {
  const order = options.ignoreTieBreak ? pagination.order.slice(0, 1) : pagination.order;
  const fields = order.map((o) => o.field);
  const directions = order.map((o) => (o.direction === 'desc' ? -1 : 1) as 1 | -1);
  return {
    fields,
    directions,
    keyOf: (record) => fields.map((f) => String(record[f])),
    compareKeys(a, b) {
      for (let i = 0; i < fields.length; i++) {
        const x = a[i]!;
        const y = b[i]!;
        if (x !== y) return (x < y ? -1 : 1) * directions[i]!;
      }
      return 0;
    },
  };
}

export interface PageRequest<T> {
  /** Every record of the list, already sorted by `order`. */
  sorted: readonly T[];
  order: ListOrder;
  limit: number;
  cursor: string | undefined;
  /** What the cursor is bound to: endpoint, filters, organization. */
  binding: string;
  codec: CursorCodec;
  matches?: (record: T) => boolean;
  keyOf?: (record: T) => SortKey;
}

export type PageResult<T> = { ok: true; items: T[]; nextCursor: string | null } | { ok: false };

/** First index whose key comes strictly after `position` in list order (binary search). */
function firstAfter<T>(sorted: readonly T[], position: SortKey, order: ListOrder, keyOf: (r: T) => SortKey): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (order.compareKeys(keyOf(sorted[mid]!), position) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Keyset pagination: a page starts after the last record of the previous one, so updates never shift it. */
export function paginate<T>(request: PageRequest<T>): PageResult<T> {
  const { sorted, order, limit, codec, binding, matches } = request;
  const keyOf = request.keyOf ?? ((r: T) => order.keyOf(r as Record<string, unknown>));
  let start = 0;
  if (request.cursor !== undefined) {
    const position = codec.decode(binding, request.cursor);
    if (!position || position.length !== order.fields.length) return { ok: false };
    start = firstAfter(sorted, position, order, keyOf);
  }
  const items: T[] = [];
  let index = start;
  for (; index < sorted.length && items.length < limit; index++) {
    const record = sorted[index]!;
    if (!matches || matches(record)) items.push(record);
  }
  let more = false;
  for (; index < sorted.length; index++) {
    if (!matches || matches(sorted[index]!)) {
      more = true;
      break;
    }
  }
  const last = items[items.length - 1];
  return { ok: true, items, nextCursor: more && last ? codec.encode(binding, keyOf(last)) : null };
}
