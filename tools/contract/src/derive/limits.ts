import type { ApiProfile } from '../profiles/types.js';
import { boundedIntegerParams, pageSizeParam, type ApiModel, type Operation, type Parameter } from '../spec.js';
import type { CaseDef, Capability, Outcome, RunContext } from '../types.js';
import { baseNeeds, credentialFor, expectDocumented, expectSuccess, goodToken, hasMoreOf, invalidExpectation, itemsOf } from './common.js';

interface InvalidValue {
  label: string;
  value: string;
  needs?: Capability[];
}

/** The refused spellings of an integer parameter with bounds. */
function invalidValues(min: number | undefined, max: number | undefined): InvalidValue[] {
  const inRange = min ?? max ?? 1;
  const values: InvalidValue[] = [];
  if (min !== undefined) values.push({ label: 'min-1', value: String(min - 1) });
  if (max !== undefined) values.push({ label: 'max+1', value: String(max + 1) });
  values.push({ label: 'a float', value: `${inRange}.5` });
  values.push({ label: 'a negative', value: String(min !== undefined && min - 1 === -1 ? -5 : -1) });
  // 1e1 is 10: inside most ranges, so only a strict integer parser refuses it.
  values.push({ label: 'scientific notation', value: `${Math.max(1, Math.min(inRange, 9))}e1`, needs: ['strict-numbers'] });
  values.push({ label: 'a non-number', value: 'ten' });
  return values;
}

async function call(ctx: RunContext, op: Operation, query: Record<string, string>) {
  const token = goodToken(ctx, op);
  const request = await ctx.safeRequest(op, token);
  return ctx.send(op, { ...request, query: { ...(request.query ?? {}), ...query }, auth: credentialFor(ctx, op, token) });
}

/** On the page-size parameter: `size` items, or fewer only on the last page. */
function pageHonours(op: Operation, body: unknown, size: number): Outcome {
  const items = itemsOf(op, body as never);
  const more = hasMoreOf(op, body as never);
  if (items.length > size) return { status: 'failed', expected: `at most ${size} items`, actual: `${items.length} items` };
  if (more !== false && items.length !== size) {
    return { status: 'failed', expected: `${size} items on a page that has a next page`, actual: `${items.length} items, ${more === undefined ? 'no end-of-list indicator' : 'more pages reported'}` };
  }
  return { status: 'passed', detail: `${items.length} items` };
}

export function deriveLimits(model: ApiModel, _profile: ApiProfile): CaseDef[] {
  const cases: CaseDef[] = [];
  for (const op of model.operations) {
    const pageSize = pageSizeParam(op);
    for (const param of boundedIntegerParams(op)) {
      const min = param.schema.minimum as number | undefined;
      const max = param.schema.maximum as number | undefined;
      const fallback = param.schema.default as number | undefined;
      const isPageSize = param === pageSize;
      const group = `limits:${op.id}`;
      const add = (name: string, needs: Capability[], run: CaseDef['run'], extra: Partial<CaseDef> = {}) =>
        cases.push({ kind: 'limits', name: `${op.id}: ${param.name} ${name}`, operationId: op.id, needs: [...baseNeeds(op), ...needs], group, run, ...extra });

      add('omitted is accepted', [], async (ctx) => expectSuccess(await call(ctx, op, {})));
      if (isPageSize && fallback !== undefined) {
        add(`omitted → default page size ${fallback}`, ['real-data'], async (ctx) => {
          const exchange = await call(ctx, op, {});
          const ok = expectSuccess(exchange);
          return ok.status === 'passed' ? pageHonours(op, exchange.json, fallback) : ok;
        });
      }
      for (const [label, bound] of [['min', min], ['max', max]] as const) {
        if (bound === undefined) continue;
        add(`=${bound} (${label}) is accepted`, [], async (ctx) => expectSuccess(await call(ctx, op, { [param.name]: String(bound) })));
        if (isPageSize) {
          add(`=${bound} (${label}) → page size ${bound}`, ['real-data'], async (ctx) => {
            const exchange = await call(ctx, op, { [param.name]: String(bound) });
            const ok = expectSuccess(exchange);
            return ok.status === 'passed' ? pageHonours(op, exchange.json, bound) : ok;
          });
        }
      }
      cases.push(...invalidCases(model, op, param, invalidValues(min, max), 'limits'));
    }
  }
  return cases;
}

/** A refused value for a query parameter gets the parameter's documented invalid response. */
export function invalidCases(model: ApiModel, op: Operation, param: Parameter, values: InvalidValue[], kind: 'limits' | 'enums'): CaseDef[] {
  const expected = invalidExpectation(model, op, param.invalidResponse);
  if (!expected) return [];
  return values.map((v) => ({
    kind,
    name: `${op.id}: ${param.name}=${v.value} (${v.label}) → ${expected.status}${expected.example ? ` ${expected.example}` : ''}`,
    operationId: op.id,
    needs: [...baseNeeds(op), ...(v.needs ?? [])],
    invalidValue: expected,
    group: `${kind}:${op.id}`,
    async run(ctx) {
      const token = goodToken(ctx, op);
      const request = await ctx.safeRequest(op, token);
      const placed =
        param.in === 'query'
          ? { query: { ...(request.query ?? {}), [param.name]: v.value } }
          : param.in === 'header'
            ? { headers: { ...(request.headers ?? {}), [param.name]: v.value } }
            : { pathParams: { ...(request.pathParams ?? {}), [param.name]: v.value } };
      const exchange = await ctx.send(op, { ...request, ...placed, auth: credentialFor(ctx, op, token) });
      return expectDocumented(ctx, op, exchange, { ...expected, sent: v.value });
    },
  }));
}
