import type { ApiProfile, TokenFixture } from '../profiles/types.js';
import { pageSizeParam, type ApiModel, type Json, type JsonObject, type Operation } from '../spec.js';
import type { CaseDef, Outcome, RunContext } from '../types.js';
import { covers, credentialFor, expectDocumented, fail, goodToken, hasMoreOf, invalidExpectation, itemsOf, nextCursorOf, requiredScopes } from './common.js';

/** Walks stop after this many pages so a broken cursor cannot loop forever and the suite stays fast. */
const MAX_PAGES = 60;

interface Walk {
  items: JsonObject[];
  pages: number;
  problems: string[];
  /** `before` walks: the values sent as `before`; records sharing one may fall between pages (strict `<`). */
  boundaries: Set<string>;
}

function identity(op: Operation, item: JsonObject): string {
  return item.id !== undefined ? String(item.id) : JSON.stringify(op.pagination!.order.map((o) => item[o.field]));
}

function compareValues(a: Json | undefined, b: Json | undefined): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  const isoDate = /^\d{4}-\d{2}-\d{2}T/;
  if (isoDate.test(sa) && isoDate.test(sb)) {
    const diff = Date.parse(sa) - Date.parse(sb);
    if (diff !== 0 || Number.isNaN(diff)) return diff;
  }
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Negative when `a` belongs before `b` in the documented order. */
function orderCompare(op: Operation, a: JsonObject, b: JsonObject): number {
  for (const { field, direction } of op.pagination!.order) {
    const c = compareValues(a[field], b[field]);
    if (c !== 0) return direction === 'desc' ? -c : c;
  }
  return 0;
}

function orderProblems(op: Operation, items: JsonObject[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const id = identity(op, item);
    if (seen.has(id)) problems.push(`record ${id} returned twice (position ${i})`);
    seen.add(id);
    const prev = items[i - 1];
    if (prev && orderCompare(op, prev, item) >= 0) {
      const fields = op.pagination!.order.map((o) => o.field);
      const show = (x: JsonObject) => JSON.stringify(Object.fromEntries(fields.map((f) => [f, x[f]])));
      problems.push(`position ${i}: ${show(prev)} then ${show(item)} breaks the documented order ${op.pagination!.order.map((o) => `${o.field} ${o.direction}`).join(', ')}`);
    }
  });
  return problems.slice(0, 5);
}

/** How a walk asks for the next page: a server cursor, an item's field as `before`, or a page number. */
export type WalkMode = 'cursor' | 'before' | 'page';

/** The walks an operation's `x-pagination` supports, its own strategy first. */
export function walkModes(op: Operation): WalkMode[] {
  const p = op.pagination;
  if (!p) return [];
  const modes: WalkMode[] = [];
  if (p.strategy === 'cursor' && p.cursorParam && p.nextCursorField) modes.push('cursor');
  if (p.strategy === 'before' && p.cursorParam && p.cursorFromItemField) modes.push('before');
  if (p.pageParam) modes.push('page');
  return modes;
}

