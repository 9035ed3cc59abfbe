import { Batcher, batchToNdjson, type Batch, type BatcherStats, type RetryOptions } from '@apiforge/client-core';
import { OPERATION_META } from './generated/spec-meta.gen.js';
import type { IngestEvent } from './generated/types.gen.js';

const INGEST = OPERATION_META.ingestEvents;

export interface EventBatcherOptions {
  /** Events per request, at most the spec's 100. Default 100. */
  maxEvents?: number | undefined;
  /** An event waits at most this long before it is sent. Default 5000 ms. */
  flushIntervalMs?: number | undefined;
  /** Receives each batch that could not be delivered (retries exhausted, or an error the spec says not to retry). Default: console.error. */
  onError?: ((error: unknown, events: readonly IngestEvent[]) => void | Promise<void>) | undefined;
  /** Sends in flight at once. Default 4. */
  maxConcurrentSends?: number | undefined;
}

type SendNdjson = (ndjson: string, signal: AbortSignal | undefined) => Promise<void>;

/** One stream of events: batches are independent, so there is one key. */
const STREAM = 'events';

/**
 * client-core's Batcher in NDJSON mode, deduplicating by the spec's x-dedupe-field (event_id): an event
 * added twice is sent once, and a retried batch is re-sent with the same events.
 */
export class EventBatcher {
  readonly #batcher: Batcher<IngestEvent>;

  constructor(send: SendNdjson, options: EventBatcherOptions, retry: RetryOptions) {
    const limit = INGEST.ndjson.maxItems;
    const maxEvents = options.maxEvents ?? limit;
    if (!Number.isInteger(maxEvents) || maxEvents < 1 || maxEvents > limit) {
      throw new RangeError(`maxEvents must be an integer from 1 to ${limit} (the API refuses larger batches).`);
    }
    const field = INGEST.dedupeField as keyof IngestEvent;
    this.#batcher = new Batcher<IngestEvent>({
      format: 'ndjson',
      maxEvents,
      // The body limit is the event count; the engine-side byte cap is far above 100 events.
      maxBytes: Number.MAX_SAFE_INTEGER,
      flushIntervalMs: options.flushIntervalMs ?? 5_000,
      maxConcurrentSends: options.maxConcurrentSends,
      sendEmptyFinalBatch: false,
      dedupeKey: (event) => String(event[field]),
      retry,
      send: (batch: Batch<IngestEvent>) => send(batchToNdjson(batch), undefined),
      onError: options.onError
        ? (error, batch) => options.onError!(error, batch.events)
        : (error, batch) => console.error(`[lumiqtrace] dropped a batch of ${batch.events.length} events:`, error),
    });
  }

  /** Buffers an event; false when its event_id was already added (the event is dropped). */
  add(event: IngestEvent): boolean {
    return this.#batcher.add(STREAM, event);
  }

  /** Sends everything buffered now and waits for it. */
  flush(): Promise<void> {
    return this.#batcher.flush();
  }

  /** Flushes and stops; add() throws afterwards. */
  close(): Promise<void> {
    return this.#batcher.close();
  }

  get stats(): BatcherStats {
    return this.#batcher.stats;
  }
}
