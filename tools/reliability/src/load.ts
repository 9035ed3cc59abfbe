import autocannon from 'autocannon';
import type { LoadedApi } from './apis.js';
import { authorizedFor, withQuery } from './auth.js';
import { fillOperation, type ValuePool } from './discovery.js';
import type { SandboxProcess } from './sandbox-process.js';

export interface LoadReport {
  requests: number;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  /** RSS in MB, one sample per second. */
  rssMb: number[];
  paths: string[];
}

/** Every read operation the home tenant can call with real ids, with its fixture credential. */
export function loadRequests(api: LoadedApi, pool: ValuePool): { method: string; path: string; headers: Record<string, string> }[] {
  const requests = [];
  for (const op of api.spec.operations.filter((o) => o.method === 'get')) {
    const auth = authorizedFor(api, op);
    const filled = auth ? fillOperation(op, pool, auth.tenant) : undefined;
    if (!auth || !filled) continue;
    requests.push({ method: 'GET', path: withQuery(filled.path, { ...filled.query, ...auth.placed.query }), headers: auth.placed.headers });
  }
  return requests;
}

/** autocannon for `seconds` against the sandbox process, sampling its RSS once a second. */
export async function runLoad(sandbox: SandboxProcess, requests: ReturnType<typeof loadRequests>, options: { connections: number; seconds: number }): Promise<LoadReport> {
  const rssMb: number[] = [];
  const sampler = setInterval(() => void sandbox.rss().then((rss) => rssMb.push(rss / 1024 / 1024)), 1000);
  try {
    const result = await new Promise<import('autocannon').AutocannonResult>((resolve, reject) => {
      autocannon({ url: sandbox.url, connections: options.connections, duration: options.seconds, timeout: 10, requests }, (error, r) =>
        error ? reject(error) : resolve(r),
      );
    });
    const statuses: Record<string, number> = {};
    for (const [status, { count }] of Object.entries(result.statusCodeStats)) statuses[status] = Number(count);
    return {
      requests: result.requests.total,
      requestsPerSecond: Math.round(result.requests.average),
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
      statuses,
      errors: result.errors,
      timeouts: result.timeouts,
      rssMb,
      paths: requests.map((r) => r.path),
    };
  } finally {
    clearInterval(sampler);
  }
}

const average = (values: number[]): number => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

/**
 * The leak check: mean RSS over the last `window` samples against the mean over the first `window`
 * samples after `warmup` samples. Growth beyond 1.5× + 50 MB means memory grows with requests served.
 */
export function rssGrowth(rssMb: number[], warmup: number, window: number): { first: number; last: number; limit: number } {
  const first = average(rssMb.slice(warmup, warmup + window));
  const last = average(rssMb.slice(-window));
  return { first, last, limit: first * 1.5 + 50 };
}
