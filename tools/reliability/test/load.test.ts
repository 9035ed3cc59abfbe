import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadApi, sandboxApis } from '../src/apis.js';
import { discoverValues } from '../src/discovery.js';
import { HttpClient } from '../src/http.js';
import { loadRequests, rssGrowth, runLoad } from '../src/load.js';
import { startSandboxProcess, type SandboxProcess } from '../src/sandbox-process.js';

// 20 s per API in CI (3 APIs stay under 70 s); RELIABILITY_LOAD_SECONDS shortens it locally.
const SECONDS = Number(process.env['RELIABILITY_LOAD_SECONDS'] ?? 20);
const CONNECTIONS = 50;

describe.each(sandboxApis)('bounded load on %s', (name) => {
  let sandbox: SandboxProcess;
  beforeAll(async () => {
    // The documented rate limits (scale 1) and the real fixture tokens: 429s are expected, nothing else.
    sandbox = await startSandboxProcess({ api: name });
  });
  afterAll(() => sandbox?.close());

  test(`${CONNECTIONS} connections for ${SECONDS} s: only 200 and 429, no errors, RSS does not keep growing`, async () => {
    const api = await loadApi(name);
    const http = new HttpClient(sandbox.url, 2);
    const requests = loadRequests(api, await discoverValues(api, http));
    http.close();
    expect(requests.length, 'read operations callable with real ids').toBeGreaterThan(0);
    const report = await runLoad(sandbox, requests, { connections: CONNECTIONS, seconds: SECONDS });
    const window = Math.max(1, Math.min(5, Math.floor(report.rssMb.length / 4)));
    const growth = rssGrowth(report.rssMb, Math.min(2, window), window);
    console.log(
      `[load ${name}] ${report.requests} requests, ${report.requestsPerSecond} req/s, p50 ${report.latencyP50Ms} ms, p99 ${report.latencyP99Ms} ms, statuses ${JSON.stringify(report.statuses)}, errors ${report.errors}, timeouts ${report.timeouts}; RSS MB first ${growth.first.toFixed(0)} → last ${growth.last.toFixed(0)} (limit ${growth.limit.toFixed(0)}), samples ${report.rssMb.map((r) => r.toFixed(0)).join(' ')}; paths ${report.paths.join(' ')}`,
    );
    expect(Object.keys(report.statuses).filter((s) => s !== '200' && s !== '429')).toEqual([]);
    expect(report.errors + report.timeouts).toBe(0);
    expect(report.requests).toBeGreaterThan(0);
    expect(growth.last).toBeLessThan(growth.limit);
    expect(sandbox.stderr()).toBe('');
  }, (SECONDS + 60) * 1000);
});
