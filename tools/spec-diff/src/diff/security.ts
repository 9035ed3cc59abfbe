import type { DiffContext } from './context.js';
import { canonical } from './json.js';
import { asArray, asObject, type JsonObject } from './resolve.js';

/** One way to authenticate: every listed scheme, each with the listed scopes. */
type Alternative = Map<string, Set<string>>;

/** The operation's security, falling back to the document's; no requirement means anonymous access. */
export function effectiveSecurity(root: JsonObject, operation: JsonObject): Alternative[] {
  const raw = operation.security !== undefined ? operation.security : root.security;
  return asArray(raw).map((requirement) => {
    const alternative: Alternative = new Map();
    for (const [scheme, scopes] of Object.entries(asObject(requirement))) {
      alternative.set(scheme, new Set(asArray(scopes).filter((s): s is string => typeof s === 'string')));
    }
    return alternative;
  });
}

function normalised(alternatives: Alternative[]): Alternative[] {
  // An empty list and a list holding `{}` both mean anonymous access is fine.
  return alternatives.length === 0 ? [new Map()] : alternatives;
}

/** True when credentials meeting `held` also meet `needed`. */
function satisfies(held: Alternative, needed: Alternative): boolean {
  for (const [scheme, scopes] of needed) {
    const heldScopes = held.get(scheme);
    if (!heldScopes) return false;
    for (const scope of scopes) if (!heldScopes.has(scope)) return false;
  }
  return true;
}

function formatAlternatives(alternatives: Alternative[]): string {
  const parts = alternatives.map((alternative) => {
    if (alternative.size === 0) return 'anonymous';
    return [...alternative].map(([scheme, scopes]) => (scopes.size ? `${scheme}[${[...scopes].join(', ')}]` : scheme)).join(' + ');
  });
  return parts.join(' | ');
}

function addedScopes(before: Alternative[], after: Alternative[]): string[] {
  const had = new Set(before.flatMap((alternative) => [...alternative.values()].flatMap((scopes) => [...scopes])));
  return [...new Set(after.flatMap((alternative) => [...alternative.values()].flatMap((scopes) => [...scopes])))].filter((scope) => !had.has(scope));
}

/**
 * Breaking when some caller who could authenticate before no longer can: a new scheme, a new
 * scope, or a dropped alternative. Otherwise any difference only relaxes access.
 */
export function diffSecurity(ctx: DiffContext, operation: string, before: Alternative[], after: Alternative[]): void {
  const was = normalised(before);
  const is = normalised(after);
  const key = (list: Alternative[]) => canonical(list.map((alternative) => Object.fromEntries([...alternative].map(([s, scopes]) => [s, [...scopes].sort()]))));
  if (key(was) === key(is)) return;
  const detail = `${formatAlternatives(was)} → ${formatAlternatives(is)}`;
  const stranded = was.filter((held) => !is.some((needed) => satisfies(held, needed)));
  if (stranded.length === 0) {
    ctx.emit('security-relaxed', 'non-breaking', [operation, 'security'], detail, 'Security requirements were relaxed; every caller that was allowed still is.');
    return;
  }
  const scopes = addedScopes(was, is);
  const anonymousLost = stranded.some((alternative) => alternative.size === 0);
  const why = anonymousLost
    ? 'authentication is now required'
    : scopes.length
      ? `newly required scope${scopes.length > 1 ? 's' : ''} ${scopes.join(', ')}`
      : 'changed security requirement';
  ctx.emit('security-tightened', 'breaking', [operation, 'security'], detail, `Callers authorised as ${formatAlternatives(stranded)} may now be refused (${why}).`);
}

/** Fields of a security scheme that decide how a caller must present credentials. */
function schemeShape(scheme: JsonObject): unknown {
  const flows = asObject(scheme.flows);
  return {
    type: scheme.type,
    scheme: typeof scheme.scheme === 'string' ? scheme.scheme.toLowerCase() : scheme.scheme,
    in: scheme.in,
    name: scheme.name,
    openIdConnectUrl: scheme.openIdConnectUrl,
    flows: Object.fromEntries(Object.entries(flows).map(([flow, value]) => {
      const { authorizationUrl, tokenUrl, refreshUrl } = asObject(value);
      return [flow, { authorizationUrl, tokenUrl, refreshUrl }];
    })),
  };
}

export function diffSecuritySchemes(ctx: DiffContext): void {
  const was = asObject(asObject(ctx.before.root.components).securitySchemes);
  const is = asObject(asObject(ctx.after.root.components).securitySchemes);
  for (const name of Object.keys(was)) {
    if (!(name in is)) continue;
    const before = ctx.before.resolve(was[name]);
    const after = ctx.after.resolve(is[name]);
    if (canonical(schemeShape(before)) === canonical(schemeShape(after))) continue;
    ctx.emit('security-scheme-changed', 'breaking', ['components', `securitySchemes.${name}`], 'changed',
      `Security scheme ${name} changed how credentials are obtained or sent (type, scheme, location, name or flow URLs); existing clients may fail to authenticate.`);
  }
}
