import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiTimeoutError, AuthenticationError, LumiqTraceIngestClient, type IngestEvent } from '../src/index.js';
import { makeEvents, startFakeServer } from './support.js';

// The event batcher's bounds (client-core Batcher): parallel sends, 413 split, stop on 401, deadline, queue limits.
let server: Awaited<ReturnType<typeof startFakeServer>> | undefined;
let slow: Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  if (slow) await new Promise((resolve) => (slow!.closeAllConnections(), slow!.close(resolve)));
  slow = undefined;
});

const KEY = 'lqt_test_key';
const client = (baseUrl: string) => new LumiqTraceIngestClient({ apiKey: KEY, baseUrl, retry: { maxRetryDelayMs: 1 } });

/** Answers 202 after `delayMs` (or never), counting requests in flight at once. */
async function startSlowServer(delayMs: number | null) {
  let inFlight = 0;
  let peak = 0;
  let requests = 0;
  slow = createServer((req, res) => {
    requests++;
    peak = Math.max(peak, ++inFlight);
    req.resume();
    req.on('end', () => {
      if (delayMs === null) return;
      setTimeout(() => {
        inFlight--;
        res.writeHead(202).end();
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => slow!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(slow.address() as AddressInfo).port}`, peak: () => peak, requests: () => requests };
}

describe('event batcher bounds', () => {
  it('maxConcurrentSends is real: independent batches go out in parallel, up to the limit', async () => {
    const target = await startSlowServer(100);
    const batcher = client(target.url).createBatcher({ maxEvents: 10, maxConcurrentSends: 3 });
    for (const event of makeEvents(80)) batcher.add(event);
    await batcher.close();
    expect(target.requests()).toBe(8);
    expect(target.peak()).toBe(3);
    expect(batcher.stats).toMatchObject({ batchesSent: 8, eventsSent: 80 });
  });

  it('a 413 batch is split in halves and resent, not dropped', async () => {
    server = await startFakeServer([{ status: 413, body: { error: 'Payload too large' } }]);
    const failed: IngestEvent[][] = [];
    const batcher = client(server.url).createBatcher({ onError: (_error, events) => void failed.push([...events]) });
    const events = makeEvents(100);
    for (const event of events) batcher.add(event);
    await batcher.close();
    expect(failed).toEqual([]);
    expect(server.requests.map((r) => r.lines.length)).toEqual([100, 50, 50]);
    // The two halves go out in parallel, so compare contents, not arrival order.
    const byId = (a: IngestEvent, b: IngestEvent) => String(a.event_id).localeCompare(String(b.event_id));
    const resent = server.requests.slice(1).flatMap((r) => r.lines as IngestEvent[]);
    expect([...resent].sort(byId)).toEqual([...events].sort(byId));
    expect(batcher.stats.batchesSplit).toBe(1);
  });

  it('after a 401 the batcher stops: one onError, one onDrop, later add() refused', async () => {
    server = await startFakeServer([], () => ({ status: 401, body: { error: 'Invalid API key' } }));
    const errors: unknown[] = [];
    const drops: Array<[string, number]> = [];
    const batcher = client(server.url).createBatcher({
      maxEvents: 10,
      maxConcurrentSends: 1,
      onError: (error) => void errors.push(error),
      onDrop: (reason, events) => void drops.push([reason, events.length]),
    });
    for (const event of makeEvents(50)) batcher.add(event);
    await batcher.flush();
    expect(server.requests).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(AuthenticationError);
    expect(drops).toEqual([['unauthorized', 40]]);
    expect(batcher.add(makeEvents(1)[0]!)).toBe(false);
    await batcher.close();
    expect(server.requests).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(drops).toHaveLength(1);
  });

  it('a hanging server: batches fail at their delivery deadline; the queue stays bounded and drops are reported', async () => {
    const target = await startSlowServer(null);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const errors: unknown[] = [];
      const batcher = client(target.url).createBatcher({
        maxEvents: 100,
        maxQueuedBatches: 4,
        deliveryDeadlineMs: 300,
        onError: (error) => void errors.push(error),
      });
      for (const event of makeEvents(5_000)) batcher.add(event);
      expect(batcher.stats.batchesQueued).toBeLessThanOrEqual(4);
      expect(batcher.stats.eventsQueued + batcher.stats.eventsBuffered).toBeLessThanOrEqual(500);
      expect(batcher.stats.eventsDropped).toBeGreaterThanOrEqual(4_500);
      expect(warn).toHaveBeenCalledTimes(1); // the default report: once per reason
      expect(String(warn.mock.calls[0]![0])).not.toContain(KEY);
      await batcher.close();
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.every((error) => error instanceof ApiTimeoutError)).toBe(true);
      expect(batcher.stats).toMatchObject({ eventsQueued: 0, bytesQueued: 0 });
    } finally {
      warn.mockRestore();
    }
  });
});