async function walk(
  ctx: RunContext,
  op: Operation,
  token: TokenFixture,
  query: Record<string, string>,
  limit: number | undefined,
  afterPage?: (page: number, items: JsonObject[]) => Promise<void>,
  mode: WalkMode = walkModes(op)[0] ?? 'cursor',
): Promise<Walk> {
  const pagination = op.pagination!;
  const limitParam = pageSizeParam(op);
  const base = await ctx.safeRequest(op, token);
  const items: JsonObject[] = [];
  const problems: string[] = [];
  const boundaries = new Set<string>();
  let position: string | null = null;
  let pages = 0;
  for (;;) {
    const q: Record<string, string> = { ...(base.query ?? {}), ...query };
    if (limitParam && limit !== undefined) q[limitParam.name] = String(limit);
    if (mode === 'page') q[pagination.pageParam!] = String((pagination.firstPage ?? 1) + pages);
    else if (position !== null) q[pagination.cursorParam!] = position;
    const exchange = await ctx.send(op, { ...base, query: q, auth: credentialFor(ctx, op, token) });
    pages++;
    if (exchange.status !== 200) {
      problems.push(`page ${pages}: status ${exchange.status} ${exchange.text.slice(0, 200)}`);
      break;
    }
    const page = itemsOf(op, exchange.json);
    const more = hasMoreOf(op, exchange.json, items.length);
    if (mode === 'cursor' && nextCursorOf(op, exchange.json) === undefined) problems.push(`page ${pages}: ${pagination.nextCursorField} missing`);
    if (limit !== undefined && page.length > limit) problems.push(`page ${pages}: ${page.length} items for limit ${limit}`);
    if (limit !== undefined && more && page.length !== limit) problems.push(`page ${pages}: ${page.length} items for limit ${limit} but a next page exists`);
    if (more && page.length === 0) problems.push(`page ${pages}: empty page reported as having a next page`);
    items.push(...page);
    if (afterPage) await afterPage(pages, items);
    const last = page[page.length - 1];
    if (mode === 'cursor') position = nextCursorOf(op, exchange.json) ?? null;
    else if (mode === 'before') position = last ? String(last[pagination.cursorFromItemField!]) : null;
    // Without an end indicator, a walk by page or `before` ends at the first empty page.
    const done = mode === 'cursor' ? position === null : more === undefined ? page.length === 0 : !more || page.length === 0;
    if (done) break;
    if (mode === 'before' && position !== null) boundaries.add(position);
    if (pages >= MAX_PAGES) {
      problems.push(`walk did not end after ${MAX_PAGES} pages`);
      break;
    }
  }
  return { items, pages, problems, boundaries };
}

/** The full collection at the largest page size, walked once per run and shared by the other cases. */
async function reference(ctx: RunContext, op: Operation): Promise<Walk> {
  const key = `reference:${op.id}`;
  const cached = ctx.cache.get(key) as Walk | undefined;
  if (cached) return cached;
  const max = pageSizeParam(op)?.schema.maximum as number | undefined;
  const result = await walk(ctx, op, goodToken(ctx, op), {}, max);
  ctx.cache.set(key, result);
  return result;
}

/** Differences from the reference walk; `tolerated` records may be missing (documented gaps). */
function sameSequence(op: Operation, actual: JsonObject[], expected: JsonObject[], tolerated?: (item: JsonObject) => boolean): string[] {
  const a = actual.map((i) => identity(op, i));
  const present = new Set(a);
  const expectedHere = tolerated ? expected.filter((i) => present.has(identity(op, i)) || !tolerated(i)) : expected;
  const e = expectedHere.map((i) => identity(op, i));
  const missing = e.filter((id) => !present.has(id));
  const extra = a.filter((id) => !e.includes(id));
  const problems: string[] = [];
  if (missing.length) problems.push(`${missing.length} records skipped (e.g. ${missing.slice(0, 3).join(', ')})`);
  if (extra.length) problems.push(`${extra.length} records not in the reference walk (e.g. ${extra.slice(0, 3).join(', ')})`);
  if (!problems.length && a.join() !== e.join()) problems.push('same records as the reference walk but in another order');
  return problems;
}

/** In a `before` walk, records sharing the exact value sent as `before` may fall between pages. */
function boundaryTies(op: Operation, result: Walk): ((item: JsonObject) => boolean) | undefined {
  const field = op.pagination?.cursorFromItemField;
  if (!field || result.boundaries.size === 0) return undefined;
  return (item) => result.boundaries.has(String(item[field]));
}

function verdict(expected: string, problems: string[], detail: string): Outcome {
  return problems.length ? { status: 'failed', expected, actual: problems.join('; ') } : { status: 'passed', detail };
}

