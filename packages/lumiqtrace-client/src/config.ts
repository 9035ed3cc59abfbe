import { assertCredentialPrefix, type ClientTransportOptions, type RetryTuning } from '@apiforge/client-core';
import { OPERATION_META, type OperationId } from './generated/spec-meta.gen.js';
import { OPERATIONS } from './operations.js';

export type ClientKind = 'data' | 'ingest';

/** Knobs shared by both clients: client-core's transport options plus the base URL. */
export interface SharedClientOptions extends ClientTransportOptions {
  /** API base URL; default the spec's server (https://api.lumiqtrace.com). Point it at a sandbox or Prism. */
  baseUrl?: string | undefined;
}

export type { RetryTuning };

export interface LumiqTraceClientOptions extends SharedClientOptions {
  /** Session token from signing in to the dashboard; sent as `Authorization: Bearer`. */
  sessionToken: string;
}

export interface LumiqTraceIngestClientOptions extends SharedClientOptions {
  /** Project API key (lqt_…), sent as `x-api-key`. Keep it on the server. */
  apiKey: string;
  /** Gzip ingest bodies where CompressionStream exists. Default true. */
  gzip?: boolean | undefined;
}

/** Thrown at construction when a credential is missing or of the wrong kind. Never contains the credential. */
export class LumiqTraceCredentialError extends TypeError {
  override name = 'LumiqTraceCredentialError';
}

function operationsOf(kind: ClientKind): OperationId[] {
  return (Object.keys(OPERATIONS) as OperationId[]).filter((id) => OPERATIONS[id].client === kind);
}

/** Credential prefixes a client's operations declare (x-token-prefixes); the session token has none. */
export function tokenPrefixesFor(kind: ClientKind): readonly string[] {
  return [...new Set(operationsOf(kind).flatMap((id) => OPERATION_META[id].tokenPrefixes))];
}

/** The server the spec names for a client's operations. */
export function defaultBaseUrlFor(kind: ClientKind): string {
  const urls = new Set(operationsOf(kind).map((id) => OPERATION_META[id].serverUrl));
  if (urls.size !== 1) throw new Error(`The spec gives ${kind} operations ${urls.size} servers; expected one.`);
  return [...urls][0] as string;
}

/** Fails fast, naming the credential that is needed, never echoing the value. */
export function assertCredential(kind: ClientKind, credential: unknown): string {
  const ingestPrefixes = tokenPrefixesFor('ingest');
  if (kind === 'ingest') {
    return assertCredentialPrefix(
      credential,
      ingestPrefixes,
      `LumiqTraceIngestClient needs a project API key starting with ${ingestPrefixes.join(' or ')} in \`apiKey\``,
      LumiqTraceCredentialError,
    );
  }
  // The session token is opaque (no prefix in the spec); an ingest key is the one mistake we can name.
  const needed = 'LumiqTraceClient needs a dashboard session token in `sessionToken`';
  const token = assertCredentialPrefix(credential, [], needed, LumiqTraceCredentialError);
  if (ingestPrefixes.some((prefix) => token.startsWith(prefix))) {
    throw new LumiqTraceCredentialError(`${needed}; the value given is a project API key, which only LumiqTraceIngestClient accepts.`);
  }
  return token;
}
