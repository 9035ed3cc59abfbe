import {
  Batcher,
  batchToJson,
  utf8ByteLength,
  type Batch,
  type BatcherStats,
  type DropReason,
  type RetryOptions,
  type SendContext,
} from '@apiforge/client-core';
import type { ReplayAccepted, ReplayBatch, RrwebEvent } from './generated/types.gen.js';
import type { SubmitOptions } from './ingest-client.js';

/** What the batcher needs from the ingest client. */
export interface ReplaySender {
  submit(batch: ReplayBatch, json: string, options: SubmitOptions): Promise<ReplayAccepted>;
  /** The replay URL with the public key as a query parameter, for sendBeacon; undefined if the spec has no such form. */
  beaconUrl(): string | undefined;
}

export interface FailedReplayBatch {
  readonly sessionId: string;
  readonly sequence: number;
  readonly final: boolean;
  /** The events that did not reach Lucent, in order: keep, persist or re-send them. */
  readonly events: readonly RrwebEvent[];
}

export interface DroppedReplayEvents {
  /** `queueFull`: the queue bound (maxQueuedBytes/maxQueuedBatches) was reached; `unauthorized`: a 401/403 stopped the batcher. */
  readonly reason: DropReason;
  readonly sessionId: string;
  /** The events that will not be sent. */
  readonly events: readonly RrwebEvent[];
  /** For `unauthorized`: the (redacted) error. */
  readonly error?: unknown;
}

export interface ReplayBatcherOptions {
  /**
   * The session window every batch belongs to. `lastActivityAt` is where the batcher starts: each batch
   * carries the latest event timestamp sent so far when that is later.
   */
  session: ReplayBatch['session'];
  user: ReplayBatch['user'];
  page: ReplayBatch['page'];
  metadata?: ReplayBatch['metadata'];
  /** Flush when this many events are buffered. Default 500. */
  maxEvents?: number | undefined;
  /** Flush before the buffered events' JSON array would exceed this many bytes. Default 1 MiB (1,048,576). */
  maxBytes?: number | undefined;
  /** Flush this long after the first buffered event at the latest. Default 10 000 ms. */
  flushIntervalMs?: number | undefined;
  /**
   * Receives each batch that still failed after the retries (or failed with a
   * non-retryable error such as 400/401), with its events. Default: logs the
   * redacted error and the number of events.
   */
  onError?: ((error: unknown, batch: FailedReplayBatch) => void | Promise<void>) | undefined;
  /**
   * Receives events the batcher drops instead of sending (also counted in `stats.eventsDropped`).
   * Default: one console warning per reason, with the count only.
   */
  onDrop?: ((dropped: DroppedReplayEvents) => void) | undefined;
  /** Serialized bytes of the events not yet delivered (buffered, queued, in flight) at most. Default 16 MiB. */
  maxQueuedBytes?: number | undefined;
  /** Batches not yet delivered (queued and in flight) at most. Default 100. */
  maxQueuedBatches?: number | undefined;
  /**
   * When the queue is full: 'drop-oldest' (default) evicts the oldest batch not yet being sent;
   * 'refuse-new' refuses the new event (add() returns false). Both report to onDrop.
   */
  overflow?: 'drop-oldest' | 'refuse-new' | undefined;
  /** A batch not delivered this long after its first attempt, retries included, goes to onError (ApiTimeoutError). Default 120 000 ms. */
  deliveryDeadlineMs?: number | undefined;
  /**
   * Browsers: when the page is hidden or unloaded, send what is buffered (and
   * re-send what is in flight) with navigator.sendBeacon. Default true.
   */
  beaconOnPageHide?: boolean | undefined;
}

/** Browsers cap the body of a beacon (and of keepalive fetches) at 64 KiB. */
const BEACON_MAX_BYTES = 65_536;

/**
 * One session's replay stream on top of client-core's Batcher, which owns the
 * thresholds, sequence numbers, retries with the same sequence and onError.
 * What this adds is Lucent's envelope and page lifecycle: once the page is
 * hidden, batches leave through sendBeacon, because the page may be frozen or
 * discarded before a fetch completes.
 */
