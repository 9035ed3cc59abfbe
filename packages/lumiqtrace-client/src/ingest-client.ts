import { callWithBody, specRetryOptions, type RequestOptions as CoreRequestOptions, type RetryOptions } from '@apiforge/client-core';
import { ingestEvents } from './generated/sdk.gen.js';
import { OPERATION_META, type OperationId } from './generated/spec-meta.gen.js';
import { LumiqTraceIngestClientBase } from './generated/resources.gen.js';
import type { LumiqTraceIngestClientOptions, RequestOptions, SendLinesResult } from './generated/operations.gen.js';
import { EventBatcher, type EventBatcherOptions } from './event-batcher.js';

const INGEST = OPERATION_META.ingestEvents;
const INGEST_POLICY = specRetryOptions(INGEST.retry);
/** The spec's x-ndjson maxItems: events per request. */
export const MAX_EVENTS_PER_BATCH: number = INGEST.ndjson.maxItems;
/** Per-call options of `send`; `gzip` overrides the client's setting for this call. */
export type SendOptions = RequestOptions;
export type SendResult = SendLinesResult;

/** Splits events into batches of at most `size`, in order. */
export function splitIntoBatches<T>(events: readonly T[], size: number = MAX_EVENTS_PER_BATCH): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < events.length; start += size) batches.push(events.slice(start, start + size));
  return batches;
}

/** The retry hooks an operation's x-retry table gives (the clients apply them to every call by themselves). */
export function retryOptionsFor(operationId: OperationId): CoreRequestOptions {
  return specRetryOptions(OPERATION_META[operationId].retry);
}

/** NDJSON event ingest and OTLP traces (`send` and `otel.export` are generated), plus the event batcher. */
export class LumiqTraceIngestClient extends LumiqTraceIngestClientBase {
  readonly #options: LumiqTraceIngestClientOptions;

  constructor(options: LumiqTraceIngestClientOptions = {}) {
    super(options);
    this.#options = options;
  }

  /** Sends one NDJSON body (at most 100 lines) as it is; the batcher uses it to reuse its serialized events. */
  async sendNdjson(ndjson: string, options?: SendOptions): Promise<void> {
    await callWithBody(this.connection, 'ingestEvents', INGEST, ingestEvents, { body: [] }, options, INGEST_POLICY, ndjson);
  }

  /**
   * A background batcher: `add(event)` buffers, batches of at most 100 events are sent as gzip NDJSON,
   * events whose event_id was already added are dropped, and a failed batch is retried unchanged (same
   * event_ids, so the server dedupes it) per the spec's x-retry.
   */
  createBatcher(options: EventBatcherOptions = {}): EventBatcher {
    const retry: RetryOptions = {
      maxRetries: this.#options.maxRetries,
      maxRetryDelayMs: this.#options.retry?.maxRetryDelayMs,
      onRetry: this.#options.retry?.onRetry,
      ...retryOptionsFor('ingestEvents'),
    };
    return new EventBatcher((ndjson, signal) => this.sendNdjson(ndjson, { maxRetries: 0, signal }), options, retry);
  }
}
