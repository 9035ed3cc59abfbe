import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Batcher, batchToJson, batchToNdjson, gzipBytes, type Batch, type BatcherStats } from '@apiforge/client-core';
import { INGEST_TITLES } from '../catalog.js';
import { explainProfiles, profileCalls } from '../harness/profile.js';
import { formatMs, formatRate, interleaveMany, median, round } from '../stats.js';
import type { BenchOptions, BenchResult } from '../types.js';
import { generateRrwebEvents } from './rrweb-events.js';
import { generateTraceEvents, type TraceLikeEvent } from './trace-events.js';

const gzipAsync = promisify(gzip);

/** Events the explaining profile covers (a slice: the profiler slows what it samples). */
const PROFILE_EVENTS = 20_000;

/** Batches waiting or in flight before the benchmark's producer yields. */
const QUEUE_WATERMARK = 4;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Issue 16: the batcher takes at most this many times the fair baseline (serialisation + node:zlib gzip). */
const BATCHER_GOAL = 1.3;

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
  /** The baseline: the same body serialised directly from the batch's events, as a hand-written sender would. */
  baselineBody(events: readonly Event[], batch: BatchShape): string;
}

/** Where the batcher cut its batches, so the baseline serialises and compresses the very same groups. */
interface BatchShape {
  count: number;
  sequence: number;
  final: boolean;
}

interface BatcherRun {
  stats: BatcherStats;
  bodyBytes: number;
  gzippedBytes: number;
}

const ENVELOPE = {
  session: {
    id: '5f0c1d2e-8b7a-4c3d-9e1f-2a3b4c5d6e7f',
    windowId: 'w_7f3a9c',
    startedAt: 1_776_672_000_000,
    lastActivityAt: 1_776_672_000_000,
    url: 'https://app.example.com/dashboard',
  },
  user: { anonymousId: 'anon_7f3a9c' },
  page: { url: 'https://app.example.com/dashboard', viewport: { width: 1440, height: 900 } },
};
const SESSION_ENVELOPE = JSON.stringify(ENVELOPE);

/** Lucent's replay body, built as lucent-client's ReplayBatcher does: envelope + the events serialized once. */
function replayBody(batch: Batch<unknown>): string {
  const flush = batch.final ? 'final' : 'normal';
  return `${SESSION_ENVELOPE.slice(0, -1)},"flush":"${flush}","replay":{"events":${batchToJson(batch)},"sequence":${batch.sequence}}}`;
}

/** The baseline's Lucent replay body: one JSON.stringify of the whole request object. */
function replayBaselineBody(events: readonly unknown[], batch: BatchShape): string {
  return JSON.stringify({ ...ENVELOPE, flush: batch.final ? 'final' : 'normal', replay: { events, sequence: batch.sequence } });
}

/** The baseline's NDJSON body: one JSON.stringify per event. */
function ndjsonBaselineBody(events: readonly unknown[]): string {
  let out = '';
  for (const event of events) out += `${JSON.stringify(event)}\n`;
  return out;
}

/**
 * The client side: events go through client-core's Batcher; each batch's body is
 * built, measured and gzipped with CompressionStream exactly as the Lucent client
 * does before its fetch. The send stops there (no network), so this measures the
 * batching + serialization + compression path.
 */
async function runBatcher<Event>(variant: Variant<Event>, shapes?: BatchShape[]): Promise<BatcherRun> {
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
      const bytes = encoder.encode(variant.body(batch));
      bodyBytes += bytes.byteLength;
      const gzipped = await gzipBytes(bytes);
      if (!gzipped) throw new Error('CompressionStream is not available in this Node');
      gzippedBytes += gzipped.byteLength;
      shapes?.push({ count: batch.events.length, sequence: batch.sequence, final: batch.final });
    },
    onError: (error) => {
      failure ??= error;
    },
  });
  // A producer that lets the sends keep up (as a page recording over time does): every maxEvents events
  // it yields to the event loop while batches are waiting, so nothing is dropped by the queue bounds.
  let index = 0;
  for (const event of variant.events) {
    batcher.add('session-1', event);
    if (++index % variant.maxEvents === 0) while (batcher.stats.batchesQueued >= QUEUE_WATERMARK) await yieldToEventLoop();
  }
  await batcher.close();
  if (failure) throw failure;
  const { eventsSent, eventsDropped } = batcher.stats;
  if (eventsDropped > 0 || eventsSent !== variant.events.length) {
    throw new Error(`the batcher sent ${eventsSent} of ${variant.events.length} events (${eventsDropped} dropped): the comparison would not cover the same work`);
  }
  return { stats: batcher.stats, bodyBytes, gzippedBytes };
}

/**
 * The fair baseline: the same events, cut into the same batches, serialised (JSON.stringify) and gzipped
 * with node:zlib, one batch at a time like the batcher's single key: what a hand-written sender does.
 */
async function runBaseline<Event>(variant: Variant<Event>, shapes: readonly BatchShape[]): Promise<number> {
  let gzippedBytes = 0;
  let offset = 0;
  for (const shape of shapes) {
    const events = variant.events.slice(offset, offset + shape.count);
    offset += shape.count;
    gzippedBytes += (await gzipAsync(variant.baselineBody(events, shape))).byteLength;
  }
  return gzippedBytes;
}