export class ReplayBatcher {
  readonly #sender: ReplaySender;
  readonly #options: ReplayBatcherOptions;
  readonly #core: Batcher<RrwebEvent>;
  readonly #sessionId: string;
  /** session.lastActivityAt of the batches: the latest event timestamp sent so far (never earlier than the option). */
  #lastActivityAt: number;
  /** Unload batches the browser refused to beacon, going out by fetch instead. */
  readonly #fallbackSends = new Set<Promise<void>>();
  #pageHidden = false;
  readonly #warned = new Set<DropReason>();
  #detachLifecycle: (() => void) | undefined;

  constructor(sender: ReplaySender, options: ReplayBatcherOptions, retry: RetryOptions) {
    if (!options?.session?.id) throw new TypeError('createBatcher needs session.id.');
    this.#sender = sender;
    this.#options = options;
    this.#sessionId = options.session.id;
    this.#lastActivityAt = Number.isFinite(options.session.lastActivityAt) ? options.session.lastActivityAt : -Infinity;
    this.#core = new Batcher<RrwebEvent>({
      send: (batch, context) => this.#send(batch, context),
      onError: (error, batch) => this.#reportFailure(error, batch),
      maxEvents: options.maxEvents,
      maxBytes: options.maxBytes,
      flushIntervalMs: options.flushIntervalMs,
      retry,
      onDrop: (info) => this.#reportDrop(info.reason, info.events, info.error),
      maxQueuedBytes: options.maxQueuedBytes,
      maxQueuedBatches: options.maxQueuedBatches,
      overflow: options.overflow,
      deliveryDeadlineMs: options.deliveryDeadlineMs,
      name: 'a Lucent replay batcher',
      // Lucent refuses a batch without events (replay.events has minItems 1): when everything was sent
      // already, close() sends no final batch and the session waits for Lucent's scheduled finalizer.
      sendEmptyFinalBatch: false,
    });
    if (options.beaconOnPageHide !== false) this.#detachLifecycle = watchPageLifecycle(this);
  }

  /**
   * Buffers one rrweb event. Returns false when it is not taken: the queue is full under
   * `overflow: 'refuse-new'`, or a 401/403 stopped the batcher (see onDrop). Throws after close().
   */
  add(event: RrwebEvent): boolean {
    return this.#core.add(this.#sessionId, event);
  }

  /** Sends what is buffered and waits until every batch is accepted or handed to onError. */
  async flush(): Promise<void> {
    await this.#core.flush();
    await Promise.all(this.#fallbackSends);
  }

  /** Sends the rest as the `flush: "final"` batch and waits for every send; add() throws afterwards. */
  async close(): Promise<void> {
    this.#detachLifecycle?.();
    this.#detachLifecycle = undefined;
    await this.#core.close();
    await Promise.all(this.#fallbackSends);
  }

  get stats(): BatcherStats {
    return this.#core.stats;
  }

  /**
   * @internal Page lifecycle hook: the page is hidden (it may never run script
   * again), so every undelivered batch leaves now, synchronously, by beacon:
   * the one in flight (same sequence; the API deduplicates), those queued
   * behind it and the buffer (the final batch when the page is unloaded).
   */
  pageHidden(final: boolean): void {
    this.#pageHidden = true;
    if (final) {
      this.#detachLifecycle?.();
      this.#detachLifecycle = undefined;
    }
    for (const batch of this.#core.drainForUnload({ final })) {
      const body = this.#envelope(batch);
      const json = this.#serialize(body, batch);
      if (this.#beacon(json)) continue;
      // Refused (over 64 KiB, or the browser's beacon quota): fetch is the best remaining chance.
      const send: Promise<void> = this.#sender.submit(body, json, {}).then(
        () => undefined,
        (error: unknown) => this.#reportFailure(error, batch),
      );
      this.#fallbackSends.add(send);
      void send.finally(() => this.#fallbackSends.delete(send));
    }
  }

  /** @internal Page lifecycle hook: the page is visible again. */
  pageShown(): void {
    this.#pageHidden = false;
  }

  async #send(batch: Batch<RrwebEvent>, { signal }: SendContext): Promise<void> {
    const body = this.#envelope(batch);
    const json = this.#serialize(body, batch);
    if (this.#pageHidden && this.#beacon(json)) return;
    // The core Batcher retries (with the same sequence), so each send is a single attempt; it
    // aborts the signal when drainForUnload() hands the batch to the beacon path.
    await this.#sender.submit(body, json, { maxRetries: 0, signal });
  }

  #envelope(batch: Batch<RrwebEvent>): ReplayBatch {
    const { session, user, page, metadata } = this.#options;
    // Batches leave in sequence order, so the latest timestamp only grows (a retry carries the same value).
    for (const event of batch.events) {
      if (typeof event.timestamp === 'number' && event.timestamp > this.#lastActivityAt) this.#lastActivityAt = event.timestamp;
    }
    return {
      session:
        session.lastActivityAt === this.#lastActivityAt || !Number.isFinite(this.#lastActivityAt)
          ? session
          : { ...session, lastActivityAt: this.#lastActivityAt },
      user,
      page,
      ...(metadata !== undefined ? { metadata } : {}),
      replay: { events: batch.events as RrwebEvent[], sequence: batch.sequence },
      flush: batch.final ? 'final' : 'normal',
    };
  }

  /** JSON of `body`, reusing the events the core serialized once when they were added. */
  #serialize(body: ReplayBatch, batch: Batch<RrwebEvent>): string {
    const { replay, ...envelope } = body;
    const head = JSON.stringify(envelope);
    return `${head.slice(0, -1)},"replay":{"events":${batchToJson(batch)},"sequence":${replay.sequence}}}`;
  }

  #beacon(json: string): boolean {
    const url = this.#sender.beaconUrl();
    const nav = (globalThis as { navigator?: Partial<Navigator> }).navigator;
    if (!url || typeof nav?.sendBeacon !== 'function' || utf8ByteLength(json) > BEACON_MAX_BYTES) return false;
    // text/plain is CORS-safelisted, so the beacon needs no preflight; the spec accepts it.
    return nav.sendBeacon(url, new Blob([json], { type: 'text/plain;charset=UTF-8' }));
  }

  #reportDrop(reason: DropReason, events: readonly RrwebEvent[], error: unknown): void {
    if (this.#options.onDrop) {
      this.#options.onDrop({ reason, sessionId: this.#sessionId, events, ...(error === undefined ? {} : { error }) });
      return;
    }
    if (this.#warned.has(reason)) return;
    this.#warned.add(reason);
    const why =
      reason === 'unauthorized'
        ? 'the public key was refused (401/403), so the batcher stopped; later events are dropped too'
        : 'the queue is full (the ingest API is down or slow); later drops are counted in stats.eventsDropped';
    console.warn(`[lucent] replay session ${this.#sessionId}: ${events.length} events dropped: ${why}. Pass onDrop to keep them.`);
  }

  async #reportFailure(error: unknown, batch: Batch<RrwebEvent>): Promise<void> {
    const failed: FailedReplayBatch = {
      sessionId: this.#sessionId,
      sequence: batch.sequence,
      final: batch.final,
      events: batch.events,
    };
    if (this.#options.onError) {
      await this.#options.onError(error, failed);
      return;
    }
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    console.error(
      `[lucent] replay batch ${failed.sequence} of session ${failed.sessionId} failed; ${failed.events.length} events not delivered (${reason}). Pass onError to keep them.`,
    );
  }
}

