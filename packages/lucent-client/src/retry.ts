import { createFetchWithRetries, type FetchWithRetries } from '@apiforge/client-core';
import type { SharedClientOptions } from './config.js';

/** Per-call overrides; every resource method takes them as its last argument. */
export interface RequestOptions {
  /** Retries after the first attempt for this call. */
  maxRetries?: number | undefined;
  /** Per attempt, for this call. */
  timeoutMs?: number | undefined;
  /** Aborting rejects with ApiAbortError and stops any pending retry. */
  signal?: AbortSignal | undefined;
}

/**
 * Retries, timeouts and typed errors live in client-core's fetch wrapper; this
 * file decides which Lucent operations may be retried. GETs may; PATCH issue
 * status and replay batches are declared safe to repeat by the spec's
 * x-idempotent, so they may too. Nothing else is retried.
 */
export type Transports = readonly [notIdempotent: FetchWithRetries, idempotent: FetchWithRetries];

/** The client's two transports; which one a call uses comes from its operation's spec meta. */
export function createTransports({ maxRetries, timeoutMs, fetch, retry }: SharedClientOptions): Transports {
  // RetryTuning is a subset of client-core's RequestOptions, so it passes through as it is.
  const options = { ...retry, maxRetries, timeoutMs, fetch };
  return [createFetchWithRetries({ ...options, idempotent: false }), createFetchWithRetries({ ...options, idempotent: true })];
}

/** The fetch a call goes through: its operation's transport with the per-call overrides applied. */
export function transportFor(transports: Transports, idempotent: boolean, overrides?: RequestOptions): FetchWithRetries {
  const transport = transports[idempotent ? 1 : 0];
  // Undefined overrides keep the client's settings (mergeRequestOptions skips them).
  return overrides ? transport.withOptions(overrides) : transport;
}