/** Edits a cursor: decoded-payload edit when it is base64 JSON (a forgery a naive server accepts), else one character. */
export function tamperCursor(cursor: string): string {
  const [payload, ...rest] = cursor.split('.');
  const url = /[-_]/.test(payload!) || !/=$/.test(payload!);
  try {
    const decoded = JSON.parse(Buffer.from(payload!, url ? 'base64url' : 'base64').toString('utf8')) as unknown;
    if (typeof decoded === 'object' && decoded !== null) {
      const obj = decoded as Record<string, unknown>;
      const key = Object.keys(obj).find((k) => typeof obj[k] === 'string');
      if (key) {
        const value = obj[key] as string;
        const last = value.slice(-1);
        obj[key] = value.slice(0, -1) + (last === '0' ? '1' : '0');
        let encoded = Buffer.from(JSON.stringify(obj)).toString(url ? 'base64url' : 'base64');
        if (url && payload!.endsWith('=')) encoded = encoded.padEnd(Math.ceil(encoded.length / 4) * 4, '=');
        return [encoded, ...rest].join('.');
      }
    }
  } catch {
    // Not base64 JSON: fall through to a character edit.
  }
  const mid = Math.floor(cursor.length / 2);
  const replacement = cursor[mid] === 'A' ? 'B' : 'A';
  return cursor.slice(0, mid) + replacement + cursor.slice(mid + 1);
}

function flipOneCharacter(cursor: string): string {
  const mid = Math.floor(cursor.length / 3);
  const replacement = cursor[mid] === 'Q' ? 'R' : 'Q';
  return cursor.slice(0, mid) + replacement + cursor.slice(mid + 1);
}

/** A first-page cursor at the smallest page size, or NotApplicable-style null. */
async function firstCursor(ctx: RunContext, op: Operation, token: TokenFixture, query: Record<string, string> = {}): Promise<string | null> {
  const limitParam = pageSizeParam(op);
  const base = await ctx.safeRequest(op, token);
  const q: Record<string, string> = { ...(base.query ?? {}), ...query };
  if (limitParam) q[limitParam.name] = String(limitParam.schema.minimum ?? 1);
  const exchange = await ctx.send(op, { ...base, query: q, auth: credentialFor(ctx, op, token) });
  return exchange.status === 200 ? (nextCursorOf(op, exchange.json) ?? null) : null;
}

function endText(op: Operation, mode: WalkMode): string {
  const p = op.pagination!;
  if (mode === 'cursor') return `${p.nextCursorField} null`;
  if (p.hasMoreField) return `${p.hasMoreField} false`;
  if (p.totalField) return `${p.totalField} records`;
  return 'an empty page';
}

