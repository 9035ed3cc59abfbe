import type { ApiProfile, TokenFixture } from '../profiles/types.js';
import { pageSizeParam, type ApiModel, type Json, type JsonObject, type Operation, type Parameter } from '../spec.js';
import type { CaseDef, Outcome, RunContext } from '../types.js';
import { covers, credentialFor, expectDocumented, goodToken, invalidExpectation, itemsOf, nextCursorOf, requiredScopes } from './common.js';

/** Walks stop after this many pages so a broken cursor cannot loop forever and the suite stays fast. */
const MAX_PAGES = 60;

interface Walk {
  items: JsonObject[];
  pages: number;
  problems: string[];
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

async function walk(
  ctx: RunContext,
  op: Operation,
  token: TokenFixture,
  query: Record<string, string>,
  limit: number | undefined,
  afterPage?: (page: number, items: JsonObject[]) => Promise<void>,
): Promise<Walk> {
  const pagination = op.pagination!;
  const limitParam = pageSizeParam(op);
  const base = await ctx.safeRequest(op, token);
  const items: JsonObject[] = [];
  const problems: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const q: Record<string, string> = { ...(base.query ?? {}), ...query };
    if (limitParam && limit !== undefined) q[limitParam.name] = String(limit);
    if (cursor !== null) q[pagination.cursorParam] = cursor;
    const exchange = await ctx.send(op, { ...base, query: q, auth: credentialFor(ctx, op, token) });
    pages++;
    if (exchange.status !== 200) {
      problems.push(`page ${pages}: status ${exchange.status} ${exchange.text.slice(0, 200)}`);
      break;
    }
    const page = itemsOf(op, exchange.json);
    const next = nextCursorOf(op, exchange.json);
    if (next === undefined) problems.push(`page ${pages}: ${pagination.nextCursorField} missing`);
    if (limit !== undefined && page.length > limit) problems.push(`page ${pages}: ${page.length} items for limit ${limit}`);
    if (limit !== undefined && next && page.length !== limit) problems.push(`page ${pages}: ${page.length} items for limit ${limit} but a next page exists`);
    if (next && page.length === 0) problems.push(`page ${pages}: empty page with a next cursor`);
    items.push(...page);
    cursor = next ?? null;
    if (afterPage) await afterPage(pages, items);
    if (pages >= MAX_PAGES && cursor !== null) {
      problems.push(`walk did not end after ${MAX_PAGES} pages`);
      break;
    }
  } while (cursor !== null);
  return { items, pages, problems };
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

function sameSequence(op: Operation, actual: JsonObject[], expected: JsonObject[]): string[] {
  const a = actual.map((i) => identity(op, i));
  const e = expected.map((i) => identity(op, i));
  const missing = e.filter((id) => !a.includes(id));
  const extra = a.filter((id) => !e.includes(id));
  const problems: string[] = [];
  if (missing.length) problems.push(`${missing.length} records skipped (e.g. ${missing.slice(0, 3).join(', ')})`);
  if (extra.length) problems.push(`${extra.length} records not in the reference walk (e.g. ${extra.slice(0, 3).join(', ')})`);
  if (!problems.length && a.join() !== e.join()) problems.push('same records as the reference walk but in another order');
  return problems;
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

export function deriveCursors(model: ApiModel, profile: ApiProfile): CaseDef[] {
  const cases: CaseDef[] = [];
  const paginated = model.operations.filter((op) => op.pagination?.strategy === 'cursor');
  for (const op of paginated) {
    const pagination = op.pagination!;
    const group = `cursors:${op.id}`;
    const add = (name: string, run: CaseDef['run'], extra: Partial<CaseDef> = {}) =>
      cases.push({ kind: 'cursors', name: `${op.id}: ${name}`, operationId: op.id, needs: ['real-data'], group, run, ...extra });
    const limitParam = pageSizeParam(op);
    const max = limitParam?.schema.maximum as number | undefined;
    const fallback = limitParam?.schema.default as number | undefined;
    const limits = [...new Set([max, fallback, 7, 3].filter((l): l is number => l !== undefined))];
    const cursorParam = op.parameters.find((p) => p.name === pagination.cursorParam) as Parameter;
    const invalid = invalidExpectation(model, op, cursorParam?.invalidResponse);
    const orderText = pagination.order.map((o) => `${o.field} ${o.direction}`).join(', ');

    for (const limit of limits) {
      add(`walk at limit ${limit} yields each record once, ordered ${orderText}, ending with ${pagination.nextCursorField} null`, async (ctx) => {
        const ref = await reference(ctx, op);
        const pagesNeeded = Math.ceil(ref.items.length / limit);
        if (pagesNeeded > MAX_PAGES) {
          return { status: 'na', reason: `not applicable: ${ref.items.length} records would take ${pagesNeeded} pages at limit ${limit}; walks are bounded to ${MAX_PAGES} pages` };
        }
        const result = limit === max ? ref : await walk(ctx, op, goodToken(ctx, op), {}, limit);
        const problems = [...result.problems, ...orderProblems(op, result.items)];
        if (limit !== max) problems.push(...sameSequence(op, result.items, ref.items));
        if (result.items.length === 0) problems.push('the collection is empty, nothing was walked');
        return verdict('every record exactly once in the documented order, the last page with a null cursor', problems, `${result.items.length} records in ${result.pages} pages`);
      });
    }

    for (const param of op.parameters.filter((p) => p.in === 'query' && Array.isArray(p.schema.enum))) {
      const values = param.schema.enum as Json[];
      add(`walks filtered by each ${param.name} partition the collection`, async (ctx) => {
        const ref = await reference(ctx, op);
        const union: JsonObject[] = [];
        const problems: string[] = [];
        for (const value of values) {
          const result = await walk(ctx, op, goodToken(ctx, op), { [param.name]: String(value) }, max);
          problems.push(...result.problems.map((p) => `${param.name}=${String(value)}: ${p}`));
          problems.push(...orderProblems(op, result.items).map((p) => `${param.name}=${String(value)}: ${p}`));
          const wrong = result.items.filter((i) => i[param.name] !== value);
          if (wrong.length) problems.push(`${param.name}=${String(value)}: ${wrong.length} records with another ${param.name}`);
          union.push(...result.items);
        }
        union.sort((a, b) => orderCompare(op, a, b));
        problems.push(...sameSequence(op, union, ref.items));
        return verdict(`the filtered walks together hold every record once`, problems, `${union.length} records over ${values.length} filters`);
      });

      if (invalid && values.length >= 2) {
        add(`cursor issued for ${param.name}=${String(values[0])} used with ${param.name}=${String(values[1])} → ${invalid.status}${invalid.example ? ` ${invalid.example}` : ''}`, async (ctx) => {
          const token = goodToken(ctx, op);
          const cursor = await firstCursor(ctx, op, token, { [param.name]: String(values[0]) });
          if (!cursor) return { status: 'na', reason: `not applicable: ${param.name}=${String(values[0])} has a single page` };
          const base = await ctx.safeRequest(op, token);
          const exchange = await ctx.send(op, {
            ...base,
            query: { ...(base.query ?? {}), [param.name]: String(values[1]), [pagination.cursorParam]: cursor },
            auth: credentialFor(ctx, op, token),
          });
          return expectDocumented(ctx, op, exchange, invalid);
        }, { invalidValue: invalid });
      }
    }

    if (!invalid) continue;
    const refused = (name: string, makeCursor: (ctx: RunContext, token: TokenFixture) => Promise<string | { na: string }>) =>
      add(`${name} → ${invalid.status}${invalid.example ? ` ${invalid.example}` : ''}`, async (ctx) => {
        const token = goodToken(ctx, op);
        const cursor = await makeCursor(ctx, token);
        if (typeof cursor !== 'string') return { status: 'na', reason: `not applicable: ${cursor.na}` };
        const base = await ctx.safeRequest(op, token);
        const exchange = await ctx.send(op, { ...base, query: { ...(base.query ?? {}), [pagination.cursorParam]: cursor }, auth: credentialFor(ctx, op, token) });
        return expectDocumented(ctx, op, exchange, invalid);
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
    const other = paginated.find((o) => o !== op);
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

/**
 * An update during a walk must neither duplicate nor skip records: walk, and after the second page
 * change one record already returned and one not yet returned through the API's write operation
 * on an enum field, then compare with the reference walk and restore both records.
 */
function midWalkUpdate(model: ApiModel, profile: ApiProfile, op: Operation): CaseDef[] {
  const param = Object.entries(profile.pathParams).find(([, src]) => src.operationId === op.id);
  if (!param) return [];
  const [paramName, source] = param;
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
