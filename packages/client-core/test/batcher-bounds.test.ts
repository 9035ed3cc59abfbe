import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApiTimeoutError,
  AuthenticationError,
  Batcher,
  InternalServerError,
  PayloadTooLargeError,
  PermissionDeniedError,
  type Batch,
  type BatcherOptions,
  type DropInfo,
} from '../src/index.js';

interface Event {
  id: number;
  p?: string;
}

const never = () => new Promise<void>(() => {});

function tracked(options: Partial<BatcherOptions<Event>> & Pick<BatcherOptions<Event>, 'send'>) {
  const failed: Array<{ error: unknown; batch: Batch<Event> }> = [];
  const drops: DropInfo<Event>[] = [];
  const batcher = new Batcher<Event>({
    onError: (error, batch) => void failed.push({ error, batch }),
    onDrop: (info) => void drops.push(info),
    retry: { sleep: async () => {}, random: () => 0 },
    ...options,
  });
  return { batcher, failed, drops };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Batcher: bounded queue while the server is down or hangs', () => {
  it('a hanging server: 100k events stay within maxQueuedBytes/maxQueuedBatches, the rest is dropped and reported', () => {
    const { batcher, drops } = tracked({ send: never, maxEvents: 50, maxQueuedBatches: 20, maxQueuedBytes: 64 * 1024 });
    let accepted = 0;
    for (let id = 0; id < 100_000; id++) if (batcher.add('s', { id, p: 'x'.repeat(20) })) accepted++;
    const stats = batcher.stats;
    expect(stats.bytesQueued).toBeLessThanOrEqual(64 * 1024);
    expect(stats.batchesQueued).toBeLessThanOrEqual(20);
    // Queued events appear in the statistics: everything accepted is buffered, queued, or dropped later.
    expect(stats.eventsQueued + stats.eventsBuffered).toBeGreaterThan(0);
    expect(stats.eventsQueued + stats.eventsBuffered + stats.eventsDropped).toBe(100_000);
    expect(stats.dropReasons.queueFull).toBe(stats.eventsDropped);
    expect(drops.reduce((n, d) => n + d.events.length, 0)).toBe(stats.eventsDropped);
    expect(drops.every((d) => d.reason === 'queueFull' && d.keys[0] === 's')).toBe(true);
    expect(accepted).toBe(100_000); // drop-oldest (default) keeps taking new events
  });

  it('drop-oldest evicts the oldest batch not in flight; what is sent keeps contiguous sequences', async () => {
    const sends: Array<{ batch: Batch<Event>; release: () => void }> = [];
    const { batcher, drops } = tracked({
      send: (batch) => new Promise<void>((release) => sends.push({ batch, release })),
      maxEvents: 1,
      maxQueuedBatches: 3,
      sendEmptyFinalBatch: false,
    });
    for (let id = 1; id <= 6; id++) batcher.add('s', { id });
    await vi.waitFor(() => expect(sends).toHaveLength(1));
    // [1] in flight; [2], [3] and [4] evicted in turn to make room for [4], [5] and [6].
    expect(drops.map((d) => d.events.map((e) => e.id))).toEqual([[2], [3], [4]]);
    expect(batcher.stats).toMatchObject({ batchesQueued: 3, eventsQueued: 3, batchesDropped: 3, eventsDropped: 3 });
    const closed = batcher.close();
    for (let i = 0; i < 3; i++) {
      await vi.waitFor(() => expect(sends).toHaveLength(i + 1));
      sends[i]!.release();
    }
    await closed;
    expect(sends.map((s) => [s.batch.sequence, s.batch.events[0]?.id])).toEqual([
      [1, 1],
      [2, 5],
      [3, 6],
    ]);
  });

  it("overflow: 'refuse-new' refuses the new event (add returns false) and reports it", () => {
    const { batcher, drops } = tracked({ send: never, maxEvents: 2, maxQueuedBatches: 2, overflow: 'refuse-new' });
    const results = Array.from({ length: 8 }, (_, id) => batcher.add('k', { id }));
    expect(results).toEqual([true, true, true, true, false, false, false, false]);
    expect(drops.map((d) => [d.reason, d.events[0]!.id])).toEqual([
      ['queueFull', 4],
      ['queueFull', 5],
      ['queueFull', 6],
      ['queueFull', 7],
    ]);
    expect(batcher.stats).toMatchObject({ eventsQueued: 4, batchesQueued: 2, eventsDropped: 4, batchesDropped: 0 });
  });

  it('an event larger than maxQueuedBytes is refused, not queued', () => {
    const { batcher, drops } = tracked({ send: never, maxQueuedBytes: 100 });
    expect(batcher.add('k', { id: 1, p: 'x'.repeat(200) })).toBe(false);
    expect(drops).toHaveLength(1);
    expect(batcher.stats.bytesQueued).toBe(0);
  });
});

