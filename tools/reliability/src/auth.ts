import { fitsScheme, placeToken, schemesOf, scopesOf, type Placed } from '@apiforge/contract';
import type { OperationInfo } from '@apiforge/sandbox/engine';
import type { LoadedApi } from './apis.js';

// The scheme helpers live with the request generators in @apiforge/contract, which serve both suites.
export { fitsScheme, placeToken, schemesOf, scopesOf, type Placed };
export type { SecuritySchemeInfo } from '@apiforge/contract';

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