export function deriveCursors(model: ApiModel, profile: ApiProfile): CaseDef[] {
  const cases: CaseDef[] = [];
  const paginated = model.operations.filter((op) => walkModes(op).length > 0);
  const cursorOps = paginated.filter((op) => walkModes(op).includes('cursor'));
  for (const op of paginated) {
    const pagination = op.pagination!;
    const modes = walkModes(op);
    const group = `cursors:${op.id}`;
    const add = (name: string, run: CaseDef['run'], extra: Partial<CaseDef> = {}) =>
      cases.push({ kind: 'cursors', name: `${op.id}: ${name}`, operationId: op.id, needs: ['real-data'], group, run, ...extra });
    const limitParam = pageSizeParam(op);
    const max = limitParam?.schema.maximum as number | undefined;
    const fallback = limitParam?.schema.default as number | undefined;
    const limits = [...new Set([max, fallback, 7, 3].filter((l): l is number => l !== undefined))];
    const cursorParam = op.parameters.find((p) => p.name === pagination.cursorParam);
    const invalid = invalidExpectation(model, op, cursorParam?.invalidResponse);
    const orderText = pagination.order.map((o) => `${o.field} ${o.direction}`).join(', ');

    for (const mode of modes) {
      const label = mode === modes[0] && mode === 'cursor' ? 'walk' : `${mode === 'page' ? pagination.pageParam : mode} walk`;
      for (const limit of limits) {
        add(`${label} at limit ${limit} yields each record once, ordered ${orderText}, ending with ${endText(op, mode)}`, async (ctx) => {
          const ref = await reference(ctx, op);
          const pagesNeeded = Math.ceil(ref.items.length / limit);
          if (pagesNeeded > MAX_PAGES) {
            return { status: 'na', reason: `not applicable: ${ref.items.length} records would take ${pagesNeeded} pages at limit ${limit}; walks are bounded to ${MAX_PAGES} pages` };
          }
          const isReference = limit === max && mode === modes[0];
          const result = isReference ? ref : await walk(ctx, op, goodToken(ctx, op), {}, limit, undefined, mode);
          const problems = [...result.problems, ...orderProblems(op, result.items)];
          if (!isReference) problems.push(...sameSequence(op, result.items, ref.items, boundaryTies(op, result)));
          if (result.items.length === 0) problems.push('the collection is empty, nothing was walked');
          return verdict('every record exactly once in the documented order, the last page marked as the end', problems, `${result.items.length} records in ${result.pages} pages`);
        });
      }
    }

    for (const param of op.parameters.filter((p) => p.in === 'query' && Array.isArray(p.schema.enum))) {
      const values = param.schema.enum as Json[];
      add(`walks filtered by each ${param.name} partition the collection`, async (ctx) => {
        const ref = await reference(ctx, op);
        const union: JsonObject[] = [];
        const problems: string[] = [];
        const ties: Array<(item: JsonObject) => boolean> = [];
        for (const value of values) {
          const result = await walk(ctx, op, goodToken(ctx, op), { [param.name]: String(value) }, max);
          problems.push(...result.problems.map((p) => `${param.name}=${String(value)}: ${p}`));
          problems.push(...orderProblems(op, result.items).map((p) => `${param.name}=${String(value)}: ${p}`));
          const wrong = result.items.filter((i) => i[param.name] !== value);
          if (wrong.length) problems.push(`${param.name}=${String(value)}: ${wrong.length} records with another ${param.name}`);
          union.push(...result.items);
          const tie = boundaryTies(op, result);
          if (tie) ties.push(tie);
        }
        union.sort((a, b) => orderCompare(op, a, b));
        problems.push(...sameSequence(op, union, ref.items, ties.length ? (item) => ties.some((t) => t(item)) : undefined));
        return verdict(`the filtered walks together hold every record once`, problems, `${union.length} records over ${values.length} filters`);
      });

      if (invalid && modes.includes('cursor') && values.length >= 2) {
        add(`cursor issued for ${param.name}=${String(values[0])} used with ${param.name}=${String(values[1])} → ${invalid.status}${invalid.example ? ` ${invalid.example}` : ''}`, async (ctx) => {
          const token = goodToken(ctx, op);
          const cursor = await firstCursor(ctx, op, token, { [param.name]: String(values[0]) });
          if (!cursor) return { status: 'na', reason: `not applicable: ${param.name}=${String(values[0])} has a single page` };
          const base = await ctx.safeRequest(op, token);
          const exchange = await ctx.send(op, {
            ...base,
            query: { ...(base.query ?? {}), [param.name]: String(values[1]), [pagination.cursorParam!]: cursor },
            auth: credentialFor(ctx, op, token),
          });
          return expectDocumented(ctx, op, exchange, { ...invalid, sent: cursor });
        }, { invalidValue: invalid });
      }
    }

    if (modes.includes('before')) cases.push(...beforeCases(model, op, add));
    if (modes.includes('page')) {
      add(`${pagination.pageParam} past the last page → 200 with no records and no next page`, async (ctx) => {
        const ref = await reference(ctx, op);
        const limit = (limitParam?.schema.maximum as number | undefined) ?? ref.items.length;
        const token = goodToken(ctx, op);
        const base = await ctx.safeRequest(op, token);
        const past = (pagination.firstPage ?? 1) + Math.ceil(ref.items.length / limit);
        const query = { ...(base.query ?? {}), [pagination.pageParam!]: String(past), ...(limitParam ? { [limitParam.name]: String(limit) } : {}) };
        const exchange = await ctx.send(op, { ...base, query, auth: credentialFor(ctx, op, token) });
        if (exchange.status !== 200) return fail(`200 for ${pagination.pageParam}=${past}`, `status ${exchange.status}: ${exchange.text.slice(0, 200)}`);
        const items = itemsOf(op, exchange.json);
        const more = hasMoreOf(op, exchange.json, ref.items.length);
        if (items.length > 0 || more === true) return fail('no records and no next page', `${items.length} records, more=${String(more)}`);
        return { status: 'passed', detail: `${pagination.pageParam}=${past}` };
      });
    }

    if (!invalid || !modes.includes('cursor')) continue;
    const refused = (name: string, makeCursor: (ctx: RunContext, token: TokenFixture) => Promise<string | { na: string }>) =>
      add(`${name} → ${invalid.status}${invalid.example ? ` ${invalid.example}` : ''}`, async (ctx) => {
        const token = goodToken(ctx, op);
        const cursor = await makeCursor(ctx, token);
        if (typeof cursor !== 'string') return { status: 'na', reason: `not applicable: ${cursor.na}` };
        const base = await ctx.safeRequest(op, token);
        const exchange = await ctx.send(op, { ...base, query: { ...(base.query ?? {}), [pagination.cursorParam!]: cursor }, auth: credentialFor(ctx, op, token) });
        return expectDocumented(ctx, op, exchange, { ...invalid, sent: cursor });
      }, { invalidValue: invalid });

    refused('tampered cursor (decoded payload edited and re-encoded)', async (ctx, token) => {
      const cursor = await firstCursor(ctx, op, token);
      return cursor ? tamperCursor(cursor) : { na: 'the collection has a single page' };
    });
    refused('tampered cursor (one character changed)', async (ctx, token) => {
      const cursor = await firstCursor(ctx, op, token);
      return cursor ? flipOneCharacter(cursor) : { na: 'the collection has a single page' };
    });
    refused('malformed cursor', async () => 'not-a-cursor!');
    const other = cursorOps.find((o) => o !== op);
    if (other) {
      refused(`cursor issued by ${other.id}`, async (ctx) => {
        const cursor = await firstCursor(ctx, other, goodToken(ctx, other));
        return cursor ?? { na: `${other.id} has a single page` };
      });
    }
    const foreign = profile.tokens.find((t) => !t.revoked && t.tenant && t.tenant !== profile.homeTenant && covers(t, requiredScopes(op)));
    if (foreign) {
      refused(`cursor issued to another tenant (${foreign.name})`, async (ctx) => {
        const cursor = await firstCursor(ctx, op, foreign);
        return cursor ?? { na: `${foreign.tenant} has a single page` };
      });
    }

    cases.push(...midWalkUpdate(model, profile, op));
  }
  return cases;
}

