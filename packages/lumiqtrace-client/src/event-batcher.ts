import { Batcher, batchToNdjson, type Batch, type BatcherStats, type DropReason, type RetryOptions } from '@apiforge/client-core';
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
  /** Sends in flight at once (batches are independent: the server dedupes by event_id, so they go in parallel). Default 4. */
  maxConcurrentSends?: number | undefined;
  /**
   * Receives events dropped instead of sent (also counted in `stats.eventsDropped`): `queueFull` when the queue
   * bound is reached, `unauthorized` once a 401/403 stopped the batcher. Default: one console warning per reason.
   */
  onDrop?: ((reason: DropReason, events: readonly IngestEvent[], error?: unknown) => void) | undefined;
  /** Serialized bytes of the events not yet delivered (buffered, queued, in flight) at most. Default 16 MiB. */
  maxQueuedBytes?: number | undefined;
  /** Batches not yet delivered (queued and in flight) at most. Default 100 (10 000 events). */
  maxQueuedBatches?: number | undefined;
  /** When the queue is full: 'drop-oldest' (default) evicts the oldest batch not yet being sent; 'refuse-new' refuses the event (add() returns false). */
  overflow?: 'drop-oldest' | 'refuse-new' | undefined;
  /** A batch not delivered this long after its first attempt, retries included, goes to onError (ApiTimeoutError). Default 120 000 ms. */
  deliveryDeadlineMs?: number | undefined;
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
    const warned = new Set<DropReason>();
    this.#batcher = new Batcher<IngestEvent>({
      format: 'ndjson',
      maxEvents,
      // The body limit is the event count; the engine-side byte cap is far above 100 events.
      maxBytes: Number.MAX_SAFE_INTEGER,
      flushIntervalMs: options.flushIntervalMs ?? 5_000,
      maxConcurrentSends: options.maxConcurrentSends,
      // Batches are independent (dedupe by event_id, no sequence on the wire): send them in parallel.
      ordered: false,
      maxQueuedBytes: options.maxQueuedBytes,
      maxQueuedBatches: options.maxQueuedBatches,
      overflow: options.overflow,
      deliveryDeadlineMs: options.deliveryDeadlineMs,
      name: 'a LumiqTrace event batcher',
      onDrop: ({ reason, events, error }) => {
        if (options.onDrop) return options.onDrop(reason, events, error);
        if (warned.has(reason)) return;
        warned.add(reason);
        const why =
          reason === 'unauthorized'
            ? 'the API key was refused (401/403), so the batcher stopped; later events are dropped too'
            : 'the queue is full (the ingest API is down or slow); later drops are counted in stats.eventsDropped';
        console.warn(`[lumiqtrace] ${events.length} events dropped: ${why}. Pass onDrop to keep them.`);
      },
      sendEmptyFinalBatch: false,
      dedupeKey: (event) => String(event[field]),
      retry,
      send: (batch: Batch<IngestEvent>, { signal }) => send(batchToNdjson(batch), signal),
      onError: options.onError
        ? (error, batch) => options.onError!(error, batch.events)
        : (error, batch) => console.error(`[lumiqtrace] dropped a batch of ${batch.events.length} events:`, error),
    });
  }

  /**
   * Buffers an event; false when it is not taken: its event_id was already added, the queue is full under
   * `overflow: 'refuse-new'`, or a 401/403 stopped the batcher.
   */
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
