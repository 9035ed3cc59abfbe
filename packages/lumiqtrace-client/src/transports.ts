import { OperationTransports, specRetryOptions, type CallOptions, type ClientTransportOptions, type RequestOptions as CoreRequestOptions } from '@apiforge/client-core';
import { OPERATION_META, type OperationId } from './generated/spec-meta.gen.js';

/** Per-call overrides; every method takes them as its last argument. */
export type RequestOptions = CallOptions;

/**
 * Retries follow the spec: each operation's `x-retry` table (generated into OPERATION_META) drives
 * client-core's shouldRetry / retryDelayMs hooks: never on 400/401/403/404, Retry-After on 429 except
 * "Monthly quota exceeded", exponential backoff from 1 s on 500. Ingest is x-idempotent (deduplicated by
 * event_id), so its POST may be retried too.
 */
export function retryOptionsFor(operationId: OperationId): CoreRequestOptions {
  return specRetryOptions(OPERATION_META[operationId].retry);
}

/** One retrying fetch per LumiqTrace operation, configured from its spec facts. */
export function createTransports(options: ClientTransportOptions): OperationTransports<OperationId> {
  return new OperationTransports<OperationId>(options, (id) => ({ idempotent: OPERATION_META[id].idempotent, ...retryOptionsFor(id) }));
}
