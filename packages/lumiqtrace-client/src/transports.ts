import { createFetchWithRetries, specRetryOptions, type FetchWithRetries, type RetryOptions } from '@apiforge/client-core';
import type { SharedClientOptions } from './config.js';
import { OPERATION_META, type OperationId } from './generated/spec-meta.gen.js';

/** Per-call overrides; every method takes them as its last argument. */
export interface RequestOptions {
  /** Retries after the first attempt for this call. */
  maxRetries?: number | undefined;
  /** Per attempt, for this call. */
  timeoutMs?: number | undefined;
  /** Aborting rejects with ApiAbortError and stops any pending retry. */
  signal?: AbortSignal | undefined;
}

/**
 * Retries follow the spec: each operation's `x-retry` table (generated into OPERATION_META) drives
 * client-core's shouldRetry / retryDelayMs hooks: never on 400/401/403/404, Retry-After on 429 except
 * "Monthly quota exceeded", exponential backoff from 1 s on 500. Ingest is x-idempotent (deduplicated by
 * event_id), so its POST may be retried too.
 */
export function retryOptionsFor(operationId: OperationId): RetryOptions {
  return specRetryOptions(OPERATION_META[operationId].retry);
}

export class Transports {
  readonly #byOperation = new Map<OperationId, FetchWithRetries>();
  readonly #base: FetchWithRetries;

  constructor(options: SharedClientOptions) {
    this.#base = createFetchWithRetries({
      maxRetries: options.maxRetries,
      timeoutMs: options.timeoutMs,
      fetch: options.fetch,
      maxRetryDelayMs: options.retry?.maxRetryDelayMs,
      onRetry: options.retry?.onRetry,
    });
  }

  /** The fetch a call of `operationId` goes through, with per-call overrides applied. */
  for(operationId: OperationId, overrides?: RequestOptions): FetchWithRetries {
    let transport = this.#byOperation.get(operationId);
    if (!transport) {
      transport = this.#base.withOptions({ idempotent: OPERATION_META[operationId].idempotent, ...retryOptionsFor(operationId) });
      this.#byOperation.set(operationId, transport);
    }
    if (!overrides) return transport;
    const { maxRetries, timeoutMs, signal } = overrides;
    if (maxRetries === undefined && timeoutMs === undefined && signal === undefined) return transport;
    return transport.withOptions({ maxRetries, timeoutMs, signal });
  }
}
