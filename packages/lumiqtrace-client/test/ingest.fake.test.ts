import { afterEach, describe, expect, it } from 'vitest';
import { BadRequestError, LumiqTraceIngestClient, MAX_EVENTS_PER_BATCH, RateLimitError } from '../src/index.js';
import { makeEvent, makeEvents, startFakeServer } from './support.js';

let server: Awaited<ReturnType<typeof startFakeServer>>;
afterEach(() => server?.close());

const client = (options: Partial<ConstructorParameters<typeof LumiqTraceIngestClient>[0]> = {}) =>
  new LumiqTraceIngestClient({ apiKey: 'lqt_test_key', baseUrl: server.url, ...options });

describe('ingest.send: NDJSON split at the spec limit', () => {
  it('reads the limit from the spec (x-ndjson maxItems)', () => {
    expect(MAX_EVENTS_PER_BATCH).toBe(100);
  });

  it.each([
    [1, [1]],
    [100, [100]],
    [101, [100, 1]],
    [200, [100, 100]],
    [201, [100, 100, 1]],
  ])('sends %i events as requests of %j, in order, one NDJSON line per event', async (count, sizes) => {
    server = await startFakeServer();
    const events = makeEvents(count);
    expect(await client().send(events)).toEqual({ batches: sizes.length, events: count });
    expect(server.requests.map((r) => r.lines.length)).toEqual(sizes);
    expect(server.requests.flatMap((r) => r.lines)).toEqual(events);
    for (const request of server.requests) {
      expect(request).toMatchObject({ method: 'POST', url: '/v1/ingest' });
      expect(request.headers['x-api-key']).toBe('lqt_test_key');
      expect(request.headers['content-type']).toBe('application/x-ndjson');
      expect(request.headers['authorization']).toBeUndefined();
      expect(request.text.endsWith('\n')).toBe(true);
    }
  });

  it('gzips the body (round trip: the server inflates exactly the NDJSON lines) unless gzip is off', async () => {
    server = await startFakeServer();
    const events = makeEvents(100, { error_message: 'The same words compress well. '.repeat(5) });
    await client().send(events);
    const [gzipped] = server.requests;
    expect(gzipped!.headers['content-encoding']).toBe('gzip');
    expect(gzipped!.lines).toEqual(events);
    expect(gzipped!.compressedBytes).toBeLessThan(Buffer.byteLength(gzipped!.text) / 3);
    await client({ gzip: false }).send(events.slice(0, 2));
    expect(server.requests[1]!.headers['content-encoding']).toBeUndefined();
    expect(server.requests[1]!.compressedBytes).toBe(Buffer.byteLength(server.requests[1]!.text));
  });

  it('stops at the first failing batch with its typed error', async () => {
    server = await startFakeServer([{ status: 202 }, { status: 400, body: { error: 'Each line must be one JSON event object' } }]);
    const error = await client().send(makeEvents(250)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(server.requests).toHaveLength(2);
  });

  it('retries a 500 with the same body (same event_ids) and does not retry the monthly quota 429', async () => {
    server = await startFakeServer([{ status: 500, body: { error: 'Internal server error' } }, { status: 202 }]);
    const events = makeEvents(3);
    await client({ retry: { maxRetryDelayMs: 1 } }).send(events);
    expect(server.requests.map((r) => r.lines.map((e) => e.event_id))).toEqual([events.map((e) => e.event_id), events.map((e) => e.event_id)]);

    await server.close();
    server = await startFakeServer([{ status: 429, body: { error: 'Monthly quota exceeded' }, headers: { 'retry-after': '1' } }]);
    const error = await client().send([makeEvent()]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(server.requests).toHaveLength(1);
  });
});

describe('ingest.createBatcher', () => {
  it('sends batches of at most 100, drops events whose event_id was already added, and flushes on close', async () => {
    server = await startFakeServer();
    const batcher = client().createBatcher({ flushIntervalMs: 60_000 });
    const events = makeEvents(230);
    for (const event of events) expect(batcher.add(event)).toBe(true);
    expect(batcher.add({ ...events[0]!, model: 'changed' })).toBe(false);
    await batcher.close();
    // Batches go out in parallel (LumiqTrace dedupes by event_id, so order does not matter): compare sizes, not arrival order.
    expect(server.requests.map((r) => r.lines.length).sort((a, b) => b - a)).toEqual([100, 100, 30]);
    expect(server.requests.every((r) => r.headers['content-encoding'] === 'gzip')).toBe(true);
    expect(new Set(server.requests.flatMap((r) => r.lines.map((e) => e.event_id))).size).toBe(230);
    expect(batcher.stats).toMatchObject({ eventsSent: 230, batchesSent: 3, eventsDeduplicated: 1 });
  });

  it('retries a failed batch unchanged, so the server can dedupe by event_id, and reports what it could not send', async () => {
    server = await startFakeServer([
      { status: 500, body: { error: 'Internal server error' } },
      { status: 202 },
      { status: 401, body: { error: 'Invalid API key' } },
    ]);
    const failed: number[] = [];
    const batcher = client({ retry: { maxRetryDelayMs: 1 } }).createBatcher({ onError: (_e, events) => void failed.push(events.length) });
    const first = makeEvents(100);
    for (const event of first) batcher.add(event);
    await batcher.flush();
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.lines).toEqual(server.requests[0]!.lines);
    for (const event of makeEvents(5)) batcher.add(event);
    await batcher.close();
    expect(server.requests).toHaveLength(3);
    expect(failed).toEqual([5]);
  });

  it('refuses a maxEvents above the spec limit', () => {
    expect(() => new LumiqTraceIngestClient({ apiKey: 'lqt_x1' }).createBatcher({ maxEvents: 101 })).toThrow(RangeError);
  });
});
