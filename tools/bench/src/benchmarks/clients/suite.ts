/**
 * The rows of one generated client, measured by this package through the client's public entry points
 * (so the rows keep working while the clients are regenerated): per-request overhead against raw fetch
 * AND the peer a TypeScript user would pick (openapi-fetch), interleaved in one run; auto-pagination
 * against a hand-written loop; the one-operation and whole-client bundles (plus the peer's). Where a
 * goal is missed, the row's details carry an explanation: a CPU profile difference or the bundle's
 * byte breakdown.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { explainBundle, measureBundle, type BundleSize } from '../../harness/bundle.js';
import { startCannedServer } from '../../harness/canned-server.js';
import { compareAB } from '../../harness/compare.js';
import { workspacePackageDir } from '../../harness/import-package.js';
import { explainProfiles, profileCalls } from '../../harness/profile.js';
import { median, round } from '../../stats.js';
import type { BenchOptions, BenchResult } from '../../types.js';

/** Issue 16's goals for every generated client (1 kB = 1024 B). */
export const SUITE_GOALS = { overheadRatio: 1.05, paginationRatio: 1.1, oneOperationBytes: 5 * 1024, wholeClientBytes: 7 * 1024 } as const;

type Call = () => Promise<unknown>;

/**
 * The hand-written side of a comparison: plain fetch with the API's credential header, JSON out, any
 * non-2xx thrown. No options object is built per call beyond what fetch needs.
 */
export function rawJsonFetch(headers: Record<string, string>): (url: string, signal?: AbortSignal) => Promise<any> {
  return async (url, signal) => {
    const response = await fetch(url, signal ? { headers, signal } : { headers });
    if (!response.ok) throw new Error(`HTTP ${response.status} from ${url}`);
    return response.json();
  };
}

export interface ClientSuiteSpec {
  /** e.g. "lucent-client" */
  client: string;
  /** e.g. "@apiforge/lucent-client" */
  packageName: string;
  api: 'lucent' | 'luludesk' | 'lumiqtrace';
  overhead: {
    operation: string;
    /** One raw fetch of the same URL (with `signal` when given), body parsed. */
    raw: (baseUrl: string) => (signal?: AbortSignal) => Promise<unknown>;
    /** openapi-fetch with openapi-typescript types of the same bundled spec. */
    peer: (baseUrl: string) => Call;
    client: (baseUrl: string) => Promise<Call>;
  };
  pagination: {
    items: string;
    pageSize: number;
    handWritten: (baseUrl: string, pageSize: number) => Promise<number>;
    auto: (baseUrl: string, pageSize: number) => Promise<number>;
  };
  bundles: {
    oneOperation: { name: string; source: string };
    wholeClient: { name: string; source: string };
    /** More consumers of the package (no goal of their own), e.g. the ingest client. */
    extra?: ReadonlyArray<{ key: string; name: string; source: string }>;
    /** The same call with openapi-fetch, for comparison (no goal). */
    peer: { name: string; source: string };
  };
}

const KIB = 1024;
const SIDES = ['raw fetch', 'raw fetch + timeout signal', 'openapi-fetch', 'client'] as const;
/** Every rotation of the four sides and its reverse, cycled: each side runs in each position equally often. */
const ORDERS = [0, 1, 2, 3].flatMap((shift) => {
  const rotation = [0, 1, 2, 3].map((i) => (i + shift) % 4);
  return [rotation, [...rotation].reverse()];
});
const OVERHEAD_ROUNDS = 16;
const PAGINATION_WALKS = 10;
const PROFILE_CALLS = 2000;

const wants = (options: BenchOptions, id: string) => !options.only || options.only.some((t) => t === id || (t === 'bundle-size' && id.startsWith('bundle-size')));

function failedRow(id: string, title: string, goal: string | undefined, error: unknown): BenchResult {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return { id, title, measured: `failed: ${message.split('\n')[0]}`, goal, met: goal ? false : undefined, details: { error: message } };
}

export async function runClientSuite(spec: ClientSuiteSpec, options: BenchOptions = {}): Promise<BenchResult[]> {
  const rows: BenchResult[] = [];
  const items = options.quick ? 2000 : 10_000;
  const requests = options.quick ? 1600 : 8000;
  const needServer = wants(options, 'client-overhead') || wants(options, 'openapi-fetch-overhead') || wants(options, 'pagination-overhead');
  if (needServer) {
    const responder = fileURLToPath(new URL('./responder.js', import.meta.url));
    const server = await startCannedServer(responder, { api: spec.api, items });
    try {
      if (wants(options, 'client-overhead') || wants(options, 'openapi-fetch-overhead')) {
        try {
          rows.push(...(await overheadRows(spec, server.url, requests)));
        } catch (error) {
          rows.push(failedRow('client-overhead', overheadTitle(spec), overheadGoal, error));
        }
      }
      if (wants(options, 'pagination-overhead')) {
        try {
          rows.push(await paginationRow(spec, server.url, items));
        } catch (error) {
          rows.push(failedRow('pagination-overhead', paginationTitle(spec), `<= ${SUITE_GOALS.paginationRatio}x`, error));
        }
      }
    } finally {
      await server.close();
    }
  }
  if (wants(options, 'bundle-size')) rows.push(...(await bundleRows(spec, options)));
  return rows;
}