/** `before` pagination: the value is compared strictly, and a value that is not one is refused. */
function beforeCases(model: ApiModel, op: Operation, add: (name: string, run: CaseDef['run'], extra?: Partial<CaseDef>) => void): CaseDef[] {
  const pagination = op.pagination!;
  const field = pagination.cursorFromItemField!;
  const param = op.parameters.find((p) => p.name === pagination.cursorParam)!;
  add(`${param.name}=<a record's ${field}> returns only records with an earlier ${field}`, async (ctx) => {
    const ref = await reference(ctx, op);
    const pivot = ref.items[Math.floor(ref.items.length / 2)];
    if (!pivot) return { status: 'na', reason: 'not applicable: the collection is empty' };
    const token = goodToken(ctx, op);
    const base = await ctx.safeRequest(op, token);
    const limitParam = pageSizeParam(op);
    const query = { ...(base.query ?? {}), [param.name]: String(pivot[field]), ...(limitParam?.schema.maximum ? { [limitParam.name]: String(limitParam.schema.maximum) } : {}) };
    const exchange = await ctx.send(op, { ...base, query, auth: credentialFor(ctx, op, token) });
    if (exchange.status !== 200) return fail(`200 for ${param.name}=${String(pivot[field])}`, `status ${exchange.status}: ${exchange.text.slice(0, 200)}`);
    const items = itemsOf(op, exchange.json);
    const late = items.filter((i) => compareValues(i[field], pivot[field]) >= 0);
    const expectedCount = ref.items.filter((i) => compareValues(i[field], pivot[field]) < 0).length;
    const problems: string[] = [];
    if (late.length) problems.push(`${late.length} records with ${field} not before ${String(pivot[field])}, e.g. ${identity(op, late[0]!)}`);
    if (items.length === 0 && expectedCount > 0) problems.push('no records, though earlier ones exist');
    return verdict(`only records with ${field} < ${String(pivot[field])}`, problems, `${items.length} records`);
  });
  const expected = invalidExpectation(model, op, param.invalidResponse);
  if (expected && param.schema.format === 'date-time') {
    const value = 'contract-not-a-date';
    add(`${param.name}=${value} → ${expected.status}${expected.example ? ` ${expected.example}` : ''}`, async (ctx) => {
      const token = goodToken(ctx, op);
      const base = await ctx.safeRequest(op, token);
      const exchange = await ctx.send(op, { ...base, query: { ...(base.query ?? {}), [param.name]: value }, auth: credentialFor(ctx, op, token) });
      return expectDocumented(ctx, op, exchange, { ...expected, sent: value });
    }, { invalidValue: expected, needs: [] });
  }
  return [];
}

