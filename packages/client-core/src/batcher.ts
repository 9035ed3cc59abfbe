import { utf8ByteLength } from './encoding.js';
import { resolveRetryOptions, runWithRetries, type ResolvedRetryOptions, type RetryOptions } from './retry.js';

/**
 * Ingest batcher: buffers events per key (e.g. a session id) and sends them in
 * numbered batches. Guarantees:
 * - a batch never exceeds maxEvents nor maxBytes (except one event that alone exceeds maxBytes: sent alone);
 * - per key, batches are sent one at a time in sequence order (1, 2, 3, ...);
 * - a failed send is retried with the SAME batch and sequence (the server can dedupe);
 * - a batch that still fails reaches onError with its events: nothing is dropped silently.
 *   Its sequence number stays used, so the server sees a gap, never a reused number.
 */

export interface Batch<Event> {
  readonly key: string;
  readonly events: readonly Event[];
  /** Per key, starting at 1, +1 per batch. */
  readonly sequence: number;
  /** True for the batch sent by close(). */
  readonly final: boolean;
  /** Serialized size in bytes for the batcher's `format` (JSON array or NDJSON). */
  readonly bytes: number;
  /** Every event serialized once, in order: join them instead of stringifying again. */
  readonly serializedEvents: readonly string[];
}

export type FlushReason = 'maxEvents' | 'maxBytes' | 'oversized' | 'interval' | 'flush' | 'close';

export interface BatcherOptions<Event> {
  send(batch: Batch<Event>, context: { attempt: number }): Promise<void>;
  /** Receives every batch whose retries are exhausted (or whose error is not retryable). */
  onError(error: unknown, batch: Batch<Event>): void | Promise<void>;
  /** Default 500. */
  maxEvents?: number | undefined;
  /** Default 1 MiB (1048576), measured on the serialized `format`. */
  maxBytes?: number | undefined;
  /** A key's oldest buffered event is sent at most this late. Default 10000 ms. */
  flushIntervalMs?: number | undefined;
  /** 'json' (default): batch body is a JSON array. 'ndjson': one line per event. */
  format?: 'json' | 'ndjson' | undefined;
  /** Default JSON.stringify. */
  serialize?: ((event: Event) => string) | undefined;
  /** Events with an already-seen key are dropped; keys of a batch that finally failed are forgotten so it can be re-added. */
  dedupeKey?: ((event: Event) => string) | undefined;
  /** How many dedupe keys are remembered. Default 100000. */
  dedupeWindow?: number | undefined;
  retry?: RetryOptions | undefined;
  /**
   * close() sends a final batch for every key. A key with nothing buffered gets an
   * empty `final: true` batch when it sent batches before, so the server learns
   * the stream ended; set false to skip those. Default true.
   */
  sendEmptyFinalBatch?: boolean | undefined;
  /** Sends in flight across all keys. Default 4. */
  maxConcurrentSends?: number | undefined;
}

export interface BatcherStats {
  batchesSent: number;
  eventsSent: number;
  bytesSent: number;
  batchesFailed: number;
  eventsFailed: number;
  retries: number;
  eventsDeduplicated: number;
  eventsBuffered: number;
  flushReasons: Record<FlushReason, number>;
  /** eventsSent / batchesSent: how full batches are. */
  averageEventsPerBatch: number;
  averageBytesPerBatch: number;
}

export const BATCHER_DEFAULTS = {
  maxEvents: 500,
  maxBytes: 1_048_576,
  flushIntervalMs: 10_000,
  dedupeWindow: 100_000,
  maxConcurrentSends: 4,
} as const;

interface KeyState<Event> {
  readonly key: string;
  events: Event[];
  serialized: string[];
  contentBytes: number;
  sequence: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  tail: Promise<void>;
}

