import type { IncomingHttpHeaders } from 'node:http';
import type { SecurityRequirement } from './openapi.js';
import type { SecuritySchemeInfo, SpecIndex } from './spec.js';

/** A fixture credential of the sandbox. */
export interface Credential {
  org: string;
  scopes: readonly string[];
  revoked?: boolean;
  /** Free text for docs and logs, e.g. "API key", "OAuth access token". */
  kind?: string;
  /**
   * Security schemes (by name) the credential belongs to. Needed when a scheme has no
   * `x-token-prefixes` to tell credentials apart (an opaque bearer token); unset = any scheme.
   */
  schemes?: readonly string[];
}

export interface Principal {
  token: string;
  org: string;
  scopes: ReadonlySet<string>;
  scheme: string;
}

export type AuthOutcome =
  | { ok: true; principal: Principal | undefined }
  | { ok: false; kind: 'unauthenticated'; reason: 'missing' | 'malformed' | 'invalid'; scheme: SecuritySchemeInfo }
  | { ok: false; kind: 'forbidden'; scope: string; principal: Principal };

interface Alternative {
  scheme: SecuritySchemeInfo;
  scopes: string[];
}

export interface Authenticator {
  /** `repeated`: header names (lowercased) the request sent more than once; a credential among them is malformed. */
  authenticate(
    headers: IncomingHttpHeaders,
    query: Record<string, string | string[] | undefined>,
    repeated?: ReadonlySet<string>,
  ): AuthOutcome;
}

/** RFC 9110 §11.1: the scheme name is case-insensitive and followed by one or more spaces. */
const BEARER = /^bearer +([^\s]+)$/i;

function presented(
  scheme: SecuritySchemeInfo,
  headers: IncomingHttpHeaders,
  query: Record<string, string | string[] | undefined>,
  repeated: ReadonlySet<string> | undefined,
): { value: string | undefined; wellFormed: boolean } | undefined {
  if (scheme.type === 'http' && scheme.scheme === 'bearer') {
    const header = headers.authorization;
    if (header === undefined) return undefined;
    // Node keeps the first of two Authorization headers and drops the other: two credentials are ambiguous.
    if (repeated?.has('authorization')) return { value: undefined, wellFormed: false };
    const match = BEARER.exec(header);
    return { value: match?.[1], wellFormed: match !== null };
  }
  if (scheme.type === 'apiKey' && scheme.keyName) {
    const raw = scheme.in === 'header' ? headers[scheme.keyName.toLowerCase()] : scheme.in === 'query' ? query[scheme.keyName] : undefined;
    if (raw === undefined) return undefined;
    if (Array.isArray(raw) || (scheme.in === 'header' && repeated?.has(scheme.keyName.toLowerCase()))) return { value: undefined, wellFormed: false };
    return { value: raw, wellFormed: raw.length > 0 };
  }
  return undefined;
}

/**
 * Authentication and scope checks read from the spec: the operation's security requirements, each
 * scheme's location and `x-token-prefixes`. Credentials come from the API module's fixtures.
 */
export function createAuthenticator(
  index: SpecIndex,
  security: SecurityRequirement[],
  credentials: ReadonlyMap<string, Credential>,
  options: { checkScopes: boolean },
): Authenticator {
  const alternatives: Alternative[] = [];
  for (const requirement of security) {
    for (const [name, scopes] of Object.entries(requirement)) {
      const scheme = index.securitySchemes.get(name);
      if (!scheme) throw new Error(`Unknown security scheme ${name}`);
      alternatives.push({ scheme, scopes });
    }
  }
  const first = alternatives[0];
  if (!first) return { authenticate: () => ({ ok: true, principal: undefined }) };

  const principals = new Map<string, Principal>();
  const principalFor = (token: string, record: Credential, scheme: string): Principal => {
    let principal = principals.get(token);
    if (!principal) {
      principal = { token, org: record.org, scopes: new Set(record.scopes), scheme };
      principals.set(token, principal);
    }
    return principal;
  };

  return {
    authenticate(headers, query, repeated) {
      for (const alternative of alternatives) {
        const credential = presented(alternative.scheme, headers, query, repeated);
        if (!credential) continue;
        const { scheme } = alternative;
        const token = credential.value;
        const prefixes = scheme.tokenPrefixes;
        const record = token !== undefined ? credentials.get(token) : undefined;
        if (!credential.wellFormed || token === undefined) return { ok: false, kind: 'unauthenticated', reason: 'malformed', scheme };
        if (
          (prefixes && !prefixes.some((p) => token.startsWith(p))) ||
          !record ||
          record.revoked ||
          (record.schemes && !record.schemes.includes(scheme.name))
        ) {
          return { ok: false, kind: 'unauthenticated', reason: 'invalid', scheme };
        }
        const principal = principalFor(token, record, scheme.name);
        if (options.checkScopes) {
          const missing = alternative.scopes.find((scope) => !principal.scopes.has(scope));
          if (missing !== undefined) return { ok: false, kind: 'forbidden', scope: missing, principal };
        }
        return { ok: true, principal };
      }
      return { ok: false, kind: 'unauthenticated', reason: 'missing', scheme: first.scheme };
    },
  };
}
