import { randomUUID } from 'node:crypto';
import type { ApiProfile } from '../profiles/types.js';
import type { ApiModel, Json, JsonObject, Operation } from '../spec.js';
import type { CaseDef, Outcome } from '../types.js';
import { baseNeeds, bodyFieldInvalidExpectation, credentialFor, expectDocumented, expectSuccess, goodToken, itemsOf } from './common.js';
import { invalidCases } from './limits.js';

const UNKNOWN = 'contract_unknown_value';

/** The request layer compresses the body for these codings, as HTTP requires. */
function sendsCompressedBody(header: string, value: Json): boolean {
  return header.toLowerCase() === 'content-encoding' && ['gzip', 'deflate', 'br'].includes(String(value).toLowerCase());
}

/** The body with one field set; an NDJSON body (an array of lines) gets it on every line. */
function withField(body: Json | undefined, field: string, value: Json): Json {
  if (Array.isArray(body)) return body.map((line) => ({ ...(line as JsonObject), [field]: value }));
  return { ...(body as JsonObject), [field]: value };
}

/**
 * A body that differs from one already sent must not reuse its idempotency key (x-idempotency-key):
 * the API would rightly take it for a conflicting repeat. Key fields get fresh values of their type.
 */
function withFreshKey(op: Operation, body: Json): Json {
  if (!op.idempotencyKey?.length || body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const copy = structuredClone(body) as JsonObject;
  for (const path of op.idempotencyKey) {
    const parts = path.split('.');
    let holder: JsonObject | undefined = copy;
    for (const part of parts.slice(0, -1)) holder = holder?.[part] as JsonObject | undefined;
    const last = parts.at(-1)!;
    if (!holder || typeof holder !== 'object') continue;
    const current = holder[last];
    holder[last] = typeof current === 'number' ? 1_000_000 + Math.floor(Math.random() * 1_000_000_000) : `contract-${randomUUID()}`;
  }
  return copy;
}

/** Top-level request-body fields with an enum, with their raw (un-dereferenced) schema. */
function bodyEnumFields(model: ApiModel, op: Operation): Array<{ field: string; values: Json[]; raw: JsonObject }> {
  const media = op.requestBody?.content.find((c) => /json/.test(c.mediaType));
  if (!media?.schemaPointer) return [];
  const schema = model.deref(model.at(media.schemaPointer)) as JsonObject;
  const properties = (schema.properties ?? {}) as Record<string, JsonObject>;
  return Object.entries(properties).flatMap(([field, raw]) => {
    const values = (model.deref(raw) as JsonObject).enum;
    return Array.isArray(values) ? [{ field, values, raw }] : [];
  });
}

export function deriveEnums(model: ApiModel, _profile: ApiProfile): CaseDef[] {
  const cases: CaseDef[] = [];
  for (const op of model.operations) {
    const group = `enums:${op.id}`;
    for (const param of op.parameters) {
      const values = param.schema.enum;
      if (!Array.isArray(values) || (param.in !== 'query' && param.in !== 'header')) continue;
      for (const value of values) {
        const send = async (ctx: Parameters<CaseDef['run']>[0]) => {
          const token = goodToken(ctx, op);
          const request = await ctx.safeRequest(op, token);
          const placed =
            param.in === 'query'
              ? { query: { ...(request.query ?? {}), [param.name]: String(value) } }
              : { headers: { ...(request.headers ?? {}), [param.name]: String(value) } };
          return ctx.send(op, { ...request, ...placed, auth: credentialFor(ctx, op, token) });
        };
        cases.push({
          kind: 'enums',
          name: `${op.id}: ${param.name}=${String(value)} is accepted`,
          operationId: op.id,
          needs: [...baseNeeds(op), ...(sendsCompressedBody(param.name, value) ? (['compressed-bodies'] as const) : [])],
          group,
          run: async (ctx) => expectSuccess(await send(ctx)),
        });
        if (param.in === 'query' && op.pagination) {
          cases.push({
            kind: 'enums',
            name: `${op.id}: ${param.name}=${String(value)} returns only matching ${op.pagination.itemsField}`,
            operationId: op.id,
            needs: [...baseNeeds(op), 'real-data'],
            group,
            async run(ctx): Promise<Outcome> {
              const exchange = await send(ctx);
              const ok = expectSuccess(exchange);
              if (ok.status !== 'passed') return ok;
              const wrong = itemsOf(op, exchange.json).filter((item) => item[param.name] !== value);
              if (wrong.length > 0) {
                return { status: 'failed', expected: `every item has ${param.name}=${String(value)}`, actual: `${wrong.length} items do not, e.g. ${JSON.stringify(wrong[0]).slice(0, 200)}` };
              }
              return { status: 'passed' };
            },
          });
        }
      }
      cases.push(...invalidCases(model, op, param, [{ label: 'an unknown value', value: UNKNOWN }], 'enums'));
    }

    for (const { field, values, raw } of bodyEnumFields(model, op)) {
      for (const value of values) {
        cases.push({
          kind: 'enums',
          name: `${op.id}: body ${field}=${JSON.stringify(value)} is accepted`,
          operationId: op.id,
          needs: baseNeeds(op),
          group,
          async run(ctx): Promise<Outcome> {
            const token = goodToken(ctx, op);
            const original = await ctx.safeRequest(op, token);
            const auth = credentialFor(ctx, op, token);
            const exchange = await ctx.send(op, { ...original, body: withFreshKey(op, withField(original.body, field, value)), auth });
            // The safe request carries the record's original values, so sending it again restores them.
            await ctx.send(op, { ...original, auth });
            const ok = expectSuccess(exchange);
            if (ok.status !== 'passed') return ok;
            const echoed = (exchange.json as JsonObject | undefined)?.[field];
            if (echoed !== undefined && ctx.target.lacks['real-data'] === undefined && echoed !== value) {
              return { status: 'failed', expected: `the answer shows ${field}=${JSON.stringify(value)}`, actual: `${field}=${JSON.stringify(echoed)}` };
            }
            return ok;
          },
        });
      }
      const expected = bodyFieldInvalidExpectation(model, op, raw);
      if (!expected) continue;
      cases.push({
        kind: 'enums',
        name: `${op.id}: body ${field}="${UNKNOWN}" → ${expected.status}${expected.example ? ` ${expected.example}` : ''}`,
        operationId: op.id,
        needs: baseNeeds(op),
        invalidValue: expected,
        group,
        async run(ctx) {
          const token = goodToken(ctx, op);
          const original = await ctx.safeRequest(op, token);
          const exchange = await ctx.send(op, { ...original, body: withFreshKey(op, withField(original.body, field, UNKNOWN)), auth: credentialFor(ctx, op, token) });
          return expectDocumented(ctx, op, exchange, expected);
        },
      });
    }
  }
  return cases;
}
