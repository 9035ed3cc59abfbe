import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  Batcher,
  InternalServerError,
  batchToJson,
  batchToNdjson,
  createFetchWithRetries,
  type Batch,
  type BatcherOptions,
} from '../src/index.js';
import { startFaultServer, type FaultServer } from './fault-server.js';

interface Event {
  id: number;
  p?: string;
}

/** In-memory sink that records batches and checks each is well-formed. */
function memoryBatcher(options: Partial<BatcherOptions<Event>> = {}) {
  const sent: Batch<Event>[] = [];
  const failed: Array<{ error: unknown; batch: Batch<Event> }> = [];
  const batcher = new Batcher<Event>({
    send: async (batch) => {
      expect(batch.bytes).toBe(new TextEncoder().encode(batchToJson(batch)).length);
      sent.push(batch);
    },
    onError: (error, batch) => void failed.push({ error, batch }),
    ...options,
  });
  return { batcher, sent, failed };
}

const padded = (id: number, padding: number): Event => ({ id, p: 'x'.repeat(padding) });
/** Serialized length of padded(id, n) is n + 15 for a one-digit id: {"id":1,"p":"…"} */
const OVERHEAD = JSON.stringify(padded(1, 0)).length;

describe('Batcher: event-count boundary (maxEvents 500)', () => {
  it.each([
    [499, [], 499],
    [500, [500], 0],
    [501, [500], 1],
  ])('%i events -> batches %j, %i left buffered', async (count, batchSizes, buffered) => {
    const { batcher, sent } = memoryBatcher();
    for (let i = 0; i < count; i++) batcher.add('s1', { id: i });
    await Promise.resolve();
    await vi.waitFor(() => expect(sent.map((b) => b.events.length)).toEqual(batchSizes));
    expect(batcher.stats.eventsBuffered).toBe(buffered);
    await batcher.close();
    expect(sent.reduce((n, b) => n + b.events.length, 0)).toBe(count);
    expect(sent.map((b) => b.events.map((e) => e.id)).flat()).toEqual(Array.from({ length: count }, (_, i) => i));
  });
});

describe('Batcher: byte boundary (maxBytes 1 MiB = 1048576)', () => {
  const MiB = 1_048_576;
  // Three events of 262008 bytes + the fourth; JSON array adds "[", "]" and 3 commas.
  const first = [padded(1, 262_000 - OVERHEAD + 8), padded(2, 262_000 - OVERHEAD + 8), padded(3, 262_000 - OVERHEAD + 8)];
  const firstBytes = first.reduce((n, e) => n + JSON.stringify(e).length, 0);
  const lastPaddingFor = (totalBytes: number) => totalBytes - firstBytes - 5 - OVERHEAD;

  it('exactly 1 MiB is one full batch, sent at once', async () => {
    const { batcher, sent } = memoryBatcher();
    for (const e of first) batcher.add('s', e);
    batcher.add('s', padded(4, lastPaddingFor(MiB)));
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]!.bytes).toBe(MiB);
    expect(sent[0]!.events).toHaveLength(4);
    expect(batcher.stats.eventsBuffered).toBe(0);
    await batcher.close();
  });

  it('one byte under stays buffered until the next event would overflow', async () => {
    const { batcher, sent } = memoryBatcher();
    for (const e of first) batcher.add('s', e);
    batcher.add('s', padded(4, lastPaddingFor(MiB - 1)));
    await Promise.resolve();
    expect(sent).toHaveLength(0);
    batcher.add('s', { id: 5 });
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]!.bytes).toBe(MiB - 1);
    await batcher.close();
    expect(sent.map((b) => b.events.map((e) => e.id))).toEqual([[1, 2, 3, 4], [5]]);
  });

  it('one byte over moves the last event to the next batch', async () => {
    const { batcher, sent } = memoryBatcher();
    for (const e of first) batcher.add('s', e);
    batcher.add('s', padded(4, lastPaddingFor(MiB + 1)));
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]!.events.map((e) => e.id)).toEqual([1, 2, 3]);
    await batcher.close();
    expect(sent.map((b) => b.events.map((e) => e.id))).toEqual([[1, 2, 3], [4]]);
    expect(Math.max(...sent.map((b) => b.bytes))).toBeLessThanOrEqual(MiB);
  });

  it('an event larger than maxBytes alone is sent alone, after what was buffered', async () => {
    const { batcher, sent } = memoryBatcher();
    batcher.add('s', { id: 1 });
    batcher.add('s', padded(2, MiB * 2));
    batcher.add('s', { id: 3 });
    await batcher.close();
    expect(sent.map((b) => b.events.map((e) => e.id))).toEqual([[1], [2], [3]]);
    expect(sent[1]!.bytes).toBeGreaterThan(MiB);
    expect(batcher.stats.flushReasons.oversized).toBe(1);
  });

  it('counts multi-byte UTF-8 exactly', async () => {
    const { batcher, sent } = memoryBatcher({ maxBytes: 64 });
    for (let i = 0; i < 10; i++) batcher.add('s', { id: i, p: 'é😀ü' });
    await batcher.close(); // send() asserts bytes == encoded length of the JSON array
    expect(sent.every((b) => b.bytes <= 64)).toBe(true);
    expect(sent.reduce((n, b) => n + b.events.length, 0)).toBe(10);
  });
});

