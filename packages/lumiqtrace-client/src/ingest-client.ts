import { batchToNdjson, gzipBytes, isGzipSupported, type RetryOptions } from '@apiforge/client-core';
import { createCaller, type LumiqTraceCaller } from './caller.js';
import { normalizeBaseUrl } from '@apiforge/client-core';
import { assertCredential, defaultBaseUrlFor, type LumiqTraceIngestClientOptions } from './config.js';
import { exportOtelTraces, ingestEvents } from './generated/sdk.gen.js';
import { OPERATION_META } from './generated/spec-meta.gen.js';
import type { IngestEvent, OtlpTraceExport } from './generated/types.gen.js';
import { EventBatcher, type EventBatcherOptions } from './event-batcher.js';
import { retryOptionsFor, type RequestOptions } from './transports.js';

const INGEST = OPERATION_META.ingestEvents;
/** The spec's x-ndjson maxItems: events per request. */
export const MAX_EVENTS_PER_BATCH: number = INGEST.ndjson.maxItems;

export interface SendOptions extends RequestOptions {
  /** Overrides the client's gzip setting for this call. */
  gzip?: boolean | undefined;
}

export interface SendResult {
  /** Requests made (one per batch of at most 100 events). */
  batches: number;
  events: number;
}

/** Splits events into batches of at most `size`, in order. */
export function splitIntoBatches<T>(events: readonly T[], size: number = MAX_EVENTS_PER_BATCH): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < events.length; start += size) batches.push(events.slice(start, start + size));
  return batches;
}

export class OtelResource {
  readonly #caller: LumiqTraceCaller;

  constructor(caller: LumiqTraceCaller) {
    this.#caller = caller;
  }

  /** Sends an OTLP/JSON trace export (ExportTraceServiceRequest). */
  async export(request: OtlpTraceExport, options?: RequestOptions): Promise<void> {
    await this.#caller.call('exportOtelTraces', exportOtelTraces, [request], options, { headers: { 'Content-Type': 'application/json' } });
  }
}

/** NDJSON event ingest and OTLP traces, authenticated with a project API key (x-api-key). */
export class LumiqTraceIngestClient {
  readonly otel: OtelResource;
  /** Where requests go (no credential in it). */
  readonly baseUrl: string;
  readonly #caller: LumiqTraceCaller;
  readonly #gzip: boolean;
  readonly #options: LumiqTraceIngestClientOptions;

  constructor(options: LumiqTraceIngestClientOptions) {
    const apiKey = assertCredential('ingest', options?.apiKey);
    this.#options = options;
    this.baseUrl = normalizeBaseUrl(options.baseUrl, defaultBaseUrlFor('ingest'));
    this.#gzip = (options.gzip ?? true) && isGzipSupported();
    this.#caller = createCaller(this.baseUrl, apiKey, options);
    this.otel = new OtelResource(this.#caller);
  }

  /**
   * Sends events (the spec's NDJSON line, `IngestEvent`) as NDJSON, split into requests of at most 100 (the
   * spec's limit), one after another.
   * Each request is retried as the spec's x-retry says; the server deduplicates by event_id, so a retried
   * batch never creates duplicates. A failure rejects with the typed error; earlier batches stay sent.
   */
  async send(events: readonly IngestEvent[], options?: SendOptions): Promise<SendResult> {
    const batches = splitIntoBatches(events);
    for (const batch of batches) await this.sendNdjson(batchToNdjson({ serializedEvents: batch.map((e) => JSON.stringify(e)) }), options);
    return { batches: batches.length, events: events.length };
  }

  /** Sends one NDJSON body (at most 100 lines) as it is; the batcher uses it to reuse its serialized events. */
  async sendNdjson(ndjson: string, options?: SendOptions): Promise<void> {
    const compressed = (options?.gzip ?? this.#gzip) ? await gzipBytes(new TextEncoder().encode(ndjson)) : undefined;
    await this.#caller.call('ingestEvents', ingestEvents, [ndjson], options, {
      bodySerializer: () => compressed ?? ndjson,
      headers: { 'Content-Type': INGEST.ndjson.mediaType, ...(compressed ? { 'Content-Encoding': 'gzip' } : {}) },
    });
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
