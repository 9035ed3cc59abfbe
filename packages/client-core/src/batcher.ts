import { utf8ByteLength } from './encoding.js';
import { ApiError, ApiTimeoutError, AuthenticationError, PayloadTooLargeError, PermissionDeniedError } from './errors.js';
import { resolveRetryOptions, runWithRetries, type ResolvedRetryOptions, type RetryOptions } from './retry.js';

/**
 * Ingest batcher: buffers events per key (e.g. a session id) and sends them in
 * numbered batches. Guarantees:
 * - a batch never exceeds maxEvents nor maxBytes (except one event that alone exceeds maxBytes: sent alone);
 * - per key, batches are sent one at a time in sequence order (1, 2, 3, ...), unless `ordered: false`;
 * - a failed send is retried with the SAME batch and sequence (the server can dedupe);
 * - a batch that still fails (or misses its delivery deadline) reaches onError with its events;
 *   a batch answered 413 is split in halves and resent;
 * - memory is bounded (maxQueuedBytes, maxQueuedBatches): what does not fit is dropped by the
 *   `overflow` policy and reported to onDrop and in stats; nothing is dropped silently;
 * - after a 401/403 nothing more is sent: reported once (onError for the batch, onDrop for the rest).
 */

export interface Batch<Event> {
  readonly key: string;
  readonly events: readonly Event[];
  /** Per key, starting at 1, +1 per batch, given when the batch is first sent (or handed off). */
  readonly sequence: number;
  /** True for the batch sent by close(). */
  readonly final: boolean;
  /** Serialized size in bytes for the batcher's `format` (JSON array or NDJSON). */
  readonly bytes: number;
  /** Every event serialized once, in order: join them instead of stringifying again. */
  readonly serializedEvents: readonly string[];
}

export type FlushReason = 'maxEvents' | 'maxBytes' | 'oversized' | 'interval' | 'flush' | 'close' | 'unload';

/**
 * Why events were dropped: `queueFull` (the overflow policy), `unauthorized` (a 401/403 stopped the
 * batcher: what was queued, and every later add()).
 */
export type DropReason = 'queueFull' | 'unauthorized';

export interface DropInfo<Event> {
  readonly reason: DropReason;
  /** The dropped events (a refused add(): that one event; drop-oldest: the evicted batch's events). */
  readonly events: readonly Event[];
  /** The keys the events belonged to. */
  readonly keys: readonly string[];
  /** For `unauthorized`: the (redacted) 401/403 error. */
  readonly error?: unknown;
}

export interface SendContext {
  /** 1 for the first attempt of this batch. */
  readonly attempt: number;
  /** Aborted when drainForUnload() takes this batch over, or when its delivery deadline passes: stop sending it. */
  readonly signal: AbortSignal;
}

export interface BatcherOptions<Event> {
  send(batch: Batch<Event>, context: SendContext): Promise<void>;
  /** Receives every batch whose retries are exhausted (or whose error is not retryable, or whose deadline passed). */
  onError(error: unknown, batch: Batch<Event>): void | Promise<void>;
  /** Receives events the batcher drops (see DropReason); they are also counted in stats. */
  onDrop?: ((info: DropInfo<Event>) => void) | undefined;
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
  /** Sends in flight across all keys (and within a key when `ordered` is false). Default 4. */
  maxConcurrentSends?: number | undefined;
  /**
   * true (default): a key has at most one send in flight, so its batches arrive in sequence order.
   * false: batches of one key are sent in parallel too (for APIs that do not need the order).
   */
  ordered?: boolean | undefined;
  /** Serialized bytes of every undelivered event (buffered, queued, in flight) at most. Default 16 MiB. */
  maxQueuedBytes?: number | undefined;
  /** Undelivered batches (queued and in flight) at most; add() counts as full at this many. Default 100. */
  maxQueuedBatches?: number | undefined;
  /**
   * When the queue is full: 'drop-oldest' (default) evicts the oldest batch that is not in flight to make
   * room; 'refuse-new' refuses the new event (add() returns false). Both report to onDrop.
   */
  overflow?: 'drop-oldest' | 'refuse-new' | undefined;
  /** A batch not delivered this long after its first attempt (all retries included) fails with ApiTimeoutError. Default 120000 ms. */
  deliveryDeadlineMs?: number | undefined;
  /** Names the batcher in the warning printed when a Node process exits with undelivered events. */
  name?: string | undefined;
}

