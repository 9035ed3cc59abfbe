import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadApi, sandboxApis } from '../src/apis.js';
import { fuzzApi } from '../src/fuzz/run.js';
import { startSandboxProcess, type SandboxProcess } from '../src/sandbox-process.js';

const REQUESTS = 10_000;
// Fixed seeds keep CI reproducible; RELIABILITY_FUZZ_SEED (+ RELIABILITY_FUZZ_PATH) replays a reported failure.
const SEED = Number(process.env['RELIABILITY_FUZZ_SEED'] ?? 20_260_601);
const PATH = process.env['RELIABILITY_FUZZ_PATH'];

describe.each(sandboxApis)('fuzz %s from its spec', (name) => {
  let sandbox: SandboxProcess;
  beforeAll(async () => {
    // Limits scaled far up so 429s do not drown the other answers (documented 429s are still judged).
    sandbox = await startSandboxProcess({ api: name, rateLimitScale: 100_000 });
  });
  afterAll(() => sandbox?.close());

  test(`${REQUESTS} generated requests: no 5xx, errors and successes as documented`, async () => {
    const api = await loadApi(name);
    const report = await fuzzApi(api, sandbox.url, { requests: REQUESTS, concurrency: 16, seed: SEED, ...(PATH ? { path: PATH } : {}) });
    console.log(`[fuzz ${name}] seed ${report.seed}: ${report.requests} requests, statuses ${JSON.stringify(report.statuses)}, targets ${JSON.stringify(report.byTarget)}`);
    expect(report.failure, `replay with RELIABILITY_FUZZ_SEED=${SEED} and the path below\n${report.failure}\nsandbox stderr:\n${sandbox.stderr().slice(0, 2000)}`).toBeUndefined();
    expect(report.requests).toBeGreaterThanOrEqual(REQUESTS);
    expect(sandbox.stderr()).toBe('');
  });
});
