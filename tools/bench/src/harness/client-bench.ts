import { round } from '../stats.js';
import type { BenchOptions, BenchResult } from '../types.js';
import { measureBundle, type BundleSize, type EsbuildBuild } from './bundle.js';
import { startCannedServer } from './canned-server.js';
import { compareAB } from './compare.js';

/** The goals the issues set for every generated client. */
export const CLIENT_GOALS = { overheadRatio: 1.05, paginationRatio: 1.1, bundleGzipBytes: 6 * 1024 } as const;

const KIB = 1024;

export interface ClientBenchSpec {
  /** Short package name, e.g. "luludesk-client"; used in titles. */
  client: string;
  /** Absolute path of the module exporting createResponder (see startCannedServer); it gets `{ items }`. */
  responder: string;
  overhead: {
    /** e.g. "usage.get" */
    operation: string;
    /** One raw fetch of the same URL the client calls, body parsed. */
    raw: (baseUrl: string) => () => Promise<unknown>;
    /** One client call. */
    client: (baseUrl: string) => () => Promise<unknown>;
  };
  pagination: {
    /** e.g. "conversations" */
    items: string;
    pageSize: number;
    /** Each walks every page once and resolves to the number of items seen. */
    handWritten: (baseUrl: string, pageSize: number) => Promise<number>;
    auto: (baseUrl: string, pageSize: number) => Promise<number>;
  };
  /** The first is the one-operation consumer of the `bundle-size` row; later ones get `bundle-size-<key>` rows. */
  bundles: ReadonlyArray<{ key: string; name: string; source: string; note?: string }>;
  build: EsbuildBuild;
  /** Package folder, so the consumer's import of the package resolves to its built dist. */
  packageDir: string;
}

export interface ClientBenchOptions extends BenchOptions {
  /** Requests per side for the overhead comparison (default 10,000; 2,000 quick). */
  requests?: number;
  /** Items behind the paginated list (default 10,000; 2,000 quick). */
  items?: number;
}

export interface OverheadMeasurement {
  operation: string;
  requests: number;
  rounds: number;
  order: string;
  rawUsPerRequest: number;
  clientUsPerRequest: number;
  ratio: number;
  perRoundRawMs: number[];
  perRoundClientMs: number[];
  goal: number;
}

export interface PaginationMeasurement {
  items: number;
  itemName: string;
  pageSize: number;
  walks: number;
  order: string;
  handWrittenMsPerWalk: number;
  clientMsPerWalk: number;
  ratio: number;
  perWalkHandWrittenMs: number[];
  perWalkClientMs: number[];
  goal: number;
}

export interface ClientMeasurements {
  overhead?: OverheadMeasurement;
  pagination?: PaginationMeasurement;
  bundles: Array<{ key: string; name: string; note?: string } & BundleSize>;
  bundleGoalBytes: number;
}

const OVERHEAD_ROUNDS = 20;
const PAGINATION_WALKS = 10;

function wants(only: readonly string[] | undefined, id: string): boolean {
  return !only || only.some((token) => token === id || (id === 'bundle-size' && token.startsWith('bundle-size')));
}

/** Starts the canned server, runs the selected comparisons and bundles, and stops the server. */
export async function measureClient(spec: ClientBenchSpec, options: ClientBenchOptions = {}): Promise<ClientMeasurements> {
  const requests = options.requests ?? (options.quick ? 2000 : 10_000);
  const items = options.items ?? (options.quick ? 2000 : 10_000);
  const measurements: ClientMeasurements = { bundles: [], bundleGoalBytes: CLIENT_GOALS.bundleGzipBytes };
  if (wants(options.only, 'client-overhead') || wants(options.only, 'pagination-overhead')) {
    const server = await startCannedServer(spec.responder, { items });
    try {
      if (wants(options.only, 'client-overhead')) measurements.overhead = await measureOverhead(spec, server.url, requests);
      if (wants(options.only, 'pagination-overhead')) measurements.pagination = await measurePagination(spec, server.url, items);
    } finally {
      await server.close();
    }
  }
  if (wants(options.only, 'bundle-size')) {
    for (const { key, name, source, note } of spec.bundles) {
      const size = await measureBundle({ build: spec.build, source, resolveDir: spec.packageDir });
      measurements.bundles.push({ key, name, ...(note ? { note } : {}), ...size });
    }
  }
  return measurements;
}