export interface BatcherStats {
  batchesSent: number;
  eventsSent: number;
  bytesSent: number;
  batchesFailed: number;
  eventsFailed: number;
  /** Batches that failed because their delivery deadline passed (also in batchesFailed). */
  batchesTimedOut: number;
  /** Batches split in halves after a 413. */
  batchesSplit: number;
  retries: number;
  eventsDeduplicated: number;
  /** Batches drainForUnload() handed to the caller (not counted as sent or failed). */
  batchesHandedOff: number;
  eventsHandedOff: number;
  eventsBuffered: number;
  /** Batches made and not yet delivered: waiting for their turn or in flight. */
  batchesQueued: number;
  eventsQueued: number;
  /** Serialized bytes of every undelivered event, buffered or queued (what maxQueuedBytes bounds). */
  bytesQueued: number;
  eventsDropped: number;
  batchesDropped: number;
  dropReasons: Record<DropReason, number>;
  /** True after a 401/403: nothing more is sent. */
  stopped: boolean;
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
  maxQueuedBytes: 16_777_216,
  maxQueuedBatches: 100,
  deliveryDeadlineMs: 120_000,
} as const;

interface KeyState<Event> {
  readonly key: string;
  events: Event[];
  serialized: string[];
  contentBytes: number;
  /** Sequence numbers given so far. */
  sequence: number;
  /** Batches made so far (a key that made none gets no empty final batch). */
  made: number;
  /** A final batch has been made: there is no other. */
  finalMade: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Batches being sent (or waiting to retry). */
  sending: Delivery<Event>[];
}

interface MutableBatch<Event> {
  key: string;
  events: Event[];
  sequence: number;
  final: boolean;
  bytes: number;
  serializedEvents: string[];
}

interface Delivery<Event> {
  readonly state: KeyState<Event>;
  readonly batch: MutableBatch<Event>;
  /** Serialized event bytes (what the queue bound counts). */
  readonly contentBytes: number;
  readonly controller: AbortController;
  /** Delivered, failed, handed off or dropped: no longer counted, sent or reported. */
  settled: boolean;
  timedOut: boolean;
}