describe('Batcher: delivery deadline across retries', () => {
  it('a send that hangs (ignoring its signal) fails with ApiTimeoutError at the deadline', async () => {
    vi.useFakeTimers();
    let signal: AbortSignal | undefined;
    const { batcher, failed } = tracked({
      send: (_batch, context) => ((signal = context.signal), never()),
      deliveryDeadlineMs: 5_000,
    });
    batcher.add('s', { id: 1 });
    const flushed = batcher.flush();
    await vi.advanceTimersByTimeAsync(4_999);
    expect(failed).toHaveLength(0);
    expect(batcher.stats.eventsQueued).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await flushed;
    expect(signal?.aborted).toBe(true);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.error).toBeInstanceOf(ApiTimeoutError);
    expect((failed[0]!.error as Error).message).toMatch(/not delivered within 5000 ms \(1 attempts\)/);
    expect(batcher.stats).toMatchObject({ batchesFailed: 1, batchesTimedOut: 1, eventsQueued: 0, bytesQueued: 0 });
  });

  it('retries (with their backoff) stop at the deadline, not after maxRetries', { timeout: 5_000 }, async () => {
    vi.useFakeTimers();
    let attempts = 0;
    const batcher = new Batcher<Event>({
      send: async () => {
        attempts++;
        throw new InternalServerError('down', { status: 503 });
      },
      onError: vi.fn(),
      deliveryDeadlineMs: 10_000,
      retry: { maxRetries: 1_000, initialRetryDelayMs: 1_000, maxBackoffMs: 1_000, random: () => 1 },
    });
    batcher.add('s', { id: 1 });
    const flushed = batcher.flush();
    await vi.advanceTimersByTimeAsync(10_000);
    await flushed;
    expect(attempts).toBeLessThanOrEqual(11);
    expect(batcher.stats).toMatchObject({ batchesFailed: 1, batchesTimedOut: 1 });
  });
});

describe('Batcher: maxConcurrentSends', () => {
  async function peak(options: Partial<BatcherOptions<Event>>) {
    let inFlight = 0;
    let max = 0;
    const sequences: number[] = [];
    const batcher = new Batcher<Event>({
      send: async (batch) => {
        sequences.push(batch.sequence);
        max = Math.max(max, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
      },
      onError: vi.fn(),
      maxEvents: 1,
      ...options,
    });
    for (let id = 0; id < 12; id++) batcher.add('one-key', { id });
    await batcher.close();
    return { max, sequences, stats: batcher.stats };
  }

  it('ordered: false sends one key in parallel, up to maxConcurrentSends', async () => {
    const { max, sequences, stats } = await peak({ ordered: false, maxConcurrentSends: 3 });
    expect(max).toBe(3);
    expect(sequences).toEqual(Array.from({ length: 13 }, (_, i) => i + 1)); // 12 + the empty final batch
    expect(stats.batchesSent).toBe(13);
  });

  it('ordered (default) keeps one send per key', async () => {
    const { max } = await peak({ maxConcurrentSends: 3 });
    expect(max).toBe(1);
  });
});

describe('Batcher: 413 splits and resends', () => {
  it('halves a refused batch recursively; every event arrives once, in order; one event still too large is reported', async () => {
    const accepted: Batch<Event>[] = [];
    const { batcher, failed } = tracked({
      maxEvents: 10,
      send: async (batch) => {
        const big = batch.events.some((e) => e.id === 7);
        if (batch.events.length > 3 || (big && batch.events.length > 0)) throw new PayloadTooLargeError('too large', { status: 413 });
        accepted.push(batch);
      },
    });
    for (let id = 0; id < 10; id++) batcher.add('s', { id });
    await batcher.close();
    expect(accepted.flatMap((b) => b.events.map((e) => e.id))).toEqual([0, 1, 2, 3, 4, 5, 6, 8, 9]);
    expect(accepted.every((b) => b.bytes === JSON.stringify(b.events).length)).toBe(true);
    expect(failed.map((f) => f.batch.events.map((e) => e.id))).toEqual([[7]]);
    expect(failed[0]!.error).toBeInstanceOf(PayloadTooLargeError);
    expect(batcher.stats.batchesSplit).toBeGreaterThanOrEqual(3);
    expect(batcher.stats).toMatchObject({ eventsSent: 9, eventsFailed: 1, eventsQueued: 0, bytesQueued: 0 });
    const sequences = accepted.map((b) => b.sequence);
    expect([...sequences].sort((a, b) => a - b)).toEqual(sequences); // still increasing
    expect(accepted.at(-1)!.final).toBe(true);
    expect(accepted.filter((b) => b.final)).toHaveLength(1);
  });
});

describe('Batcher: 401/403 stop the batcher and report once', () => {
  it.each([
    [401, AuthenticationError],
    [403, PermissionDeniedError],
  ] as const)('%i: one onError, one onDrop with the rest, later add() refused without another report', async (status, ErrorClass) => {
    let sends = 0;
    const { batcher, failed, drops } = tracked({
      maxEvents: 2,
      maxConcurrentSends: 4,
      ordered: false,
      send: async () => {
        sends++;
        await new Promise((resolve) => setTimeout(resolve, 1));
        throw new ErrorClass('Invalid API key', { status });
      },
    });
    for (let id = 0; id < 21; id++) batcher.add('s', { id });
    await batcher.flush();
    expect(failed).toHaveLength(1);
    expect(failed[0]!.error).toBeInstanceOf(ErrorClass);
    expect(drops).toHaveLength(1);
    expect(drops[0]!.reason).toBe('unauthorized');
    expect(failed[0]!.batch.events.length + drops[0]!.events.length).toBe(21);
    expect(batcher.stats.stopped).toBe(true);
    const sentBefore = sends;
    expect(batcher.add('s', { id: 99 })).toBe(false);
    await batcher.close();
    expect(sends).toBe(sentBefore);
    expect(failed).toHaveLength(1);
    expect(drops).toHaveLength(1);
    expect(batcher.stats).toMatchObject({ eventsQueued: 0, eventsBuffered: 0, bytesQueued: 0, dropReasons: { unauthorized: 20 } }); // 19 queued + the late add
  });
});