async function measureOverhead(spec: ClientBenchSpec, url: string, requests: number): Promise<OverheadMeasurement> {
  const perRound = Math.ceil(requests / OVERHEAD_ROUNDS);
  const repeat = (call: () => Promise<unknown>) => async () => {
    for (let i = 0; i < perRound; i++) await call();
  };
  const result = await compareAB({
    rounds: OVERHEAD_ROUNDS,
    baseline: repeat(spec.overhead.raw(url)),
    candidate: repeat(spec.overhead.client(url)),
  });
  return {
    operation: spec.overhead.operation,
    requests: perRound * OVERHEAD_ROUNDS,
    rounds: OVERHEAD_ROUNDS,
    order: result.order,
    rawUsPerRequest: round((result.medianBaselineMs * 1000) / perRound, 1),
    clientUsPerRequest: round((result.medianCandidateMs * 1000) / perRound, 1),
    ratio: round(result.ratio, 3),
    perRoundRawMs: result.baselineMs.map((ms) => round(ms, 1)),
    perRoundClientMs: result.candidateMs.map((ms) => round(ms, 1)),
    goal: CLIENT_GOALS.overheadRatio,
  };
}

async function measurePagination(spec: ClientBenchSpec, url: string, items: number): Promise<PaginationMeasurement> {
  const { pageSize, handWritten, auto, items: itemName } = spec.pagination;
  // A walk that misses or repeats items would compare different work.
  const counted = (label: string, walk: () => Promise<number>) => async () => {
    const seen = await walk();
    if (seen !== items) throw new Error(`${label} saw ${seen} ${itemName}, expected ${items}`);
  };
  const result = await compareAB({
    rounds: PAGINATION_WALKS,
    baseline: counted('hand-written loop', () => handWritten(url, pageSize)),
    candidate: counted('auto-pagination', () => auto(url, pageSize)),
  });
  return {
    items,
    itemName,
    pageSize,
    walks: PAGINATION_WALKS,
    order: result.order,
    handWrittenMsPerWalk: round(result.medianBaselineMs, 1),
    clientMsPerWalk: round(result.medianCandidateMs, 1),
    ratio: round(result.ratio, 3),
    perWalkHandWrittenMs: result.baselineMs.map((ms) => round(ms, 1)),
    perWalkClientMs: result.candidateMs.map((ms) => round(ms, 1)),
    goal: CLIENT_GOALS.paginationRatio,
  };
}

/** The catalog's rows for a client: client-overhead, pagination-overhead, bundle-size (+ bundle-size-<key>). */
export function clientBenchRows(client: string, measured: ClientMeasurements): BenchResult[] {
  const rows: BenchResult[] = [];
  const { overhead, pagination } = measured;
  if (overhead) {
    rows.push({
      id: 'client-overhead',
      title: `Client overhead vs raw fetch (${client})`,
      measured: `${overhead.clientUsPerRequest} vs ${overhead.rawUsPerRequest} µs/request, median of ${overhead.rounds} rounds, ${overhead.requests} requests per side (${overhead.operation})`,
      ratio: overhead.ratio,
      goal: `<= ${overhead.goal}x`,
      met: overhead.ratio <= overhead.goal,
      details: { ...overhead },
    });
  }
  if (pagination) {
    rows.push({
      id: 'pagination-overhead',
      title: `Auto-pagination vs hand-written loop (${client})`,
      measured: `${pagination.clientMsPerWalk} vs ${pagination.handWrittenMsPerWalk} ms per walk of ${pagination.items} ${pagination.itemName}, ${pagination.pageSize}/page, median of ${pagination.walks} walks`,
      ratio: pagination.ratio,
      goal: `<= ${pagination.goal}x`,
      met: pagination.ratio <= pagination.goal,
      details: { ...pagination },
    });
  }
  measured.bundles.forEach((bundle, index) => {
    rows.push({
      id: index === 0 ? 'bundle-size' : `bundle-size-${bundle.key}`,
      title: `Consumer bundle min+gzip, ${bundle.name} (${client})`,
      measured: `${bundle.gzipBytes} B min+gzip (${bundle.minBytes} B min), esbuild${bundle.note ? `; ${bundle.note}` : ''}`,
      ratio: round(bundle.gzipBytes / KIB, 2),
      goal: `<= ${round(measured.bundleGoalBytes / KIB, 2)} kB`,
      met: bundle.gzipBytes <= measured.bundleGoalBytes,
      details: { ...bundle },
    });
  });
  return rows;
}

/** measureClient + clientBenchRows: what a client's bench/index.mjs runBench returns. */
export async function runClientBench(spec: ClientBenchSpec, options: ClientBenchOptions = {}): Promise<BenchResult[]> {
  return clientBenchRows(spec.client, await measureClient(spec, options));
}