const overheadGoal = `<= ${SUITE_GOALS.overheadRatio}x and < openapi-fetch`;
const overheadTitle = (spec: ClientSuiteSpec) => `Client overhead vs raw fetch, and vs openapi-fetch (${spec.client})`;
const paginationTitle = (spec: ClientSuiteSpec) => `Auto-pagination vs hand-written loop (${spec.client})`;

async function overheadRows(spec: ClientSuiteSpec, url: string, requests: number): Promise<BenchResult[]> {
  const raw = spec.overhead.raw(url);
  // What any client with a real per-request timeout pays at least: the same raw call with an AbortSignal
  // and a timer (fetch's own work for a signal), so the client's ratio can be read against this floor.
  const rawWithTimeout: Call = async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 60_000);
    try {
      return await raw(controller.signal);
    } finally {
      clearTimeout(timer);
    }
  };
  const calls: Call[] = [() => raw(), rawWithTimeout, spec.overhead.peer(url), await spec.overhead.client(url)];
  const perRound = Math.ceil(requests / OVERHEAD_ROUNDS);
  const loop = (call: Call) => async () => {
    for (let i = 0; i < perRound; i++) await call();
  };
  const loops = calls.map(loop);
  for (let warm = 0; warm < 2; warm++) for (const run of loops) await run();
  const times: number[][] = [[], [], [], []];
  for (let r = 0; r < OVERHEAD_ROUNDS; r++) {
    for (const side of ORDERS[r % ORDERS.length]!) {
      const start = performance.now();
      await loops[side]!();
      times[side]!.push(performance.now() - start);
    }
  }
  const [rawMs, floorMs, peerMs, oursMs] = times as [number[], number[], number[], number[]];
  const perRoundRatio = (a: number[], b: number[]) => median(a.map((ms, i) => ms / b[i]!));
  const clientRatio = round(perRoundRatio(oursMs, rawMs), 3);
  const peerRatio = round(perRoundRatio(peerMs, rawMs), 3);
  const floorRatio = round(perRoundRatio(floorMs, rawMs), 3);
  const clientVsPeer = round(perRoundRatio(oursMs, peerMs), 3);
  const us = (list: number[]) => round((median(list) * 1000) / perRound, 1);
  const met = clientRatio <= SUITE_GOALS.overheadRatio && clientVsPeer < 1;
  const common = {
    operation: spec.overhead.operation,
    requestsPerSide: perRound * OVERHEAD_ROUNDS,
    rounds: OVERHEAD_ROUNDS,
    order: 'the four sides in every rotation and its reverse, cycled, after 2 warm-up rounds; ratios are medians of per-round ratios',
    usPerRequest: { rawFetch: us(rawMs), rawFetchWithTimeoutSignal: us(floorMs), openapiFetch: us(peerMs), client: us(oursMs) },
    rawFetchWithTimeoutSignalRatio: floorRatio,
    perRoundMs: Object.fromEntries(SIDES.map((side, i) => [side, times[i]!.map((ms) => round(ms, 1))])),
  };
  const details: Record<string, unknown> = { ...common, ratioVsRawFetch: clientRatio, ratioVsOpenapiFetch: clientVsPeer, goal: overheadGoal };
  if (!met) {
    // Profiled after timing: the profiler slows what it samples.
    const profile = async (call: Call) => profileCalls(async () => {
      for (let i = 0; i < PROFILE_CALLS; i++) await call();
    }, PROFILE_CALLS);
    const rawProfile = await profile(calls[0]!);
    const peerProfile = await profile(calls[2]!);
    const clientProfile = await profile(calls[3]!);
    details.explanation = [
      `raw fetch with a timeout signal (the floor for real timeouts) is ${floorRatio.toFixed(2)}x raw fetch in this run`,
      explainProfiles(clientProfile, rawProfile, 'client vs raw fetch'),
      ...(clientVsPeer >= 1 ? [explainProfiles(clientProfile, peerProfile, 'client vs openapi-fetch')] : []),
    ].join('\n');
    details.profiles = { rawFetch: rawProfile, openapiFetch: peerProfile, client: clientProfile };
  }
  return [
    {
      id: 'client-overhead',
      title: overheadTitle(spec),
      measured: `${common.usPerRequest.client} vs ${common.usPerRequest.rawFetch} µs/request (raw fetch), openapi-fetch ${common.usPerRequest.openapiFetch}, raw fetch + timeout signal ${common.usPerRequest.rawFetchWithTimeoutSignal} (${floorRatio.toFixed(2)}x); client/openapi-fetch ${clientVsPeer.toFixed(2)}x; ${common.requestsPerSide} requests per side, ${OVERHEAD_ROUNDS} rounds (${spec.overhead.operation})`,
      ratio: clientRatio,
      goal: overheadGoal,
      met,
      details,
    },
    {
      id: 'openapi-fetch-overhead',
      title: `Peer: openapi-fetch overhead vs raw fetch, same run (${spec.client})`,
      measured: `${common.usPerRequest.openapiFetch} vs ${common.usPerRequest.rawFetch} µs/request; openapi-fetch 0.17.0 with openapi-typescript 7.13.0 types of the same bundled spec`,
      ratio: peerRatio,
      goal: 'none set',
      details: { ...common, ratioVsRawFetch: peerRatio },
    },
  ];
}