/** How much of the time is compression: the batcher's bodies through client-core's gzipBytes alone. */
async function runGzipOnly(bodies: readonly Uint8Array[]): Promise<void> {
  for (const body of bodies) await gzipBytes(body);
}

async function measureVariant<Event>(variant: Variant<Event>, rounds: number): Promise<BenchResult> {
  const shapes: BatchShape[] = [];
  // Untimed first pass: warms the JIT and records the batch boundaries the baseline reuses.
  const boundaryPass = await runBatcher(variant, shapes);
  let lastRun = boundaryPass;
  let rawGzipped = 0;
  const encoder = new TextEncoder();
  let offset = 0;
  const bodies = shapes.map((shape) => {
    const events = variant.events.slice(offset, offset + shape.count);
    offset += shape.count;
    return encoder.encode(variant.baselineBody(events, shape));
  });
  // A (batcher) and B (baseline) alternate; C (compression alone) only explains the gap: run once after.
  const [batcherTimes, zlibTimes] = await interleaveMany(rounds, [
    async () => {
      lastRun = await runBatcher(variant);
    },
    async () => {
      rawGzipped = await runBaseline(variant, shapes);
    },
  ]);
  const streamTimes = await interleaveMany(1, [() => runGzipOnly(bodies)]).then(([times]) => times);
  const timing = { a: batcherTimes!, b: zlibTimes!, medianA: median(batcherTimes!), medianB: median(zlibTimes!) };
  const streamMedian = median(streamTimes!);
  const { stats, bodyBytes, gzippedBytes } = lastRun;
  const seconds = (ms: number) => ms / 1000;
  const batcher = { eventsPerSecond: variant.events.length / seconds(timing.medianA), mbPerSecond: bodyBytes / 1e6 / seconds(timing.medianA) };
  const raw = { eventsPerSecond: variant.events.length / seconds(timing.medianB), mbPerSecond: bodyBytes / 1e6 / seconds(timing.medianB) };
  const ratio = timing.medianA / timing.medianB;
  const met = ratio <= BATCHER_GOAL;
  let explanation: string | undefined;
  if (!met) {
    // Profiled after timing (the profiler slows what it samples), on the first PROFILE_EVENTS events; per batch.
    const sample = { ...variant, events: variant.events.slice(0, PROFILE_EVENTS) };
    const sampleShapes: BatchShape[] = [];
    await runBatcher(sample, sampleShapes);
    const batcherProfile = await profileCalls(async () => void (await runBatcher(sample)), sampleShapes.length, 200);
    const baselineProfile = await profileCalls(async () => void (await runBaseline(sample, sampleShapes)), sampleShapes.length, 200);
    explanation = explainProfiles(batcherProfile, baselineProfile, 'batcher vs serialise+zlib, per batch');
  }
  const eventsFullness = stats.averageEventsPerBatch / variant.maxEvents;
  const bytesFullness = stats.averageBytesPerBatch / variant.maxBytes;
  return {
    id: variant.id,
    title: variant.title,
    measured:
      `batcher ${formatRate(batcher.eventsPerSecond, 'ev/s')}, ${batcher.mbPerSecond.toFixed(1)} MB/s; ` +
      `JSON+zlib ${formatRate(raw.eventsPerSecond, 'ev/s')}, ${raw.mbPerSecond.toFixed(1)} MB/s; ` +
      `${stats.batchesSent} batches at ${(eventsFullness * 100).toFixed(0)}% of maxEvents ${variant.maxEvents}, ` +
      `${(bytesFullness * 100).toFixed(1)}% of maxBytes`,
    ratio: round(ratio, 3),
    goal: `<= ${BATCHER_GOAL}x`,
    met,
    details: {
      ...(explanation ? { explanation } : {}),
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
      ratioMeaning: 'median batcher time / median time of serialising the same events into the same bodies and gzipping them with node:zlib (lower is better)',
      medianTimes: `${formatMs(timing.medianA)} vs ${formatMs(timing.medianB)}`,
      gzipOnlyOnSameBodies: {
        medianMs: round(streamMedian, 1),
        ofBaselineTime: round(streamMedian / timing.medianB, 2),
        meaning: "client-core's gzipBytes (node:zlib on Node, CompressionStream in browsers) of the same bodies with no batching or serialisation: the share of the time that is compression",
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
          title: INGEST_TITLES.json,
          events: generateRrwebEvents(options.quick ? 25_000 : 100_000),
          maxEvents: 500,
          maxBytes: 1_048_576,
          format: 'json',
          body: replayBody,
          baselineBody: replayBaselineBody,
        },
        rounds,
      ),
    );
  }
  if (wants('ingest-batcher-ndjson')) {
    results.push(
      await measureVariant<TraceLikeEvent>(
        {
          id: 'ingest-batcher-ndjson',
          title: INGEST_TITLES.ndjson,
          events: generateTraceEvents(options.quick ? 10_000 : 30_000),
          maxEvents: 100,
          maxBytes: 1_048_576,
          format: 'ndjson',
          dedupeKey: (event) => event.event_id,
          body: batchToNdjson,
          baselineBody: ndjsonBaselineBody,
        },
        rounds,
      ),
    );
  }
  return results;
}
