import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Batcher, batchToJson, batchToNdjson, gzipBytes, utf8ByteLength, type Batch, type BatcherStats } from '@apiforge/client-core';
import { formatMs, formatRate, interleaveMany, median, round } from '../stats.js';
import type { BenchOptions, BenchResult } from '../types.js';
import { generateRrwebEvents } from './rrweb-events.js';
import { generateTraceEvents } from './trace-events.js';

const gzipAsync = promisify(gzip);

interface Variant<Event> {
  id: string;
  title: string;
  events: Event[];
  maxEvents: number;
  maxBytes: number;
  format: 'json' | 'ndjson';
  dedupeKey?: ((event: Event) => string) | undefined;
  /** The request body the client builds from a batch. */
  body(batch: Batch<Event>): string;
}

interface BatcherRun {
  stats: BatcherStats;
  bodyBytes: number;
  gzippedBytes: number;
}

const SESSION_ENVELOPE = JSON.stringify({
  session: {
    id: '5f0c1d2e-8b7a-4c3d-9e1f-2a3b4c5d6e7f',
    windowId: 'w_7f3a9c',
    startedAt: 1_776_672_000_000,
    lastActivityAt: 1_776_672_000_000,
    url: 'https://app.example.com/dashboard',
  },
  user: { anonymousId: 'anon_7f3a9c' },
  page: { url: 'https://app.example.com/dashboard', viewport: { width: 1440, height: 900 } },
});

/** Lucent's replay body, built as lucent-client's ReplayBatcher does: envelope + the events serialized once. */
function replayBody(batch: Batch<unknown>): string {
  const flush = batch.final ? 'final' : 'normal';
  return `${SESSION_ENVELOPE.slice(0, -1)},"flush":"${flush}","replay":{"events":${batchToJson(batch)},"sequence":${batch.sequence}}}`;
}

/**
 * The client side: events go through client-core's Batcher; each batch's body is
 * built, measured and gzipped with CompressionStream exactly as the Lucent client
 * does before its fetch. The send stops there (no network), so this measures the
 * batching + serialization + compression path.
 */
async function runBatcher<Event>(variant: Variant<Event>, captureBodies?: Buffer[]): Promise<BatcherRun> {
  const encoder = new TextEncoder();
  let bodyBytes = 0;
  let gzippedBytes = 0;
  let failure: unknown;
  const batcher = new Batcher<Event>({
    maxEvents: variant.maxEvents,
    maxBytes: variant.maxBytes,
    format: variant.format,
    dedupeKey: variant.dedupeKey,
    // The whole run takes seconds; an interval flush would only cut batches short.
    flushIntervalMs: 600_000,
    retry: { maxRetries: 0 },
    send: async (batch) => {
      const json = variant.body(batch);
      bodyBytes += utf8ByteLength(json);
      const bytes = encoder.encode(json);
      const gzipped = await gzipBytes(bytes);
      if (!gzipped) throw new Error('CompressionStream is not available in this Node');
      gzippedBytes += gzipped.byteLength;
      captureBodies?.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    },
    onError: (error) => {
      failure ??= error;
    },
  });
  for (const event of variant.events) batcher.add('session-1', event);
  await batcher.close();
  if (failure) throw failure;
  return { stats: batcher.stats, bodyBytes, gzippedBytes };
}

/** The baseline: node:zlib gzip of the very same bodies, one batch at a time like the batcher's single key. */
async function runRawGzip(bodies: readonly Buffer[]): Promise<number> {
  let gzippedBytes = 0;
  for (const body of bodies) gzippedBytes += (await gzipAsync(body)).byteLength;
  return gzippedBytes;
}

/** Where the batcher's time goes: the same bodies through CompressionStream alone (no batching, no serialization). */
async function runCompressionStream(bodies: readonly Buffer[]): Promise<void> {
  for (const body of bodies) await gzipBytes(body);
}

