import type { Credential, OperationInfo, SpecIndex } from '@apiforge/sandbox/engine';

/** The engine does not export its scheme type by name; it is what the spec index maps scheme names to. */
export type SecuritySchemeInfo = SpecIndex['securitySchemes'] extends Map<string, infer S> ? S : never;
import type { LoadedApi } from './apis.js';

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

/** A live credential that can call the operation (right scheme, every scope), placed where its scheme says. */
export function authorizedFor(api: LoadedApi, op: OperationInfo, tenant?: string): { token: string; tenant: string; placed: Placed } | undefined {
  const scopes = scopesOf(op);
  if (op.security.length === 0) return { token: '', tenant: tenant ?? '', placed: { headers: {}, query: {} } };
  for (const scheme of schemesOf(api.spec, op)) {
    for (const [token, credential] of api.credentials) {
      if (credential.revoked || (tenant !== undefined && credential.org !== tenant)) continue;
      if (!fitsScheme(token, credential, scheme) || !scopes.every((s) => credential.scopes.includes(s))) continue;
      return { token, tenant: credential.org, placed: placeToken(scheme, token) };
    }
  }
  return undefined;
}

export function withQuery(path: string, query: Record<string, string | string[]>): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value]) parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(v)}`);
  }
  if (parts.length === 0) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${parts.join('&')}`;
}
