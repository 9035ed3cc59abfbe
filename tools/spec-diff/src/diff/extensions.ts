// Changes to the x- extensions our own tools consume. The wire format may not change at all, yet the
// generated client, the sandbox and the contract suite behave differently: a token prefix removed makes
// the client refuse a key it accepted, a renamed cursor field breaks pagination. Each change is classified
// by what it breaks for someone who built on the previous spec.
import type { DiffContext } from './context.js';
import { canonical, formatValue } from './json.js';
import { asArray, asObject, isObject, type JsonObject } from './resolve.js';

const strings = (value: unknown): string[] => asArray(value).filter((v): v is string => typeof v === 'string');

/** x-token-prefixes of every security scheme: a prefix removed is refused by clients and the sandbox. */
export function diffSchemeExtensions(ctx: DiffContext): void {
  const was = asObject(asObject(ctx.before.root.components).securitySchemes);
  const is = asObject(asObject(ctx.after.root.components).securitySchemes);
  for (const name of Object.keys(was)) {
    if (!(name in is)) continue;
    const before = strings(ctx.before.resolve(was[name])['x-token-prefixes']);
    const after = strings(ctx.after.resolve(is[name])['x-token-prefixes']);
    const location = ['components', `securitySchemes.${name}`, 'x-token-prefixes'];
    const removed = before.filter((prefix) => !after.includes(prefix));
    const added = after.filter((prefix) => !before.includes(prefix));
    if (before.length > 0 && after.length === 0) {
      ctx.emit('extension-changed', 'non-breaking', location, `${before.join(', ')} → (any)`, `Security scheme ${name} no longer restricts token prefixes; clients and the sandbox accept any token.`);
      continue;
    }
    if (removed.length) {
      ctx.emit('extension-changed', 'breaking', location, `removed ${removed.join(', ')}`,
        `Tokens starting with ${removed.join(', ')} are no longer accepted for ${name}: generated clients refuse them before sending and the sandbox answers 401.`);
    }
    if (added.length && before.length > 0) {
      ctx.emit('extension-changed', 'non-breaking', location, `added ${added.join(', ')}`, `Tokens starting with ${added.join(', ')} are now accepted for ${name}.`);
    }
  }
}

const PAGINATION_FIELDS = ['strategy', 'cursorParam', 'nextCursorField', 'itemsField', 'pageParam', 'beforeParam', 'hasMoreField', 'limitParam'];

function numberAt(value: unknown, key: string): number | undefined {
  const n = asObject(value)[key];
  return typeof n === 'number' ? n : undefined;
}

