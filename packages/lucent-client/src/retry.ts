import { createFetchWithRetries, type FetchWithRetries } from '@apiforge/client-core';
import type { SharedClientOptions } from './config.js';
import { OPERATION_META, type OperationId } from './generated/spec-meta.gen.js';

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
export class Transports {
  readonly #byOperation = new Map<OperationId, FetchWithRetries>();
  readonly #base: FetchWithRetries;

  constructor(options: SharedClientOptions) {
    this.#base = createFetchWithRetries({
      maxRetries: options.maxRetries,
      timeoutMs: options.timeoutMs,
      fetch: options.fetch,
      initialRetryDelayMs: options.retry?.initialRetryDelayMs,
      maxBackoffMs: options.retry?.maxBackoffMs,
      maxRetryDelayMs: options.retry?.maxRetryDelayMs,
      onRetry: options.retry?.onRetry,
    });
  }

  /** The fetch a call of `operationId` goes through, with per-call overrides applied. */
  for(operationId: OperationId, overrides?: RequestOptions): FetchWithRetries {
    let transport = this.#byOperation.get(operationId);
    if (!transport) {
      transport = this.#base.withOptions({ idempotent: OPERATION_META[operationId].idempotent });
      this.#byOperation.set(operationId, transport);
    }
    if (!overrides) return transport;
    const { maxRetries, timeoutMs, signal } = overrides;
    if (maxRetries === undefined && timeoutMs === undefined && signal === undefined) return transport;
    return transport.withOptions({ maxRetries, timeoutMs, signal });
  }
}