export class Batcher<Event> {
  readonly #options: BatcherOptions<Event>;
  readonly #maxEvents: number;
  readonly #maxBytes: number;
  readonly #flushIntervalMs: number;
  readonly #ndjson: boolean;
  readonly #serialize: (event: Event) => string;
  readonly #policy: ResolvedRetryOptions;
  readonly #keys = new Map<string, KeyState<Event>>();
  readonly #seen = new Set<string>();
  readonly #inFlight = new Set<Promise<void>>();
  readonly #waiting: Array<() => void> = [];
  #activeSends = 0;
  #closing: Promise<void> | undefined;
  readonly #stats = {
    batchesSent: 0,
    eventsSent: 0,
    bytesSent: 0,
    batchesFailed: 0,
    eventsFailed: 0,
    retries: 0,
    eventsDeduplicated: 0,
    flushReasons: { maxEvents: 0, maxBytes: 0, oversized: 0, interval: 0, flush: 0, close: 0 } as Record<FlushReason, number>,
  };

  constructor(options: BatcherOptions<Event>) {
    this.#options = options;
    this.#maxEvents = options.maxEvents ?? BATCHER_DEFAULTS.maxEvents;
    this.#maxBytes = options.maxBytes ?? BATCHER_DEFAULTS.maxBytes;
    this.#flushIntervalMs = options.flushIntervalMs ?? BATCHER_DEFAULTS.flushIntervalMs;
    this.#ndjson = options.format === 'ndjson';
    this.#serialize = options.serialize ?? ((event) => JSON.stringify(event));
    const userOnRetry = options.retry?.onRetry;
    this.#policy = resolveRetryOptions({
      ...options.retry,
      onRetry: (info) => {
        this.#stats.retries++;
        userOnRetry?.(info);
      },
    });
  }

  /** Buffers an event; returns false when it was dropped as a duplicate. Throws after close(). */
  add(key: string, event: Event): boolean {
    if (this.#closing) throw new Error('Batcher is closed; events can no longer be added.');
    const dedupeKey = this.#options.dedupeKey?.(event);
    if (dedupeKey !== undefined) {
      if (this.#seen.has(dedupeKey)) {
        this.#stats.eventsDeduplicated++;
        return false;
      }
      this.#remember(dedupeKey);
    }
    const serialized = this.#serialize(event);
    const size = utf8ByteLength(serialized);
    const state = this.#state(key);

    if (this.#batchBytes(1, size) > this.#maxBytes) {
      this.#flushKey(state, 'maxBytes', false);
      this.#enqueue(state, [event], [serialized], size, 'oversized', false);
      return true;
    }
    if (state.events.length > 0 && this.#batchBytes(state.events.length + 1, state.contentBytes + size) > this.#maxBytes) {
      this.#flushKey(state, 'maxBytes', false);
    }
    state.events.push(event);
    state.serialized.push(serialized);
    state.contentBytes += size;

    if (state.events.length >= this.#maxEvents) this.#flushKey(state, 'maxEvents', false);
    else if (this.#batchBytes(state.events.length, state.contentBytes) === this.#maxBytes) this.#flushKey(state, 'maxBytes', false);
    else state.timer ??= setTimeout(() => this.#flushKey(state, 'interval', false), this.#flushIntervalMs);
    return true;
  }

  /** Sends everything buffered (not final) and waits until every queued batch is sent or reported. */
  async flush(): Promise<void> {
    for (const state of this.#keys.values()) this.#flushKey(state, 'flush', false);
    await this.#drain();
  }

  /**
   * Sends each key's remaining events as its `final: true` batch (see
   * sendEmptyFinalBatch for keys with nothing buffered) and waits for every
   * send. Idempotent; add() throws afterwards.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      const sendEmpty = this.#options.sendEmptyFinalBatch ?? true;
      for (const state of this.#keys.values()) {
        if (state.events.length > 0 || (sendEmpty && state.sequence > 0)) this.#flushKey(state, 'close', true);
      }
      await this.#drain();
    })();
    return this.#closing;
  }

  get stats(): BatcherStats {
    const s = this.#stats;
    let eventsBuffered = 0;
    for (const state of this.#keys.values()) eventsBuffered += state.events.length;
    return {
      ...s,
      flushReasons: { ...s.flushReasons },
      eventsBuffered,
      averageEventsPerBatch: s.batchesSent === 0 ? 0 : s.eventsSent / s.batchesSent,
      averageBytesPerBatch: s.batchesSent === 0 ? 0 : s.bytesSent / s.batchesSent,
    };
  }

  #batchBytes(count: number, contentBytes: number): number {
    if (this.#ndjson) return contentBytes + count;
    return count === 0 ? 2 : contentBytes + count + 1; // "[" + items joined by "," + "]"
  }

  #state(key: string): KeyState<Event> {
    let state = this.#keys.get(key);
    if (!state) {
      state = { key, events: [], serialized: [], contentBytes: 0, sequence: 0, timer: undefined, tail: Promise.resolve() };
      this.#keys.set(key, state);
    }
    return state;
  }

  #remember(dedupeKey: string): void {
    this.#seen.add(dedupeKey);
    const window = this.#options.dedupeWindow ?? BATCHER_DEFAULTS.dedupeWindow;
    if (this.#seen.size > window) this.#seen.delete(this.#seen.values().next().value as string);
  }

  #flushKey(state: KeyState<Event>, reason: FlushReason, final: boolean): void {
    if (state.timer !== undefined) {
      clearTimeout(state.timer);
      state.timer = undefined;
    }
    if (state.events.length === 0 && !final) return;
    const { events, serialized, contentBytes } = state;
    state.events = [];
    state.serialized = [];
    state.contentBytes = 0;
    this.#enqueue(state, events, serialized, contentBytes, reason, final);
  }

  #enqueue(
    state: KeyState<Event>,
    events: Event[],
    serializedEvents: string[],
    contentBytes: number,
    reason: FlushReason,
    final: boolean,
  ): void {
    const batch: Batch<Event> = {
      key: state.key,
      events,
      sequence: ++state.sequence,
      final,
      bytes: this.#batchBytes(events.length, contentBytes),
      serializedEvents,
    };
    this.#stats.flushReasons[reason]++;
    // Chaining on the key's tail keeps one send per key in flight, in sequence order.
    const delivery = state.tail.then(() => this.#deliver(batch));
    state.tail = delivery;
    this.#inFlight.add(delivery);
    void delivery.finally(() => this.#inFlight.delete(delivery));
  }

  async #deliver(batch: Batch<Event>): Promise<void> {
    await this.#acquire();
    try {
      await runWithRetries((attempt) => this.#options.send(batch, { attempt }), this.#policy, { idempotent: true });
      this.#stats.batchesSent++;
      this.#stats.eventsSent += batch.events.length;
      this.#stats.bytesSent += batch.bytes;
    } catch (error) {
      this.#stats.batchesFailed++;
      this.#stats.eventsFailed += batch.events.length;
      const dedupeKey = this.#options.dedupeKey;
      if (dedupeKey) for (const event of batch.events) this.#seen.delete(dedupeKey(event));
      try {
        await this.#options.onError(error, batch);
      } catch {
        // onError owns the batch now; its own failure must not stall this key's queue.
      }
    } finally {
      this.#release();
    }
  }

  async #drain(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all(this.#inFlight);
  }

  #acquire(): Promise<void> {
    const limit = this.#options.maxConcurrentSends ?? BATCHER_DEFAULTS.maxConcurrentSends;
    if (this.#activeSends < limit) {
      this.#activeSends++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#activeSends--;
  }
}

export function createBatcher<Event>(options: BatcherOptions<Event>): Batcher<Event> {
  return new Batcher(options);
}

/** The batch as a JSON array body, built from the already-serialized events. */
export function batchToJson(batch: Pick<Batch<unknown>, 'serializedEvents'>): string {
  return `[${batch.serializedEvents.join(',')}]`;
}

/** The batch as an NDJSON body, built from the already-serialized events. */
export function batchToNdjson(batch: Pick<Batch<unknown>, 'serializedEvents'>): string {
  return batch.serializedEvents.length === 0 ? '' : `${batch.serializedEvents.join('\n')}\n`;
}