/** Wires pagehide/visibilitychange in browsers; a no-op where there is no document or sendBeacon (Node, workers). */
function watchPageLifecycle(batcher: ReplayBatcher): (() => void) | undefined {
  const scope = globalThis as {
    addEventListener?: Window['addEventListener'];
    removeEventListener?: Window['removeEventListener'];
    document?: Document;
    navigator?: Partial<Navigator>;
  };
  const { document: doc } = scope;
  if (typeof scope.addEventListener !== 'function' || !doc || typeof scope.navigator?.sendBeacon !== 'function') {
    return undefined;
  }
  const onVisibilityChange = () => {
    if (doc.visibilityState === 'hidden') batcher.pageHidden(false);
    else batcher.pageShown();
  };
  // persisted: the page goes into the back/forward cache and may come back, so the stream is not over.
  const onPageHide = (event: PageTransitionEvent) => batcher.pageHidden(!event.persisted);
  const onPageShow = () => batcher.pageShown();
  doc.addEventListener('visibilitychange', onVisibilityChange);
  scope.addEventListener('pagehide', onPageHide);
  scope.addEventListener('pageshow', onPageShow);
  return () => {
    doc.removeEventListener('visibilitychange', onVisibilityChange);
    scope.removeEventListener?.('pagehide', onPageHide);
    scope.removeEventListener?.('pageshow', onPageShow);
  };
}
