import { randomUUID } from 'node:crypto';
import type { ApiProfile } from '../profiles/types.js';
import type { ApiModel, Json, JsonObject, MediaSpec, Operation } from '../spec.js';
import type { CaseDef, Capability, Outcome, RunContext } from '../types.js';
import { baseNeeds, credentialFor, expectDocumented, expectSuccess, goodToken } from './common.js';

/** `count` copies of the spec's line example, each with a fresh value of the dedupe field (when the API has one). */
function lines(op: Operation, media: MediaSpec, count: number): Json[] {
  const example = media.examples[0]?.value;
  if (!example || typeof example !== 'object' || Array.isArray(example)) throw new Error(`${op.id}: the NDJSON media type has no object line example`);
  return Array.from({ length: count }, () => (op.dedupeField ? { ...(example as JsonObject), [op.dedupeField]: randomUUID() } : example));
}

async function recordCount(ctx: RunContext, tenant: string): Promise<number> {
  const source = ctx.profile.recordCount;
  if (!source || !ctx.target.controlUrl) throw new Error('no record-count control route');
  const response = await fetch(`${ctx.target.controlUrl}${source.path}`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`${source.path} answered ${response.status}`);
  return source.count(await response.json(), tenant);
}

/**
 * NDJSON request bodies (`x-ndjson`): exactly maxItems lines are accepted (also gzip-compressed),
 * maxItems + 1 and a line that is not JSON get the documented 400s, and re-sending lines with the same
 * `x-dedupe-field` values stores nothing new (counted through the sandbox's control route).
 */
export function deriveNdjson(model: ApiModel, profile: ApiProfile): CaseDef[] {
  const cases: CaseDef[] = [];
  for (const op of model.operations) {
    const media = op.requestBody?.content.find((c) => c.ndjson);
    if (!media?.ndjson) continue;
    const max = media.ndjson.maxItems;
    const group = `ndjson:${op.id}`;
    const add = (name: string, needs: Capability[], run: (ctx: RunContext) => Promise<Outcome>) =>
      cases.push({ kind: 'ndjson', name: `${op.id}: ${name}`, operationId: op.id, needs: [...baseNeeds(op), ...needs], group, run });
    const send = async (ctx: RunContext, body: Json[], headers: Record<string, string> = {}) => {
      const token = goodToken(ctx, op);
      const request = await ctx.safeRequest(op, token);
      return ctx.send(op, { ...request, body, headers: { ...request.headers, ...headers }, auth: credentialFor(ctx, op, token) });
    };

    if (max !== undefined) {
      add(`${max} lines (the x-ndjson maxItems) → 2xx`, [], async (ctx) => expectSuccess(await send(ctx, lines(op, media, max))));
      add(`${max} gzip-compressed lines → 2xx`, ['compressed-bodies'], async (ctx) =>
        expectSuccess(await send(ctx, lines(op, media, max), { 'Content-Encoding': 'gzip' })),
      );
      if (profile.ndjson) {
        const example = profile.ndjson.tooManyExample;
        add(`${max + 1} lines → 400 ${example}`, [], async (ctx) => expectDocumented(ctx, op, await send(ctx, lines(op, media, max + 1)), { status: 400, example }));
      }
    }
    if (profile.ndjson) {
      const example = profile.ndjson.invalidLineExample;
      add(`two valid lines and one that is not an object of the line schema → 400 ${example} (the whole batch)`, [], async (ctx) =>
        expectDocumented(ctx, op, await send(ctx, [...lines(op, media, 2), 'not an event']), { status: 400, example }),
      );
    }
    if (op.dedupeField && profile.recordCount) {
      add(`re-sent lines with the same ${op.dedupeField} are stored once`, ['record-counts'], async (ctx) => {
        const tenant = goodToken(ctx, op).tenant ?? profile.homeTenant;
        const batch = lines(op, media, Math.min(max ?? 10, 10));
        const before = await recordCount(ctx, tenant);
        const first = await send(ctx, batch);
        if (first.status < 200 || first.status >= 300) return expectSuccess(first);
        const afterFirst = await recordCount(ctx, tenant);
        const again = await send(ctx, batch);
        if (again.status < 200 || again.status >= 300) return expectSuccess(again, 'a 2xx answer to the re-sent batch');
        const afterAgain = await recordCount(ctx, tenant);
        if (afterFirst - before !== batch.length || afterAgain !== afterFirst) {
          return {
            status: 'failed',
            expected: `+${batch.length} records, then +0 for the re-sent batch`,
            actual: `+${afterFirst - before}, then +${afterAgain - afterFirst}`,
          };
        }
        return { status: 'passed' };
      });
    }
  }
  return cases;
}
