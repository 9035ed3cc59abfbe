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

export type FlushReason = 'maxEvents' | 'maxBytes' | 'oversized' | 'interval' | 'flush' | 'close' | 'unload';

export interface SendContext {
  /** 1 for the first attempt of this batch. */
  readonly attempt: number;
  /** Aborted when drainForUnload() takes this batch over: stop sending it. */
  readonly signal: AbortSignal;
}

export interface BatcherOptions<Event> {
  send(batch: Batch<Event>, context: SendContext): Promise<void>;
  /** Receives every batch whose retries are exhausted (or whose error is not retryable). */
  onError(error: unknown, batch: Batch<Event>): void | Promise<void>;
  /** Default 500. */
  maxEvents?: number | undefined;
  /** Default 1 MiB (1048576), measured on the serialized `format`. */
  maxBytes?: number | undefined;
  /**
   * A key's oldest buffered event is sent at most this late. Default 10000 ms.
   * The timer does not keep a Node process alive: call flush() or close() before exiting.
   */
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
  /** Batches drainForUnload() handed to the caller (not counted as sent or failed). */
  batchesHandedOff: number;
  eventsHandedOff: number;
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
  /** A final batch has been made: there is no other. */
  finalMade: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
  tail: Promise<void>;
  /** Batches waiting for their turn, in sequence order. */
  queue: Delivery<Event>[];
  /** The batch being sent (or waiting to retry). */
  sending: Delivery<Event> | undefined;
}

interface Delivery<Event> {
  readonly batch: Batch<Event>;
  readonly controller: AbortController;
  /** Taken by drainForUnload(): the batcher neither sends it nor reports it any more. */
  handedOff: boolean;
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
    batchesHandedOff: 0,
    eventsHandedOff: 0,
    flushReasons: { maxEvents: 0, maxBytes: 0, oversized: 0, interval: 0, flush: 0, close: 0, unload: 0 } as Record<FlushReason, number>,
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
      this.#stats.flushReasons.oversized++;
      this.#enqueue(state, this.#batch(state, [event], [serialized], size, false));
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
    else state.timer ??= unref(setTimeout(() => this.#flushKey(state, 'interval', false), this.#flushIntervalMs));
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
        if (state.finalMade) continue;
        if (state.events.length > 0 || (sendEmpty && state.sequence > 0)) this.#flushKey(state, 'close', true);
      }
      await this.#drain();
    })();
    return this.#closing;
  }

  /**
   * Takes every batch that has not been delivered, synchronously, for a page
   * that is being hidden or unloaded (where an async send may never finish):
   * per key, in sequence order, the batch being sent (its send is aborted; the
   * server may already have it, so re-send it with the same sequence), the
   * batches queued behind it, and the buffered events as a new batch with the
   * next sequence. With `final: true` that last batch is the key's final one
   * (an empty one for a key that sent before, unless sendEmptyFinalBatch is
   * false) and the batcher is closed. The caller owns what it returns: the
   * batcher will neither send those batches nor pass them to onError.
   */
  drainForUnload(options: { final?: boolean } = {}): Batch<Event>[] {
    const final = options.final === true;
    const sendEmpty = this.#options.sendEmptyFinalBatch ?? true;
    const taken: Batch<Event>[] = [];
    const handOff = (delivery: Delivery<Event>) => {
      delivery.handedOff = true;
      delivery.controller.abort();
      this.#stats.batchesHandedOff++;
      this.#stats.eventsHandedOff += delivery.batch.events.length;
      taken.push(delivery.batch);
    };
    for (const state of this.#keys.values()) {
      if (state.sending && !state.sending.handedOff) handOff(state.sending);
      for (const delivery of state.queue) handOff(delivery);
      state.queue = [];
      this.#clearTimer(state);
      const finalDue = final && !state.finalMade && (state.events.length > 0 || (sendEmpty && state.sequence > 0));
      if (state.events.length === 0 && !finalDue) continue;
      const batch = this.#makeBatch(state, final, 'unload');
      this.#stats.batchesHandedOff++;
      this.#stats.eventsHandedOff += batch.events.length;
      taken.push(batch);
    }
    if (final) this.#closing ??= this.#drain();
    return taken;
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
      state = {
        key,
        events: [],
        serialized: [],
        contentBytes: 0,
        sequence: 0,
        finalMade: false,
        timer: undefined,
        tail: Promise.resolve(),
        queue: [],
        sending: undefined,
      };
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
    this.#clearTimer(state);
    if (state.events.length === 0 && !final) return;
    this.#enqueue(state, this.#makeBatch(state, final, reason));
  }

  #clearTimer(state: KeyState<Event>): void {
    if (state.timer !== undefined) {
      clearTimeout(state.timer);
      state.timer = undefined;
    }
  }

  /** Turns the key's buffered events into its next batch (next sequence) and empties the buffer. */
  #makeBatch(state: KeyState<Event>, final: boolean, reason: FlushReason): Batch<Event> {
    const { events, serialized, contentBytes } = state;
    state.events = [];
    state.serialized = [];
    state.contentBytes = 0;
    if (final) state.finalMade = true;
    this.#stats.flushReasons[reason]++;
    return this.#batch(state, events, serialized, contentBytes, final);
  }

  #batch(state: KeyState<Event>, events: Event[], serializedEvents: string[], contentBytes: number, final: boolean): Batch<Event> {
    return {
      key: state.key,
      events,
      sequence: ++state.sequence,
      final,
      bytes: this.#batchBytes(events.length, contentBytes),
      serializedEvents,
    };
  }

  #enqueue(state: KeyState<Event>, batch: Batch<Event>): void {
    const queued: Delivery<Event> = { batch, controller: new AbortController(), handedOff: false };
    state.queue.push(queued);
    // Chaining on the key's tail keeps one send per key in flight, in sequence order.
    const delivery = state.tail.then(() => this.#deliver(state, queued));
    state.tail = delivery;
    this.#inFlight.add(delivery);
    void delivery.finally(() => this.#inFlight.delete(delivery));
  }

  async #deliver(state: KeyState<Event>, queued: Delivery<Event>): Promise<void> {
    if (queued.handedOff) return;
    await this.#acquire();
    const { batch, controller } = queued;
    try {
      if (queued.handedOff) return;
      state.queue.splice(state.queue.indexOf(queued), 1);
      state.sending = queued;
      const signal = controller.signal;
      await runWithRetries((attempt) => this.#options.send(batch, { attempt, signal }), this.#policy, { idempotent: true, signal });
      if (queued.handedOff) return;
      this.#stats.batchesSent++;
      this.#stats.eventsSent += batch.events.length;
      this.#stats.bytesSent += batch.bytes;
    } catch (error) {
      // Taken over by drainForUnload(): the caller re-sends it, so it is neither failed nor retried here.
      if (queued.handedOff) return;
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
      if (state.sending === queued) state.sending = undefined;
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

/** Node timers keep the process alive; a flush interval must not (browsers return a number: nothing to do). */
function unref<Timer>(timer: Timer): Timer {
  (timer as { unref?: () => void }).unref?.();
  return timer;
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
