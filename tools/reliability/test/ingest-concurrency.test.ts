import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadApi, sandboxApis } from '../src/apis.js';
import { HttpClient } from '../src/http.js';
import { runConcurrentIngest } from '../src/ingest.js';
import { INGEST_PROFILES } from '../src/ingest-profiles.js';
import { startSandboxProcess, type SandboxProcess } from '../src/sandbox-process.js';

const ingesting = sandboxApis.filter((api) => INGEST_PROFILES[api]);

test('every sandbox API with an ingest operation (x-rate-limit group "ingest") has an ingest profile', async () => {
  for (const name of sandboxApis) {
    const api = await loadApi(name);
    if (api.spec.operations.some((op) => op.rateLimit?.group === 'ingest')) expect(INGEST_PROFILES[name], name).toBeDefined();
  }
});

describe.each(ingesting)('ingest into %s under concurrency', (name) => {
  let sandbox: SandboxProcess;
  let http: HttpClient;
  beforeAll(async () => {
    sandbox = await startSandboxProcess({ api: name, rateLimitScale: 100_000 });
    http = new HttpClient(sandbox.url, 40);
  });
  afterAll(async () => {
    http?.close();
    await sandbox?.close();
  });

  test('20 senders × 50 batches, each sent 2-3 times in random order: counts equal the unique events', async () => {
    const api = await loadApi(name);
    const report = await runConcurrentIngest(api, INGEST_PROFILES[name]!, http, { senders: 20, batchesPerSender: 50, seed: 7 });
    console.log(`[ingest ${name}] ${report.requests} requests for ${report.uniqueBatches} batches / ${report.uniqueEvents} events: statuses ${JSON.stringify(report.statuses)}, accepted ${JSON.stringify(report.accepted)}`);
    expect(Object.keys(report.statuses).every((s) => Number(s) >= 200 && Number(s) < 300), JSON.stringify(report.statuses)).toBe(true);
    expect(report.requests).toBeGreaterThanOrEqual(2 * report.uniqueBatches);
    expect(report.accepted.events).toBe(report.uniqueEvents);
    if (report.accepted.batches !== undefined) expect(report.accepted.batches).toBe(report.uniqueBatches);
  });
});