async function measureVariant<Event>(variant: Variant<Event>, rounds: number): Promise<BenchResult> {
  const bodies: Buffer[] = [];
  // Untimed first pass: warms the JIT and records the batch boundaries the baseline reuses.
  const boundaryPass = await runBatcher(variant, bodies);
  let lastRun = boundaryPass;
  let rawGzipped = 0;
  // A (batcher) and B (zlib) alternate; C only explains the gap and is not part of the ratio.
  const [batcherTimes, zlibTimes, streamTimes] = await interleaveMany(rounds, [
    async () => {
      lastRun = await runBatcher(variant);
    },
    async () => {
      rawGzipped = await runRawGzip(bodies);
    },
    () => runCompressionStream(bodies),
  ]);
  const timing = { a: batcherTimes!, b: zlibTimes!, medianA: median(batcherTimes!), medianB: median(zlibTimes!) };
  const streamMedian = median(streamTimes!);
  const { stats, bodyBytes, gzippedBytes } = lastRun;
  const seconds = (ms: number) => ms / 1000;
  const batcher = { eventsPerSecond: variant.events.length / seconds(timing.medianA), mbPerSecond: bodyBytes / 1e6 / seconds(timing.medianA) };
  const raw = { eventsPerSecond: variant.events.length / seconds(timing.medianB), mbPerSecond: bodyBytes / 1e6 / seconds(timing.medianB) };
  const ratio = timing.medianA / timing.medianB;
  const eventsFullness = stats.averageEventsPerBatch / variant.maxEvents;
  const bytesFullness = stats.averageBytesPerBatch / variant.maxBytes;
  return {
    id: variant.id,
    title: variant.title,
    measured:
      `batcher ${formatRate(batcher.eventsPerSecond, 'ev/s')}, ${batcher.mbPerSecond.toFixed(1)} MB/s; ` +
      `zlib ${formatRate(raw.eventsPerSecond, 'ev/s')}, ${raw.mbPerSecond.toFixed(1)} MB/s; ` +
      `${stats.batchesSent} batches at ${(eventsFullness * 100).toFixed(0)}% of maxEvents ${variant.maxEvents}, ` +
      `${(bytesFullness * 100).toFixed(1)}% of maxBytes`,
    ratio: round(ratio, 3),
    goal: 'none set',
    details: {
      events: variant.events.length,
      bodyMegabytes: round(bodyBytes / 1e6, 2),
      gzippedMegabytes: { batcher: round(gzippedBytes / 1e6, 2), zlib: round(rawGzipped / 1e6, 2) },
      rounds,
      batcherMs: timing.a.map((x) => round(x, 1)),
      zlibMs: timing.b.map((x) => round(x, 1)),
      batcher: { eventsPerSecond: Math.round(batcher.eventsPerSecond), mbPerSecond: round(batcher.mbPerSecond, 2), medianMs: round(timing.medianA, 1) },
      zlib: { eventsPerSecond: Math.round(raw.eventsPerSecond), mbPerSecond: round(raw.mbPerSecond, 2), medianMs: round(timing.medianB, 1) },
      batches: stats.batchesSent,
      eventsPerBatch: round(stats.averageEventsPerBatch, 1),
      maxEvents: variant.maxEvents,
      eventsPerBatchOfMax: round(eventsFullness, 3),
      bytesPerBatch: Math.round(stats.averageBytesPerBatch),
      maxBytes: variant.maxBytes,
      bytesPerBatchOfMax: round(bytesFullness, 3),
      flushReasons: stats.flushReasons,
      ratioMeaning: 'median batcher time / median zlib time on the same bytes (lower is better)',
      medianTimes: `${formatMs(timing.medianA)} vs ${formatMs(timing.medianB)}`,
      compressionStreamOnSameBodies: {
        medianMs: round(streamMedian, 1),
        ofZlibTime: round(streamMedian / timing.medianB, 2),
        meaning: 'CompressionStream gzip of the same bodies with no batcher: the part of the gap that is the web-standard gzip rather than batching and serialization',
      },
    },
  };
}

export async function runBench(options: BenchOptions = {}): Promise<BenchResult[]> {
  const rounds = options.quick ? 1 : 3;
  const wants = (id: string) => !options.only || options.only.includes(id);
  const results: BenchResult[] = [];
  if (wants('ingest-batcher-json')) {
    results.push(
      await measureVariant(
        {
          id: 'ingest-batcher-json',
          title: 'Ingest batcher vs raw zlib gzip, time ratio (JSON, rrweb)',
          events: generateRrwebEvents(options.quick ? 25_000 : 200_000),
          maxEvents: 500,
          maxBytes: 1_048_576,
          format: 'json',
          body: replayBody,
        },
        rounds,
      ),
    );
  }
  if (wants('ingest-batcher-ndjson')) {
    results.push(
      await measureVariant(
        {
          id: 'ingest-batcher-ndjson',
          title: 'Ingest batcher vs raw zlib gzip, time ratio (NDJSON, 100/batch)',
          events: generateTraceEvents(options.quick ? 10_000 : 50_000),
          maxEvents: 100,
          maxBytes: 1_048_576,
          format: 'ndjson',
          dedupeKey: (event) => event.event_id,
          body: batchToNdjson,
        },
        rounds,
      ),
    );
  }
  return results;
}
