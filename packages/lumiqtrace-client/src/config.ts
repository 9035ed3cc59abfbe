import type { FetchFunction, RetryInfo } from '@apiforge/client-core';
import { OPERATION_META, type OperationId } from './generated/spec-meta.gen.js';
import { OPERATIONS } from './operations.js';

export type ClientKind = 'data' | 'ingest';

/** Knobs shared by both clients. */
export interface SharedClientOptions {
  /** API base URL; default the spec's server (https://api.lumiqtrace.com). Point it at a sandbox or Prism. */
  baseUrl?: string | undefined;
  /** Retries after the first attempt, where the spec's x-retry allows one. Default 2. */
  maxRetries?: number | undefined;
  /** Per attempt. Default 60 s. */
  timeoutMs?: number | undefined;
  /** Custom fetch (a test double, a proxying fetch). Default: the global fetch at call time. */
  fetch?: FetchFunction | undefined;
  retry?: RetryTuning | undefined;
}

export interface RetryTuning {
  /** Longest wait (Retry-After or backoff) the client accepts before a retry. Default 60 s. */
  maxRetryDelayMs?: number | undefined;
  /** Called before each retry; `info.error` is already redacted. */
  onRetry?: ((info: RetryInfo) => void) | undefined;
}

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
  const needed =
    kind === 'ingest'
      ? `LumiqTraceIngestClient needs a project API key starting with ${ingestPrefixes.join(' or ')} in \`apiKey\``
      : 'LumiqTraceClient needs a dashboard session token in `sessionToken`';
  if (typeof credential !== 'string' || credential.trim() === '') throw new LumiqTraceCredentialError(`${needed}; none was given.`);
  const isIngestKey = ingestPrefixes.some((prefix) => credential.startsWith(prefix));
  if (kind === 'ingest' && !isIngestKey) throw new LumiqTraceCredentialError(`${needed}; the value given has no such prefix.`);
  if (kind === 'ingest' && ingestPrefixes.includes(credential)) throw new LumiqTraceCredentialError(`${needed}; the value given is only the prefix.`);
  if (kind === 'data' && isIngestKey) {
    throw new LumiqTraceCredentialError(`${needed}; the value given is a project API key, which only LumiqTraceIngestClient accepts.`);
  }
  return credential;
}

export function normalizeBaseUrl(url: string | undefined, fallback: string): string {
  const chosen = url ?? fallback;
  try {
    new URL(chosen);
  } catch {
    throw new TypeError(`Base URL must be an absolute URL such as ${fallback}.`);
  }
  return chosen.replace(/\/+$/, '');
}