describe('Batcher: ordering, sequences, timers and close', () => {
  it('numbers batches 1, 2, 3... per key and never sends one key concurrently', async () => {
    const inFlight = new Set<string>();
    const received: Array<[string, number]> = [];
    const batcher = new Batcher<Event>({
      maxEvents: 3,
      maxConcurrentSends: 8,
      send: async (batch) => {
        expect(inFlight.has(batch.key)).toBe(false);
        inFlight.add(batch.key);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
        inFlight.delete(batch.key);
        received.push([batch.key, batch.sequence]);
      },
      onError: () => {
        throw new Error('unexpected');
      },
    });
    for (let i = 0; i < 60; i++) batcher.add(i % 2 ? 'a' : 'b', { id: i });
    await batcher.close();
    for (const key of ['a', 'b']) {
      const sequences = received.filter(([k]) => k === key).map(([, s]) => s);
      expect(sequences).toEqual(Array.from({ length: sequences.length }, (_, i) => i + 1));
    }
  });

  it('flushes a key after flushIntervalMs', async () => {
    vi.useFakeTimers();
    try {
      const { batcher, sent } = memoryBatcher({ flushIntervalMs: 10_000 });
      batcher.add('s', { id: 1 });
      await vi.advanceTimersByTimeAsync(9_999);
      expect(sent).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(sent).toHaveLength(1);
      expect(batcher.stats.flushReasons.interval).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('close sends remaining events as final, an empty final batch for idle keys that sent before, nothing for others', async () => {
    const { batcher, sent } = memoryBatcher({ maxEvents: 2 });
    batcher.add('busy', { id: 1 });
    batcher.add('busy', { id: 2 }); // full batch, sequence 1
    batcher.add('busy', { id: 3 });
    batcher.add('idle', { id: 4 });
    batcher.add('idle', { id: 5 }); // full batch, nothing left buffered
    batcher.add('never-flushed', { id: 6 });
    await batcher.close();
    const summary = sent.map((b) => [b.key, b.sequence, b.events.length, b.final]);
    expect(summary).toEqual(
      expect.arrayContaining([
        ['busy', 1, 2, false],
        ['busy', 2, 1, true],
        ['idle', 1, 2, false],
        ['idle', 2, 0, true],
        ['never-flushed', 1, 1, true],
      ]),
    );
    expect(sent).toHaveLength(5);
    expect(() => batcher.add('busy', { id: 6 })).toThrow(/closed/);
    await batcher.close(); // idempotent
  });

  it('sendEmptyFinalBatch: false skips empty final batches', async () => {
    const { batcher, sent } = memoryBatcher({ maxEvents: 1, sendEmptyFinalBatch: false });
    batcher.add('k', { id: 1 });
    await batcher.close();
    expect(sent.map((b) => b.final)).toEqual([false]);
  });
});

describe('Batcher against a failing HTTP server', () => {
  let server: FaultServer;
  beforeAll(async () => {
    server = await startFaultServer();
  });
  afterAll(() => server.close());
  afterEach(() => {
    server.requests.length = 0;
  });

  // The batcher owns retries, so the transport makes exactly one attempt.
  const fetchOnce = createFetchWithRetries({ maxRetries: 0, timeoutMs: 5000 });

  type TraceEvent = Event & { event_id?: string };

  function httpBatcher(options: Partial<BatcherOptions<TraceEvent>> = {}) {
    const waits: number[] = [];
    const failed: Array<{ error: unknown; batch: Batch<TraceEvent> }> = [];
    const batcher = new Batcher<TraceEvent>({
      send: async (batch) => {
        const ndjson = options.format === 'ndjson';
        await fetchOnce(`${server.url}/ingest/${batch.key}`, {
          method: 'POST',
          headers: {
            'content-type': ndjson ? 'application/x-ndjson' : 'application/json',
            'x-sequence': String(batch.sequence),
            'x-final': String(batch.final),
          },
          body: ndjson ? batchToNdjson(batch) : batchToJson(batch),
        });
      },
      onError: (error, batch) => void failed.push({ error, batch }),
      ...options,
      retry: { sleep: async (ms) => void waits.push(ms), random: () => 0.5, ...options.retry },
    });
    return { batcher, waits, failed };
  }

  it('loses nothing when the server fails twice then succeeds: same batch, same sequence', async () => {
    server.respond({ status: 503, body: { error: 'busy' } }, { reset: true }, { status: 200, body: {} });
    const { batcher, waits, failed } = httpBatcher();
    for (let i = 0; i < 10; i++) batcher.add('session-1', { id: i });
    await batcher.close();
    expect(server.requests).toHaveLength(3);
    const bodies = server.requests.map((r) => r.body.toString());
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0]!)).toEqual(Array.from({ length: 10 }, (_, i) => ({ id: i })));
    expect(server.requests.map((r) => r.headers['x-sequence'])).toEqual(['1', '1', '1']);
    expect(server.requests.map((r) => r.headers['x-final'])).toEqual(['true', 'true', 'true']);
    expect(waits).toEqual([250, 500]);
    expect(failed).toEqual([]);
    expect(batcher.stats).toMatchObject({ batchesSent: 1, eventsSent: 10, retries: 2, batchesFailed: 0 });
  });

  it('waits RateLimitError.retryAfter between batch retries', async () => {
    server.respond({ status: 429, headers: { 'retry-after': '2' }, body: { error: 'slow down' } }, { status: 200, body: {} });
    const { batcher, waits } = httpBatcher();
    batcher.add('s', { id: 1 });
    await batcher.close();
    expect(waits).toEqual([2000]);
    expect(server.requests).toHaveLength(2);
  });

  it('hands the events to onError when every retry fails, and keeps going with later batches', async () => {
    server.respond({ status: 500, body: { error: 'down' } }, { status: 500 }, { status: 500 }, { status: 200, body: {} });
    const { batcher, failed } = httpBatcher({ maxEvents: 5 });
    for (let i = 0; i < 10; i++) batcher.add('s', { id: i });
    await batcher.close();
    expect(failed).toHaveLength(1);
    expect(failed[0]!.error).toBeInstanceOf(InternalServerError);
    expect(failed[0]!.batch.events.map((e) => e.id)).toEqual([0, 1, 2, 3, 4]);
    expect(failed[0]!.batch.sequence).toBe(1);
    expect(server.requests.map((r) => r.headers['x-sequence'])).toEqual(['1', '1', '1', '2', '3']);
    expect(batcher.stats).toMatchObject({ batchesFailed: 1, eventsFailed: 5, batchesSent: 2, eventsSent: 5 });
  });

  it('does not retry a 413/422 batch but still reports it', async () => {
    server.respond({ status: 413, body: { error: 'too large' } });
    const { batcher, failed } = httpBatcher();
    batcher.add('s', { id: 1 });
    await batcher.close();
    expect(server.requests).toHaveLength(1);
    expect(failed).toHaveLength(1);
  });

  it('NDJSON with maxEvents 100 dedupes by event_id across retries', async () => {
    server.respond({ status: 503 }, { status: 200, body: {} });
    const { batcher, failed } = httpBatcher({ format: 'ndjson', maxEvents: 100, dedupeKey: (e) => e.event_id! });
    const event = (i: number) => ({ id: i, event_id: `evt_${i}` });
    for (let i = 0; i < 150; i++) batcher.add('trace', event(i));
    for (let i = 0; i < 20; i++) expect(batcher.add('trace', event(i))).toBe(false); // app re-sends the same events
    await batcher.flush();

    const lines = (body: Buffer) => body.toString().trimEnd().split('\n').map((l) => JSON.parse(l) as { event_id: string });
    expect(server.requests.map((r) => lines(r.body).length)).toEqual([100, 100, 50]);
    expect(server.requests[0]!.body.equals(server.requests[1]!.body)).toBe(true); // the retry is byte-identical
    const delivered = server.requests.slice(1).flatMap((r) => lines(r.body).map((e) => e.event_id));
    expect(new Set(delivered).size).toBe(150);
    expect(batcher.stats.eventsDeduplicated).toBe(20);

    // A batch that finally failed forgets its ids so the app can re-add them; delivered ones stay deduped.
    server.requests.length = 0;
    server.respond({ status: 500 });
    batcher.add('trace', event(200));
    await batcher.flush();
    expect(failed.map((f) => f.batch.events.map((e) => e.event_id))).toEqual([['evt_200']]);
    server.respond({ status: 200, body: {} });
    expect(batcher.add('trace', event(200))).toBe(true);
    expect(batcher.add('trace', event(5))).toBe(false);
    await batcher.close();
    expect(lines(server.requests.at(-1)!.body).map((e) => e.event_id)).toEqual(['evt_200']);
  });
});
