import type { FetchFunction, RetryInfo } from '@apiforge/client-core';
import { assertCredentialPrefix, listOr } from '@apiforge/client-core/spec-client';
import { DEFAULT_SERVER_URL, SERVER_TOKEN_PREFIXES } from './generated/spec-meta.gen.js';

export type ClientKind = 'data' | 'ingest';

/** Knobs shared by both clients. */
export interface SharedClientOptions {
  /** Retries after the first attempt, for 429, 5xx and connection errors. Default 2. */
  maxRetries?: number | undefined;
  /** Per attempt. Default 60 s. */
  timeoutMs?: number | undefined;
  /** Custom fetch (a test double, a proxying fetch). Default: the global fetch at call time. */
  fetch?: FetchFunction | undefined;
  /** Fine-tuning of the backoff; the defaults suit most callers. */
  retry?: RetryTuning | undefined;
}

export interface RetryTuning {
  /** First backoff ceiling; doubles per retry (full jitter). Default 500 ms. */
  initialRetryDelayMs?: number | undefined;
  /** Backoff ceiling. Default 8 s. */
  maxBackoffMs?: number | undefined;
  /** Longest Retry-After the client honours before giving up waiting. Default 60 s. */
  maxRetryDelayMs?: number | undefined;
  /** Called before each retry; `info.error` is already redacted. */
  onRetry?: ((info: RetryInfo) => void) | undefined;
}

export interface LucentClientOptions extends SharedClientOptions {
  /** Data API token: an API key (luc_api_), an OAuth access token (luc_oat_) or a legacy key (luc_mcp_). */
  apiKey: string;
  /** Data API base URL; default the spec's production server. Point it at a sandbox, Prism or a self-hosted Lucent. */
  baseUrl?: string | undefined;
}

export interface LucentIngestClientOptions extends SharedClientOptions {
  /** Ingest public key (luc_pk_), safe to ship in browser code. */
  publicKey: string;
  /** Ingest API base URL; default the spec's ingest server. */
  ingestBaseUrl?: string | undefined;
  /** Gzip replay bodies where CompressionStream exists. Default true. */
  gzip?: boolean | undefined;
}

/** Thrown at construction when a credential is missing or of the wrong kind. Never contains the credential. */
export class LucentCredentialError extends TypeError {
  override name = 'LucentCredentialError';
}

const KIND_LABEL: Record<ClientKind, { client: string; credential: string; option: string }> = {
  data: { client: 'LucentClient', credential: 'a Data API token', option: 'apiKey' },
  ingest: { client: 'LucentIngestClient', credential: 'an ingest public key', option: 'publicKey' },
};

/**
 * The server the spec names for a client: the Data API is the document-level
 * server; the ingest operations name their own (path-level) server. A test
 * checks every operation's server against its client's.
 */
export function defaultBaseUrlFor(kind: ClientKind): string {
  if (kind === 'data') return DEFAULT_SERVER_URL;
  const others = Object.keys(SERVER_TOKEN_PREFIXES).filter((url) => url !== DEFAULT_SERVER_URL);
  if (others.length !== 1) throw new Error(`The spec gives ${kind} operations ${others.length} servers; expected one.`);
  return others[0] as string;
}

/** Credential prefixes a client accepts: the x-token-prefixes of the security schemes of its server's operations. */
export function tokenPrefixesFor(kind: ClientKind): readonly string[] {
  return Object.entries(SERVER_TOKEN_PREFIXES).flatMap(([url, prefixes]) =>
    (url === DEFAULT_SERVER_URL) === (kind === 'data') ? prefixes : [],
  );
}

/**
 * Fails fast, naming the kind of credential that is needed and where the other kind goes (a Data API
 * token given to the ingest client, or the reverse, is the likely mistake), never echoing the value.
 */
export function assertCredential(kind: ClientKind, credential: unknown): string {
  const label = KIND_LABEL[kind];
  const other = KIND_LABEL[kind === 'data' ? 'ingest' : 'data'];
  const accepted = tokenPrefixesFor(kind);
  const needed = `${label.client} needs ${label.credential} starting with ${listOr(accepted)} in \`${label.option}\` (${other.credential} goes to ${other.client})`;
  return assertCredentialPrefix(credential, accepted, needed, LucentCredentialError);
}