/** Per-operation extensions: pagination, rate limits, idempotency, body limits and NDJSON limits. */
export function diffOperationExtensions(ctx: DiffContext, label: string, before: JsonObject, after: JsonObject): void {
  const pageBefore = before['x-pagination'];
  const pageAfter = after['x-pagination'];
  if (isObject(pageBefore) && !isObject(pageAfter)) {
    ctx.emit('extension-changed', 'breaking', [label, 'x-pagination'], 'removed', 'The operation is no longer paginated in the spec: generated clients lose their page iterator for it.');
  } else if (!isObject(pageBefore) && isObject(pageAfter)) {
    ctx.emit('extension-changed', 'non-breaking', [label, 'x-pagination'], 'added', 'The operation is now paginated: generated clients gain a page iterator for it.');
  } else if (isObject(pageBefore) && isObject(pageAfter)) {
    for (const field of PAGINATION_FIELDS) {
      if (pageBefore[field] === pageAfter[field]) continue;
      ctx.emit('extension-changed', 'breaking', [label, `x-pagination.${field}`], `${formatValue(pageBefore[field])} → ${formatValue(pageAfter[field])}`,
        `Pagination ${field} changed: clients built on the previous spec read the wrong field or send the wrong parameter, and their page walk stops or repeats.`);
    }
    if (canonical(pageBefore.order) !== canonical(pageAfter.order)) {
      ctx.emit('extension-changed', 'breaking', [label, 'x-pagination.order'], 'changed', 'The documented order of the list changed; callers relying on it (and cursors issued under it) see a different sequence.');
    }
  }

  const rateBefore = numberAt(before['x-rate-limit'], 'limit');
  const rateAfter = numberAt(after['x-rate-limit'], 'limit');
  const windowBefore = numberAt(before['x-rate-limit'], 'windowSeconds');
  const windowAfter = numberAt(after['x-rate-limit'], 'windowSeconds');
  if (rateBefore !== undefined && rateAfter !== undefined && windowBefore && windowAfter) {
    const perSecondBefore = rateBefore / windowBefore;
    const perSecondAfter = rateAfter / windowAfter;
    if (perSecondAfter < perSecondBefore) {
      ctx.emit('extension-changed', 'breaking', [label, 'x-rate-limit'], `${rateBefore}/${windowBefore}s → ${rateAfter}/${windowAfter}s`, 'The rate limit is lower: callers working at the previous limit now get 429s.');
    } else if (perSecondAfter > perSecondBefore || rateBefore !== rateAfter) {
      ctx.emit('extension-changed', 'non-breaking', [label, 'x-rate-limit'], `${rateBefore}/${windowBefore}s → ${rateAfter}/${windowAfter}s`, 'The rate limit changed without lowering throughput.');
    }
  } else if (isObject(before['x-rate-limit']) !== isObject(after['x-rate-limit'])) {
    ctx.emit('extension-changed', isObject(after['x-rate-limit']) ? 'breaking' : 'non-breaking', [label, 'x-rate-limit'], isObject(after['x-rate-limit']) ? 'added' : 'removed',
      isObject(after['x-rate-limit']) ? 'A rate limit now applies to the operation; callers may get 429s they never saw.' : 'The operation no longer states a rate limit.');
  }

  if (before['x-idempotent'] === true && after['x-idempotent'] !== true) {
    ctx.emit('extension-changed', 'breaking', [label, 'x-idempotent'], 'true → false', 'The operation is no longer idempotent: a client that retried it safely may now apply it twice.');
  } else if (before['x-idempotent'] !== true && after['x-idempotent'] === true) {
    ctx.emit('extension-changed', 'non-breaking', [label, 'x-idempotent'], 'false → true', 'The operation is now idempotent: clients may retry it.');
  }

  const bodyBefore = before['x-max-body-bytes'];
  const bodyAfter = after['x-max-body-bytes'];
  if (typeof bodyBefore === 'number' && typeof bodyAfter === 'number' && bodyBefore !== bodyAfter) {
    ctx.emit('extension-changed', bodyAfter < bodyBefore ? 'breaking' : 'non-breaking', [label, 'x-max-body-bytes'], `${bodyBefore} → ${bodyAfter}`,
      bodyAfter < bodyBefore ? 'The body limit is lower: bodies that were accepted now get 413.' : 'The body limit is higher.');
  }

  const ndjsonOf = (operation: JsonObject, side: 'before' | 'after') => {
    const body = isObject(operation.requestBody) ? ctx[side].resolve(operation.requestBody) : {};
    for (const media of Object.values(asObject(body.content))) {
      const x = asObject(media)['x-ndjson'];
      if (isObject(x)) return x;
    }
    return undefined;
  };
  const maxBefore = numberAt(ndjsonOf(before, 'before'), 'maxItems');
  const maxAfter = numberAt(ndjsonOf(after, 'after'), 'maxItems');
  if (maxBefore !== undefined && maxAfter !== undefined && maxBefore !== maxAfter) {
    ctx.emit('extension-changed', maxAfter < maxBefore ? 'breaking' : 'non-breaking', [label, 'x-ndjson.maxItems'], `${maxBefore} → ${maxAfter}`,
      maxAfter < maxBefore ? 'Fewer lines per upload are accepted: batchers that split at the previous maximum are refused.' : 'More lines per upload are accepted.');
  }

  // Provenance marks change no behaviour, but a reviewer must see an assumption appear or go.
  const mark = (operation: JsonObject) => (typeof operation['x-assumption'] === 'string' ? 'assumption' : operation['x-source'] !== undefined ? 'documented' : 'unmarked');
  if (mark(before) !== mark(after)) {
    ctx.emit('provenance-changed', 'docs-only', [label, 'provenance'], `${mark(before)} → ${mark(after)}`,
      mark(after) === 'assumption' ? 'The operation is now marked as our assumption.' : 'The operation is now backed by a vendor source.');
  }
}
