import type { ApiProfile } from '../profiles/types.js';
import type { ApiModel } from '../spec.js';
import type { CaseDef, Outcome } from '../types.js';
import { baseNeeds, covers, credentialFor, expectDocumented, goodToken, itemsOf, notFoundExpectation, requiredScopes, unusableCredentialAnswer } from './common.js';

/**
 * Tenant isolation: a record of another tenant, addressed by its real id with a home token, gets
 * the path parameter's documented "not found" answer; list pages of two tenants share no record.
 */
export function deriveIsolation(model: ApiModel, profile: ApiProfile): CaseDef[] {
  const cases: CaseDef[] = [];
  const foreignTenant = profile.tokens.find((t) => !t.revoked && t.tenant && t.tenant !== profile.homeTenant)?.tenant;
  if (!foreignTenant) return cases;
  for (const op of model.operations) {
    const names = (p: { name: string }) => profile.pathParams[p.name] !== undefined && 'tenant' in profile.pathParams[p.name]!;
    const param =
      op.parameters.find((p) => p.in === 'path' && profile.pathParams[p.name] && p.invalidResponse) ??
      op.parameters.find((p) => p.in === 'query' && p.required && names(p));
    if (param) {
      // A record id of another tenant is "not found"; a tenant named in the path or query refuses the request.
      const tenantPath = names(param);
      const notFound = tenantPath ? undefined : notFoundExpectation(model, op, param)!;
      const expected = tenantPath ? (profile.foreignTenant ?? unusableCredentialAnswer(profile, undefined)) : notFound!;
      cases.push({
        kind: 'isolation',
        name: `${op.id}: a ${foreignTenant} ${param.name} with a ${profile.homeTenant} token → ${expected.status}${expected.example ? ` ${expected.example}` : ''}`,
        operationId: op.id,
        needs: [...baseNeeds(op), 'real-data'],
        ...(notFound ? { invalidValue: notFound } : {}),
        group: `isolation:${op.id}`,
        async run(ctx) {
          const home = goodToken(ctx, op);
          const request = await ctx.safeRequest(op, goodToken(ctx, op, foreignTenant));
          // A record of the foreign tenant, asked for in the home tenant (a tenant query parameter names home).
          if (!tenantPath) for (const p of op.parameters) if (p.in === 'query' && names(p)) request.query = { ...request.query, [p.name]: home.tenant ?? profile.homeTenant };
          const exchange = await ctx.send(op, { ...request, auth: credentialFor(ctx, op, home) });
          return expectDocumented(ctx, op, exchange, expected);
        },
      });
    }
    if (op.pagination) {
      // Records are told apart by the list order's last field (its unique tie-break), e.g. id or event_id.
      const idField = op.pagination.order?.at(-1)?.field ?? 'id';
      const hasForeign = profile.tokens.some((t) => !t.revoked && t.tenant === foreignTenant && covers(t, requiredScopes(op)));
      if (!hasForeign) continue;
      cases.push({
        kind: 'isolation',
        name: `${op.id}: ${profile.homeTenant} and ${foreignTenant} pages share no record`,
        operationId: op.id,
        needs: ['real-data'],
        group: `isolation:${op.id}`,
        async run(ctx): Promise<Outcome> {
          const ids = async (tenant: string) => {
            const token = goodToken(ctx, op, tenant);
            const request = await ctx.safeRequest(op, token);
            const exchange = await ctx.send(op, { ...request, auth: credentialFor(ctx, op, token) });
            if (exchange.status !== 200) throw new Error(`${op.id} for ${tenant} answered ${exchange.status}`);
            return itemsOf(op, exchange.json).map((i) => String(i[idField]));
          };
          const mine = await ids(profile.homeTenant);
          const theirs = new Set(await ids(foreignTenant));
          const shared = mine.filter((id) => theirs.has(id));
          if (mine.length === 0 || theirs.size === 0) return { status: 'na', reason: 'not applicable: one tenant has no records' };
          if (shared.length) return { status: 'failed', expected: 'no shared records', actual: `${shared.length} shared, e.g. ${shared[0]}` };
          return { status: 'passed' };
        },
      });
    }
  }
  return cases;
}