export class Batcher<Event> {
  readonly #options: BatcherOptions<Event>;
  readonly #maxEvents: number;
  readonly #maxBytes: number;
  readonly #flushIntervalMs: number;
  readonly #maxQueuedBytes: number;
  readonly #maxQueuedBatches: number;
  readonly #maxConcurrent: number;
  readonly #deadlineMs: number;
  readonly #ordered: boolean;
  readonly #dropOldest: boolean;
  readonly #ndjson: boolean;
  readonly #serialize: (event: Event) => string;
  readonly #policy: ResolvedRetryOptions;
  readonly #keys = new Map<string, KeyState<Event>>();
  readonly #seen = new Set<string>();
  /** Batches waiting for a send slot, oldest first (per key in sequence order). */
  #waiting: Delivery<Event>[] = [];
  readonly #running = new Set<Promise<void>>();
  #activeSends = 0;
  #queuedBytes = 0;
  #queuedBatches = 0;
  #queuedEvents = 0;
  #bufferedEvents = 0;
  #stopped = false;
  #closing: Promise<void> | undefined;
  readonly #stats = {
    batchesSent: 0,
    eventsSent: 0,
    bytesSent: 0,
    batchesFailed: 0,
    eventsFailed: 0,
    batchesTimedOut: 0,
    batchesSplit: 0,
    retries: 0,
    eventsDeduplicated: 0,
    batchesHandedOff: 0,
    eventsHandedOff: 0,
    eventsDropped: 0,
    batchesDropped: 0,
    dropReasons: { queueFull: 0, unauthorized: 0 } as Record<DropReason, number>,
    flushReasons: { maxEvents: 0, maxBytes: 0, oversized: 0, interval: 0, flush: 0, close: 0, unload: 0 } as Record<FlushReason, number>,
  };

  constructor(options: BatcherOptions<Event>) {
    this.#options = options;
    this.#maxEvents = options.maxEvents ?? BATCHER_DEFAULTS.maxEvents;
    this.#maxBytes = options.maxBytes ?? BATCHER_DEFAULTS.maxBytes;
    this.#flushIntervalMs = options.flushIntervalMs ?? BATCHER_DEFAULTS.flushIntervalMs;
    this.#maxQueuedBytes = options.maxQueuedBytes ?? BATCHER_DEFAULTS.maxQueuedBytes;
    this.#maxQueuedBatches = Math.max(1, options.maxQueuedBatches ?? BATCHER_DEFAULTS.maxQueuedBatches);
    this.#maxConcurrent = Math.max(1, options.maxConcurrentSends ?? BATCHER_DEFAULTS.maxConcurrentSends);
    this.#deadlineMs = options.deliveryDeadlineMs ?? BATCHER_DEFAULTS.deliveryDeadlineMs;
    this.#ordered = options.ordered ?? true;
    this.#dropOldest = (options.overflow ?? 'drop-oldest') === 'drop-oldest';
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

  /**
   * Buffers an event. Returns false when it was not taken: a duplicate, a full queue under
   * `overflow: 'refuse-new'` (reported to onDrop), or a batcher stopped by a 401/403 (counted in
   * stats only; the stop itself was reported once). Throws after close().
   */
  add(key: string, event: Event): boolean {
    if (this.#closing) throw new Error('Batcher is closed; events can no longer be added.');
    if (this.#stopped) {
      this.#stats.eventsDropped++;
      this.#stats.dropReasons.unauthorized++;
      return false;
    }
    const dedupeKey = this.#options.dedupeKey?.(event);
    if (dedupeKey !== undefined && this.#seen.has(dedupeKey)) {
      this.#stats.eventsDeduplicated++;
      return false;
    }
    const serialized = this.#serialize(event);
    const size = utf8ByteLength(serialized);
    if (!this.#makeRoom(size)) {
      this.#drop('queueFull', [event], [key]);
      return false;
    }
    if (dedupeKey !== undefined) this.#remember(dedupeKey);
    watchExit(this);
    const state = this.#state(key);
    const made = state.made;
    this.#queuedBytes += size;

    if (this.#batchBytes(1, size) > this.#maxBytes) {
      this.#flushKey(state, 'maxBytes', false);
      this.#stats.flushReasons.oversized++;
      state.made++;
      this.#enqueue(this.#delivery(state, [event], [serialized], size, false));
      this.#pump();
      return true;
    }
    if (state.events.length > 0 && this.#batchBytes(state.events.length + 1, state.contentBytes + size) > this.#maxBytes) {
      this.#flushKey(state, 'maxBytes', false);
    }
    state.events.push(event);
    state.serialized.push(serialized);
    state.contentBytes += size;
    this.#bufferedEvents++;

    if (state.events.length >= this.#maxEvents) this.#flushKey(state, 'maxEvents', false);
    else if (this.#batchBytes(state.events.length, state.contentBytes) === this.#maxBytes) this.#flushKey(state, 'maxBytes', false);
    else state.timer ??= unref(setTimeout(() => (this.#flushKey(state, 'interval', false), this.#pump()), this.#flushIntervalMs));
    // Only a new batch can start a send here (finished sends pump on their own): an add() that only
    // buffers does not walk the queue.
    if (state.made !== made) this.#pump();
    return true;
  }

  /** Sends everything buffered (not final) and waits until every queued batch is sent or reported. */
  async flush(): Promise<void> {
    for (const state of this.#keys.values()) this.#flushKey(state, 'flush', false);
    this.#pump();
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
        if (state.events.length > 0 || (sendEmpty && state.made > 0)) this.#flushKey(state, 'close', true);
      }
      this.#pump();
      await this.#drain();
      openBatchers.delete(this);
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
      if (delivery.batch.sequence === 0) delivery.batch.sequence = ++delivery.state.sequence;
      this.#settle(delivery);
      delivery.controller.abort();
      this.#stats.batchesHandedOff++;
      this.#stats.eventsHandedOff += delivery.batch.events.length;
      taken.push(delivery.batch);
    };
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const state of this.#keys.values()) {
      for (const delivery of [...state.sending].sort((a, b) => a.batch.sequence - b.batch.sequence)) {
        if (!delivery.settled) handOff(delivery);
      }
      for (const delivery of waiting) if (delivery.state === state) handOff(delivery);
      this.#clearTimer(state);
      const finalDue = final && !state.finalMade && (state.events.length > 0 || (sendEmpty && state.made > 0));
      if (state.events.length === 0 && !finalDue) continue;
      const delivery = this.#takeBuffer(state, final, 'unload');
      delivery.batch.sequence = ++state.sequence;
      this.#queuedBytes -= delivery.contentBytes;
      this.#stats.batchesHandedOff++;
      this.#stats.eventsHandedOff += delivery.batch.events.length;
      taken.push(delivery.batch);
    }
    if (final) {
      this.#closing ??= this.#drain();
      openBatchers.delete(this);
    } else this.#unwatchIfIdle();
    return taken;
  }

  get stats(): BatcherStats {
    const s = this.#stats;
    return {
      ...s,
      dropReasons: { ...s.dropReasons },
      flushReasons: { ...s.flushReasons },
      eventsBuffered: this.#bufferedEvents,
      batchesQueued: this.#queuedBatches,
      eventsQueued: this.#queuedEvents,
      bytesQueued: this.#queuedBytes,
      stopped: this.#stopped,
      averageEventsPerBatch: s.batchesSent === 0 ? 0 : s.eventsSent / s.batchesSent,
      averageBytesPerBatch: s.batchesSent === 0 ? 0 : s.bytesSent / s.batchesSent,
    };
  }

  /** @internal Undelivered events (buffered and queued), for the exit warning. */
  get undelivered(): number {
    return this.#bufferedEvents + this.#queuedEvents;
  }

  /** @internal */
  get label(): string {
    return this.#options.name ?? 'batcher';
  }

  #batchBytes(count: number, contentBytes: number): number {
    if (this.#ndjson) return contentBytes + count;
    return count === 0 ? 2 : contentBytes + count + 1; // "[" + items joined by "," + "]"
  }

  #state(key: string): KeyState<Event> {
    let state = this.#keys.get(key);
    if (!state) {
      state = { key, events: [], serialized: [], contentBytes: 0, sequence: 0, made: 0, finalMade: false, timer: undefined, sending: [] };
      this.#keys.set(key, state);
    }
    return state;
  }

  #remember(dedupeKey: string): void {
    this.#seen.add(dedupeKey);
    const window = this.#options.dedupeWindow ?? BATCHER_DEFAULTS.dedupeWindow;
    if (this.#seen.size > window) this.#seen.delete(this.#seen.values().next().value as string);
  }

  #forget(events: readonly Event[]): void {
    const dedupeKey = this.#options.dedupeKey;
    if (dedupeKey) for (const event of events) this.#seen.delete(dedupeKey(event));
  }

  /** Whether `size` more bytes fit; under drop-oldest, evicts the oldest batches not in flight to make room. */
  #makeRoom(size: number): boolean {
    if (size > this.#maxQueuedBytes) return false;
    while (this.#queuedBytes + size > this.#maxQueuedBytes || this.#queuedBatches >= this.#maxQueuedBatches) {
      const oldest = this.#dropOldest ? this.#waiting.shift() : undefined;
      if (!oldest) return false;
      this.#settle(oldest);
      this.#forget(oldest.batch.events);
      this.#stats.batchesDropped++;
      this.#drop('queueFull', oldest.batch.events, [oldest.state.key]);
    }
    return true;
  }

  #drop(reason: DropReason, events: readonly Event[], keys: readonly string[], error?: unknown): void {
    this.#stats.eventsDropped += events.length;
    this.#stats.dropReasons[reason] += events.length;
    try {
      this.#options.onDrop?.({ reason, events, keys, ...(error === undefined ? {} : { error }) });
    } catch {
      // The report's own failure must not break add().
    }
  }

  #flushKey(state: KeyState<Event>, reason: FlushReason, final: boolean): void {
    this.#clearTimer(state);
    if (state.events.length === 0 && !final) return;
    if (this.#stopped) return;
    this.#enqueue(this.#takeBuffer(state, final, reason));
  }

  #clearTimer(state: KeyState<Event>): void {
    if (state.timer !== undefined) {
      clearTimeout(state.timer);
      state.timer = undefined;
    }
  }

  /** Turns the key's buffered events into its next batch (sequence given when sent) and empties the buffer. */
  #takeBuffer(state: KeyState<Event>, final: boolean, reason: FlushReason): Delivery<Event> {
    const { events, serialized, contentBytes } = state;
    state.events = [];
    state.serialized = [];
    state.contentBytes = 0;
    this.#bufferedEvents -= events.length;
    state.made++;
    if (final) state.finalMade = true;
    this.#stats.flushReasons[reason]++;
    return this.#delivery(state, events, serialized, contentBytes, final);
  }

  #delivery(state: KeyState<Event>, events: Event[], serializedEvents: string[], contentBytes: number, final: boolean): Delivery<Event> {
    const bytes = this.#batchBytes(events.length, contentBytes);
    return {
      state,
      batch: { key: state.key, events, sequence: 0, final, bytes, serializedEvents },
      contentBytes,
      controller: new AbortController(),
      settled: false,
      timedOut: false,
    };
  }

  #enqueue(delivery: Delivery<Event>, first = false): void {
    this.#queuedBatches++;
    this.#queuedEvents += delivery.batch.events.length;
    if (first) this.#waiting.unshift(delivery);
    else this.#waiting.push(delivery);
  }

  /** No longer undelivered: out of the queue counts. */
  #settle(delivery: Delivery<Event>): void {
    if (delivery.settled) return;
    delivery.settled = true;
    this.#queuedBatches--;
    this.#queuedEvents -= delivery.batch.events.length;
    this.#queuedBytes -= delivery.contentBytes;
  }

  /** Starts waiting batches while send slots are free (one per key at a time when ordered). */
  #pump(): void {
    if (this.#stopped) return;
    for (let i = 0; i < this.#waiting.length && this.#activeSends < this.#maxConcurrent; ) {
      const delivery = this.#waiting[i]!;
      const { state } = delivery;
      if (this.#ordered && state.sending.length > 0) {
        i++;
        continue;
      }
      this.#waiting.splice(i, 1);
      delivery.batch.sequence ||= ++state.sequence;
      state.sending.push(delivery);
      this.#activeSends++;
      const run: Promise<void> = Promise.resolve()
        .then(() => this.#deliver(delivery))
        .finally(() => {
          state.sending.splice(state.sending.indexOf(delivery), 1);
          this.#activeSends--;
          this.#running.delete(run);
          this.#pump();
          this.#unwatchIfIdle();
        });
      this.#running.add(run);
    }
  }

  async #deliver(delivery: Delivery<Event>): Promise<void> {
    const { batch, controller } = delivery;
    const signal = controller.signal;
    if (delivery.settled) return;
    let attempts = 0;
    const deadline = Number.isFinite(this.#deadlineMs)
      ? unref(
          setTimeout(() => {
            delivery.timedOut = true;
            controller.abort();
          }, this.#deadlineMs),
        )
      : undefined;
    try {
      await runWithRetries(
        (attempt) => {
          attempts = attempt;
          return untilAborted(this.#options.send(batch, { attempt, signal }), signal);
        },
        this.#policy,
        { idempotent: true, signal },
      );
      if (delivery.settled) return;
      this.#settle(delivery);
      this.#stats.batchesSent++;
      this.#stats.eventsSent += batch.events.length;
      this.#stats.bytesSent += batch.bytes;
    } catch (thrown) {
      // Taken over by drainForUnload() or dropped by a stop: neither failed nor retried here.
      if (delivery.settled) return;
      let error = thrown;
      if (delivery.timedOut) {
        this.#stats.batchesTimedOut++;
        error = new ApiTimeoutError(`Batch ${batch.sequence} was not delivered within ${this.#deadlineMs} ms (${attempts} attempts).`, {
          cause: thrown,
        });
      } else if (isTooLarge(thrown) && batch.events.length > 1) {
        this.#split(delivery);
        return;
      }
      // onError is called (synchronously) before a 401/403 stops the batcher and drops the rest.
      const reported = this.#fail(delivery, error);
      if (!delivery.timedOut && isUnauthorized(thrown)) this.#stop(error);
      await reported;
    } finally {
      if (deadline !== undefined) clearTimeout(deadline);
    }
  }

  async #fail(delivery: Delivery<Event>, error: unknown): Promise<void> {
    const { batch } = delivery;
    this.#settle(delivery);
    this.#stats.batchesFailed++;
    this.#stats.eventsFailed += batch.events.length;
    this.#forget(batch.events);
    try {
      await this.#options.onError(error, batch);
    } catch {
      // onError owns the batch now; its own failure must not stall the queue.
    }
  }

  /** A 413: the batch goes back to the front of the queue as two halves (each with its own next sequence). */
  #split(delivery: Delivery<Event>): void {
    const { batch, state } = delivery;
    this.#settle(delivery);
    this.#stats.batchesSplit++;
    const middle = Math.ceil(batch.events.length / 2);
    const half = (from: number, to: number, final: boolean) => {
      const serialized = batch.serializedEvents.slice(from, to);
      let bytes = 0;
      for (const text of serialized) bytes += utf8ByteLength(text);
      this.#queuedBytes += bytes;
      return this.#delivery(state, batch.events.slice(from, to), serialized, bytes, final);
    };
    this.#enqueue(half(middle, batch.events.length, batch.final), true);
    this.#enqueue(half(0, middle, false), true);
  }

  /** 401/403: the credential is refused, so nothing more is sent. Everything undelivered is dropped and reported once. */
  #stop(error: unknown): void {
    if (this.#stopped) return;
    this.#stopped = true;
    const events: Event[] = [];
    const keys = new Set<string>();
    const take = (delivery: Delivery<Event>) => {
      if (delivery.settled) return;
      this.#settle(delivery);
      delivery.controller.abort();
      events.push(...delivery.batch.events);
      keys.add(delivery.state.key);
    };
    for (const state of this.#keys.values()) {
      state.sending.forEach(take);
      this.#clearTimer(state);
    }
    for (const delivery of this.#waiting) take(delivery);
    this.#waiting = [];
    for (const state of this.#keys.values()) {
      if (state.events.length === 0) continue;
      events.push(...state.events);
      keys.add(state.key);
      this.#bufferedEvents -= state.events.length;
      this.#queuedBytes -= state.contentBytes;
      state.events = [];
      state.serialized = [];
      state.contentBytes = 0;
    }
    this.#forget(events);
    this.#drop('unauthorized', events, [...keys], error);
    this.#unwatchIfIdle();
  }

  async #drain(): Promise<void> {
    while (this.#running.size > 0) await Promise.all(this.#running);
  }

  #unwatchIfIdle(): void {
    if (this.undelivered === 0) openBatchers.delete(this);
  }
}