async function paginationRow(spec: ClientSuiteSpec, url: string, items: number): Promise<BenchResult> {
  const { pageSize, handWritten, auto, items: itemName } = spec.pagination;
  const counted = (label: string, walk: () => Promise<number>) => async () => {
    const seen = await walk();
    if (seen !== items) throw new Error(`${label} saw ${seen} ${itemName}, expected ${items}`);
  };
  const baseline = counted('hand-written loop', () => handWritten(url, pageSize));
  const candidate = counted('auto-pagination', () => auto(url, pageSize));
  const result = await compareAB({ rounds: PAGINATION_WALKS, baseline, candidate });
  const ratio = round(result.ratio, 3);
  const met = ratio <= SUITE_GOALS.paginationRatio;
  const details: Record<string, unknown> = {
    items,
    itemName,
    pageSize,
    walks: PAGINATION_WALKS,
    order: result.order,
    handWrittenMsPerWalk: round(result.medianBaselineMs, 1),
    clientMsPerWalk: round(result.medianCandidateMs, 1),
    perWalkHandWrittenMs: result.baselineMs.map((ms) => round(ms, 1)),
    perWalkClientMs: result.candidateMs.map((ms) => round(ms, 1)),
  };
  if (!met) {
    const pages = Math.ceil(items / pageSize);
    const handProfile = await profileCalls(baseline, pages);
    const autoProfile = await profileCalls(candidate, pages);
    details.explanation = explainProfiles(autoProfile, handProfile, 'auto-pagination vs hand-written loop, per page');
    details.profiles = { handWritten: handProfile, auto: autoProfile };
  }
  return {
    id: 'pagination-overhead',
    title: paginationTitle(spec),
    measured: `${details.clientMsPerWalk} vs ${details.handWrittenMsPerWalk} ms per walk of ${items} ${itemName}, ${pageSize}/page, median of ${PAGINATION_WALKS} walks`,
    ratio,
    goal: `<= ${SUITE_GOALS.paginationRatio}x`,
    met,
    details,
  };
}

async function bundleRows(spec: ClientSuiteSpec, options: BenchOptions): Promise<BenchResult[]> {
  const packageDir = workspacePackageDir(spec.packageName);
  const peerDir = fileURLToPath(new URL('../../..', import.meta.url));
  const { oneOperation, wholeClient, extra = [], peer } = spec.bundles;
  const consumers: Array<{ id: string; name: string; source: string; goalBytes?: number; resolveDir: string }> = [
    { id: 'bundle-size', ...oneOperation, goalBytes: SUITE_GOALS.oneOperationBytes, resolveDir: packageDir },
    { id: 'bundle-size-client', ...wholeClient, goalBytes: SUITE_GOALS.wholeClientBytes, resolveDir: packageDir },
    ...extra.map(({ key, name, source }) => ({ id: `bundle-size-${key}`, name, source, resolveDir: packageDir })),
    { id: 'bundle-size-openapi-fetch', ...peer, resolveDir: peerDir },
  ];
  const rows: BenchResult[] = [];
  for (const consumer of consumers) {
    if (!wants(options, consumer.id)) continue;
    const title = `Consumer bundle min+gzip, ${consumer.name} (${spec.client})`;
    const goal = consumer.goalBytes === undefined ? 'none set' : `<= ${consumer.goalBytes / KIB} kB`;
    let size: BundleSize;
    try {
      size = await measureBundle({ build, source: consumer.source, resolveDir: consumer.resolveDir });
    } catch (error) {
      rows.push(failedRow(consumer.id, title, consumer.goalBytes === undefined ? undefined : goal, error));
      continue;
    }
    const met = consumer.goalBytes === undefined ? undefined : size.gzipBytes <= consumer.goalBytes;
    rows.push({
      id: consumer.id,
      title,
      measured: `${size.gzipBytes} B min+gzip (${size.minBytes} B min), esbuild, browser ESM`,
      ratio: round(size.gzipBytes / KIB, 2),
      goal,
      met,
      details: { ...size, ...(met === false ? { explanation: explainBundle(size) } : {}) },
    });
  }
  return rows;
}
