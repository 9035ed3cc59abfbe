import type { Credential, OperationInfo, SpecIndex } from '@apiforge/sandbox/engine';

/** The engine does not export its scheme type by name; it is what the spec index maps scheme names to. */
export type SecuritySchemeInfo = SpecIndex['securitySchemes'] extends Map<string, infer S> ? S : never;

/** The security schemes an operation accepts, in the spec's order. */
export function schemesOf(spec: SpecIndex, op: OperationInfo): SecuritySchemeInfo[] {
  const names = op.security.flatMap((requirement) => Object.keys(requirement));
  return names.map((name) => spec.securitySchemes.get(name)).filter((s): s is SecuritySchemeInfo => s !== undefined);
}

/** The scopes an operation requires (union over its requirements; our specs list one alternative per scheme). */
export function scopesOf(op: OperationInfo): string[] {
  return [...new Set(op.security.flatMap((requirement) => Object.values(requirement).flat()))];
}

/** Does this credential fit the scheme: its documented prefix, and the schemes the fixture is bound to? */
export function fitsScheme(token: string, credential: Credential, scheme: SecuritySchemeInfo): boolean {
  if (credential.schemes && !credential.schemes.includes(scheme.name)) return false;
  return !scheme.tokenPrefixes || scheme.tokenPrefixes.some((prefix: string) => token.startsWith(prefix));
}

export interface Placed {
  headers: Record<string, string>;
  query: Record<string, string>;
}

/** Where a token goes for a scheme: `Authorization: Bearer`, an API-key header or an API-key query parameter. */
export function placeToken(scheme: SecuritySchemeInfo, token: string): Placed {
  if (scheme.type === 'http' && scheme.scheme === 'bearer') return { headers: { authorization: `Bearer ${token}` }, query: {} };
  if (scheme.type === 'apiKey' && scheme.keyName) {
    if (scheme.in === 'query') return { headers: {}, query: { [scheme.keyName]: token } };
    return { headers: { [scheme.keyName.toLowerCase()]: token }, query: {} };
  }
  return { headers: {}, query: {} };
}
