import type { RequestSpec } from '../http.js';
import type { ApiProfile, TokenFixture } from '../profiles/types.js';
import type { ApiModel, Operation, SecurityScheme } from '../spec.js';
import type { CaseDef, Capability, RunContext } from '../types.js';
import { baseNeeds, covers, expectDocumented, expectSuccess, kindOf, requiredScopes, schemeOfToken, unusableCredentialAnswer } from './common.js';

/** Which 401 example answers missing and invalid credentials for a scheme. */
function unauthorizedExamples(model: ApiModel, profile: ApiProfile, op: Operation, scheme: SecurityScheme) {
  const mapped = profile.authErrorExamples?.[scheme.name];
  if (mapped) return mapped;
  const media = model.response(op, 401)?.content.find((c) => /json/.test(c.mediaType));
  const only = media?.examples.length === 1 ? media.examples[0]!.name : undefined;
  if (!only) throw new Error(`${op.id}: 401 documents ${media?.examples.length ?? 0} examples; name the missing/invalid ones in the profile's authErrorExamples.${scheme.name}`);
  return { missing: only, invalid: only };
}

function withRaw(request: RequestSpec, headers: Record<string, string>): RequestSpec {
  return { ...request, auth: null, headers: { ...(request.headers ?? {}), ...headers } };
}

export function deriveAuth(model: ApiModel, profile: ApiProfile): CaseDef[] {
  const cases: CaseDef[] = [];
  for (const op of model.operations) {
    if (op.security.length === 0) continue;
    const group = `auth:${op.id}`;
    const add = (name: string, needs: Capability[], run: (ctx: RunContext) => ReturnType<CaseDef['run']>) =>
      cases.push({ kind: 'auth', name: `${op.id}: ${name}`, operationId: op.id, needs: [...baseNeeds(op), ...needs], group, run });
    const primary = op.security[0]!.scheme;
    const schemes = [...new Map(op.security.map((s) => [s.scheme.name, s.scheme])).values()];

    add('no credentials → 401', [], async (ctx) => {
      const request = await ctx.safeRequest(op, null);
      const exchange = await ctx.send(op, { ...request, auth: null });
      return expectDocumented(ctx, op, exchange, { status: 401, example: unauthorizedExamples(model, profile, op, primary).missing });
    });

    for (const scheme of schemes) {
      const { invalid } = unauthorizedExamples(model, profile, op, scheme);
      const unusable = unusableCredentialAnswer(profile, invalid);
      const unusableLabel = `${unusable.status}`;
      const kind = kindOf(scheme);
      const own = profile.tokens.filter((t) => { const s = schemeOfToken(model, t); return s !== undefined && kindOf(s) === kind; });
      const sample = own.find((t) => !t.revoked && t.tenant === profile.homeTenant);

      // Malformed credentials: the value is fine but the way it is sent is not.
      const malformed: Array<[string, (value: string) => Record<string, string>]> =
        scheme.type === 'http'
          ? [
              ['Authorization with another scheme (Basic)', (v) => ({ Authorization: `Basic ${v}` })],
              ['Authorization "Bearer" with no token', () => ({ Authorization: 'Bearer' })],
            ]
          : [];
      for (const [label, headers] of malformed) {
        add(`${label} → 401`, [], async (ctx) => {
          const request = await ctx.safeRequest(op, null);
          const exchange = await ctx.send(op, withRaw(request, headers(sample ? ctx.tokenValue(sample) : 'x')));
          return expectDocumented(ctx, op, exchange, { status: 401, example: invalid });
        });
      }

      // A scheme without prefixes (an opaque token) is checked with '' as its only "prefix".
      for (const prefix of scheme.prefixes.length > 0 ? scheme.prefixes : ['']) {
        const withPrefix = own.filter((t) => t.value.startsWith(prefix) && !t.revoked && t.tenant === profile.homeTenant);
        const token = withPrefix.find((t) => covers(t, requiredScopes(op))) ?? withPrefix[0];
        if (!token) {
          add(`${scheme.name} token with prefix ${prefix} is accepted`, [], async () => ({
            status: 'na',
            reason: `the ${profile.api} profile has no ${prefix} token`,
          }));
          continue;
        }
        const scoped = covers(token, requiredScopes(op));
        add(`${scheme.name} ${prefix} token (${token.name}) is accepted → ${scoped ? '2xx' : '403 (lacks scope)'}`, scoped ? [] : ['scopes'], async (ctx) => {
          const request = await ctx.safeRequest(op, token);
          const exchange = await ctx.send(op, { ...request, auth: { scheme, value: ctx.tokenValue(token) } });
          if (scoped) return expectSuccess(exchange, `a 2xx answer for a valid ${prefix} token`);
          return expectDocumented(ctx, op, exchange, { status: 403, example: profile.missingScopeExample ?? soleExample(model, op, 403) });
        });

        add(`${scheme.name} unknown token with prefix ${prefix} → ${unusableLabel}`, ['credential-values'], async (ctx) => {
          const request = await ctx.safeRequest(op, null);
          const exchange = await ctx.send(op, { ...request, auth: { scheme, value: `${prefix}contract_unknown_0000000000` } });
          return expectDocumented(ctx, op, exchange, unusable);
        });
      }

      if (scheme.prefixes.length > 0) {
        add(`${scheme.name} value without a documented prefix → ${unusableLabel}`, ['credential-values'], async (ctx) => {
          const request = await ctx.safeRequest(op, null);
          const exchange = await ctx.send(op, { ...request, auth: { scheme, value: 'contract_unprefixed_credential' } });
          return expectDocumented(ctx, op, exchange, unusable);
        });
      }

      for (const revoked of own.filter((t) => t.revoked)) {
        add(`${scheme.name} revoked token (${revoked.name}) → ${unusableLabel}`, ['credential-values'], async (ctx) => {
          const request = await ctx.safeRequest(op, null);
          const exchange = await ctx.send(op, { ...request, auth: { scheme, value: ctx.tokenValue(revoked) } });
          return expectDocumented(ctx, op, exchange, unusable);
        });
      }

      // A credential of another kind (e.g. an ingest key as a bearer token): one per foreign scheme.
      const foreignKinds = new Map<string, TokenFixture>();
      for (const t of profile.tokens) {
        const other = schemeOfToken(model, t);
        if (!other || t.revoked || schemes.some((s) => kindOf(s) === kindOf(other))) continue;
        if (!foreignKinds.has(kindOf(other))) foreignKinds.set(kindOf(other), t);
      }
      for (const wrong of foreignKinds.values()) {
        add(`${scheme.name} token of the wrong kind (${wrong.name}) → ${unusableLabel}`, ['credential-values'], async (ctx) => {
          const request = await ctx.safeRequest(op, null);
          const exchange = await ctx.send(op, { ...request, auth: { scheme, value: ctx.tokenValue(wrong) } });
          return expectDocumented(ctx, op, exchange, unusable);
        });
      }
    }
  }
  return cases;
}

export function soleExample(model: ApiModel, op: Operation, status: number): string | undefined {
  const media = model.response(op, status)?.content.find((c) => /json/.test(c.mediaType));
  return media?.examples.length === 1 ? media.examples[0]!.name : undefined;
}