/** A send that ignores its signal must not hold the batch past its deadline (or a hand-off). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new DOMException('The batch send was aborted.', 'AbortError'));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function isTooLarge(error: unknown): boolean {
  return error instanceof PayloadTooLargeError || (error instanceof ApiError && error.status === 413);
}

function isUnauthorized(error: unknown): boolean {
  return (
    error instanceof AuthenticationError ||
    error instanceof PermissionDeniedError ||
    (error instanceof ApiError && (error.status === 401 || error.status === 403))
  );
}

/** Node timers keep the process alive; a flush interval must not (browsers return a number: nothing to do). */
function unref<Timer>(timer: Timer): Timer {
  (timer as { unref?: () => void }).unref?.();
  return timer;
}

interface ExitHost {
  on(event: 'beforeExit' | 'exit', listener: () => void): unknown;
}

/** Batchers holding undelivered events, for the one warning a Node process prints when it exits without close(). */
interface Watched {
  readonly undelivered: number;
  readonly label: string;
}
const openBatchers = new Set<Watched>();
let exitHooked = false;

/**
 * Feature-detected (no Node import): where a Node-like process exists, one 'beforeExit'/'exit'
 * listener for all batchers warns once, without any event content or credential, if events
 * were never delivered.
 */
function watchExit(batcher: Watched): void {
  openBatchers.add(batcher);
  if (exitHooked) return;
  exitHooked = true;
  const host = (globalThis as { process?: ExitHost }).process;
  if (typeof host?.on !== 'function') return;
  let warned = false;
  const warn = () => {
    if (warned) return;
    let events = 0;
    const names = new Set<string>();
    for (const open of openBatchers) {
      if (open.undelivered === 0) continue;
      events += open.undelivered;
      names.add(open.label);
    }
    if (events === 0) return;
    warned = true;
    console.warn(
      `[apiforge] exiting with ${events} undelivered event(s) in ${[...names].join(', ')}: call and await close() (or flush()) before exiting.`,
    );
  };
  host.on('beforeExit', warn);
  host.on('exit', warn);
}

export function createBatcher<Event>(options: BatcherOptions<Event>): Batcher<Event> {
  return new Batcher(options);
}

/**
 * The batch as a JSON array body, built from the already-serialized events. Appending builds a rope that
 * is copied once when the body is encoded, which measured about 30% faster than join() plus encoding.
 */
export function batchToJson(batch: Pick<Batch<unknown>, 'serializedEvents'>): string {
  const events = batch.serializedEvents;
  let body = '[';
  for (let i = 0; i < events.length; i++) body += i === 0 ? events[i] : `,${events[i]}`;
  return `${body}]`;
}

/** The batch as an NDJSON body (every line newline-terminated), built from the already-serialized events. */
export function batchToNdjson(batch: Pick<Batch<unknown>, 'serializedEvents'>): string {
  let body = '';
  for (const line of batch.serializedEvents) body += `${line}\n`;
  return body;
}
