import type { ApiProfile } from '../profiles/types.js';
import type { ApiModel } from '../spec.js';
import type { CaseDef } from '../types.js';
import { soleExample } from './auth.js';
import { baseNeeds, covers, credentialFor, expectDocumented, expectSuccess, requiredScopes, tokensFor } from './common.js';

/** Every home-tenant token against every scoped operation: lacking the scope → 403, holding it → success. */
export function deriveScopes(model: ApiModel, profile: ApiProfile): CaseDef[] {
  const cases: CaseDef[] = [];
  for (const op of model.operations) {
    const scopes = requiredScopes(op);
    if (scopes.length === 0) continue;
    const tokens = tokensFor(model, profile.tokens, op).filter((t) => !t.revoked && t.tenant === profile.homeTenant);
    for (const token of tokens) {
      const allowed = covers(token, scopes);
      const label = `[${token.scopes.join(', ') || 'no scopes'}]`;
      cases.push({
        kind: 'scopes',
        name: `${op.id}: ${token.name} ${label} ${allowed ? 'holds' : 'lacks'} ${scopes.join(', ')} → ${allowed ? '2xx' : '403'}`,
        operationId: op.id,
        needs: [...baseNeeds(op), ...(allowed ? [] : (['scopes'] as const))],
        group: `scopes:${op.id}`,
        async run(ctx) {
          const request = await ctx.safeRequest(op, token);
          const exchange = await ctx.send(op, { ...request, auth: credentialFor(ctx, op, token) });
          if (allowed) return expectSuccess(exchange, `a 2xx answer for a token holding ${scopes.join(', ')}`);
          return expectDocumented(ctx, op, exchange, { status: 403, example: profile.missingScopeExample ?? soleExample(model, op, 403) });
        },
      });
    }
  }
  return cases;
}
