import type { Exchange, RequestSpec } from '../http.js';
import type { ApiProfile, TokenFixture } from '../profiles/types.js';
import type { ApiModel, Operation } from '../spec.js';
import type { CaseDef, Outcome, RunContext } from '../types.js';
import { NotApplicable } from '../types.js';
import { soleExample } from './auth.js';
import { baseNeeds, covers, credentialFor, expectDocumented, goodToken, requiredScopes, tokensFor } from './common.js';

interface Exhausted {
  limit: number;
  windowSeconds: number;
  rejected: Exchange;
  sentAt: number;
  problems: string[];
}

/** The limit a target with scaled-down limits enforces: the documented one times the scale, rounded up, at least 1. */
export function scaledLimit(documented: number, scale: number): number {
  return Math.max(1, Math.ceil(documented * scale));
}

async function exhaust(ctx: RunContext, op: Operation, token: TokenFixture): Promise<Exhausted> {
  const settings = ctx.target.rateLimited?.settings;
  if (!ctx.target.rateLimited || !settings) throw new NotApplicable('not applicable: the target has no rate-limited endpoint');
  await ctx.target.rateLimited.reset();
  const limit = scaledLimit(op.rateLimit!.limit, settings.scale);
  const request: RequestSpec = { ...(await ctx.safeRequest(op, token)), auth: credentialFor(ctx, op, token) };
  const problems: string[] = [];
  for (let i = 1; i <= limit; i++) {
    const ok = await ctx.sendRateLimited(op, request);
    if (ok.status < 200 || ok.status >= 300) problems.push(`request ${i} of ${limit} answered ${ok.status} before the limit was reached`);
  }
  const sentAt = Date.now();
  const rejected = await ctx.sendRateLimited(op, request);
  return { limit, windowSeconds: Math.ceil(settings.windowMs / 1000), rejected, sentAt, problems };
}

function headerNumber(exchange: Exchange, name: string): number | undefined {
  const raw = exchange.headers[name.toLowerCase()];
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : undefined;
}

export function deriveRateLimits(model: ApiModel, profile: ApiProfile): CaseDef[] {
  const cases: CaseDef[] = [];
  const groups = new Map<string, Operation>();
  for (const op of model.operations) if (op.rateLimit && !groups.has(op.rateLimit.group)) groups.set(op.rateLimit.group, op);
  for (const [group, op] of groups) {
    const rl = op.rateLimit!;
    const add = (name: string, run: CaseDef['run']) =>
      cases.push({ kind: 'rate-limits', name: `${group} (${op.id}, ${rl.limit}/${rl.windowSeconds}s per ${rl.per}): ${name}`, operationId: op.id, needs: [...baseNeeds(op), 'rate-limits'], group: `rate-limits:${group}`, run });

    // Only the rate-limit headers the 429 declares are checked (Lucent's ingest documents Retry-After alone).
    const declared = new Set(model.response(op, 429)?.headers.map((h) => h.name.toLowerCase()) ?? []);
    const headerList = ['Retry-After', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'].filter((h) => declared.has(h.toLowerCase()));
    const described = headerList.length === 4 ? 'Retry-After and X-RateLimit-*' : headerList.join(', ') || 'no rate-limit header';
    add(`the request after the limit gets 429 with ${described}`, async (ctx): Promise<Outcome> => {
      const run = await exhaust(ctx, op, goodToken(ctx, op));
      const documented = expectDocumented(ctx, op, run.rejected, { status: 429, example: soleExample(model, op, 429) });
      const problems = [...run.problems];
      if (documented.status === 'failed') problems.push(documented.actual);
      else {
        const now = Math.floor(run.sentAt / 1000);
        const limitHeader = headerNumber(run.rejected, 'X-RateLimit-Limit');
        const remaining = headerNumber(run.rejected, 'X-RateLimit-Remaining');
        const retryAfter = headerNumber(run.rejected, 'Retry-After');
        const reset = headerNumber(run.rejected, 'X-RateLimit-Reset');
        if (declared.has('x-ratelimit-limit') && limitHeader !== run.limit) problems.push(`X-RateLimit-Limit ${limitHeader} instead of ${run.limit}`);
        if (declared.has('x-ratelimit-remaining') && remaining !== 0) problems.push(`X-RateLimit-Remaining ${remaining} instead of 0`);
        if (declared.has('retry-after') && (retryAfter === undefined || retryAfter > run.windowSeconds + 1)) {
          problems.push(`Retry-After ${retryAfter} outside 0..${run.windowSeconds + 1} s`);
        }
        if (declared.has('x-ratelimit-reset') && (reset === undefined || reset < now - 1 || reset > now + run.windowSeconds + 1)) {
          problems.push(`X-RateLimit-Reset ${reset} is not a Unix time within the window (now ${now})`);
        }
      }
      if (problems.length) return { status: 'failed', expected: `${run.limit} requests served, then the documented 429 with consistent rate-limit headers`, actual: problems.join('; ') };
      return { status: 'passed', detail: `limit ${run.limit} (scaled)` };
    });

    add(`the limit is counted per ${rl.per}: another credential is still served`, async (ctx): Promise<Outcome> => {
      const first = goodToken(ctx, op);
      const second = tokensFor(model, profile.tokens, op).find((t) => t !== first && !t.revoked && t.tenant && covers(t, requiredScopes(op)));
      if (!second) return { status: 'na', reason: `not applicable: the ${profile.api} profile has a single credential for ${op.id}` };
      const run = await exhaust(ctx, op, first);
      if (run.rejected.status !== 429) return { status: 'failed', expected: '429 for the first credential', actual: `status ${run.rejected.status}` };
      const request = await ctx.safeRequest(op, second);
      const other = await ctx.sendRateLimited(op, { ...request, auth: credentialFor(ctx, op, second) });
      if (other.status >= 200 && other.status < 300) return { status: 'passed' };
      return { status: 'failed', expected: `${second.name} served while ${first.name} is limited`, actual: `status ${other.status}` };
    });

    add('after Retry-After the credential is served again', async (ctx): Promise<Outcome> => {
      const token = goodToken(ctx, op);
      const run = await exhaust(ctx, op, token);
      if (run.rejected.status !== 429) return { status: 'failed', expected: '429 once the limit is reached', actual: `status ${run.rejected.status}` };
      const retryAfter = Math.min(headerNumber(run.rejected, 'Retry-After') ?? run.windowSeconds, run.windowSeconds + 1);
      await new Promise((r) => setTimeout(r, retryAfter * 1000 + 250));
      const request = await ctx.safeRequest(op, token);
      const again = await ctx.sendRateLimited(op, { ...request, auth: credentialFor(ctx, op, token) });
      if (again.status >= 200 && again.status < 300) return { status: 'passed', detail: `waited ${retryAfter}s` };
      return { status: 'failed', expected: `served after waiting Retry-After (${retryAfter}s)`, actual: `status ${again.status}` };
    });
  }
  return cases;
}