/**
 * An update during a walk must neither duplicate nor skip records: walk, and after the second page
 * change one record already returned and one not yet returned through the API's write operation
 * on an enum field, then compare with the reference walk and restore both records.
 */
function midWalkUpdate(model: ApiModel, profile: ApiProfile, op: Operation): CaseDef[] {
  const param = Object.entries(profile.pathParams).find(([, src]) => 'operationId' in src && src.operationId === op.id);
  if (!param || !('field' in param[1])) return [];
  const [paramName, source] = [param[0], param[1]];
  const write = model.operations.find(
    (w) => (w.method === 'PATCH' || w.method === 'PUT') && w.path.includes(`{${paramName}}`) && w.requestBody,
  );
  const media = write?.requestBody?.content.find((c) => /json/.test(c.mediaType));
  const schema = media?.schemaPointer ? (model.deref(model.at(media.schemaPointer)) as JsonObject) : undefined;
  const field = Object.entries((schema?.properties ?? {}) as Record<string, JsonObject>).find(([, s]) => Array.isArray((model.deref(s) as JsonObject).enum));
  if (!write || !field) return [];
  const [fieldName, fieldSchema] = field;
  const values = (model.deref(fieldSchema) as JsonObject).enum as Json[];
  return [
    {
      kind: 'cursors',
      name: `${op.id}: ${write.id} of ${fieldName} in the middle of a walk neither duplicates nor skips records`,
      operationId: op.id,
      needs: ['real-data', 'writes'],
      group: `cursors:${op.id}`,
      async run(ctx): Promise<Outcome> {
        const ref = await reference(ctx, op);
        const limitParam = pageSizeParam(op);
        const max = (limitParam?.schema.maximum as number | undefined) ?? 50;
        const limit = Math.max(1, Math.min(max, Math.ceil(ref.items.length / 8)));
        if (ref.items.length < limit * 3) return { status: 'na', reason: `not applicable: ${ref.items.length} records are too few for a three-page walk` };
        const writer = goodToken(ctx, write);
        const restores: Array<() => Promise<unknown>> = [];
        const change = async (item: JsonObject) => {
          const pathParams = { [paramName]: String(item[source.field]) };
          const current = await ctx.safeRequest(write, writer, pathParams);
          const currentValue = (current.body as JsonObject | undefined)?.[fieldName];
          const next = values.find((v) => v !== currentValue) ?? values[0];
          restores.push(() => ctx.send(write, { ...current, auth: credentialFor(ctx, write, writer) }));
          const exchange = await ctx.send(write, { ...current, body: { ...(current.body as JsonObject), [fieldName]: next as Json }, auth: credentialFor(ctx, write, writer) });
          if (exchange.status !== 200) throw new Error(`${write.id} answered ${exchange.status}: ${exchange.text.slice(0, 200)}`);
        };
        try {
          const result = await walk(ctx, op, goodToken(ctx, op), {}, limit, async (page, seen) => {
            if (page !== 2) return;
            await change(seen[0]!);
            await change(ref.items[Math.min(ref.items.length - 1, limit * 2 + Math.floor(limit / 2))]!);
          });
          const problems = [...result.problems, ...orderProblems(op, result.items), ...sameSequence(op, result.items, ref.items)];
          return verdict('the walk returns exactly the records of the reference walk, in order', problems, `${result.items.length} records in ${result.pages} pages at limit ${limit}`);
        } finally {
          for (const restore of restores) await restore();
        }
      },
    },
  ];
}
