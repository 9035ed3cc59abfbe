import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadApi, sandboxApis } from '../src/apis.js';
import { discoverValues } from '../src/discovery.js';
import { HttpClient } from '../src/http.js';
import { probeIsolation } from '../src/isolation.js';
import { startSandboxProcess, type SandboxProcess } from '../src/sandbox-process.js';

describe.each(sandboxApis)('tenant isolation in %s', (name) => {
  let sandbox: SandboxProcess;
  let http: HttpClient;
  beforeAll(async () => {
    sandbox = await startSandboxProcess({ api: name, rateLimitScale: 100_000 });
    http = new HttpClient(sandbox.url, 4);
  });
  afterAll(async () => {
    http?.close();
    await sandbox?.close();
  });

  test("every cross-tenant access is refused as documented and shows nothing of the other tenant's", async () => {
    const api = await loadApi(name);
    const pool = await discoverValues(api, http);
    const attempts = await probeIsolation(api, http, pool);
    const statuses: Record<string, number> = {};
    for (const a of attempts) statuses[`${a.operation} ${a.status}`] = (statuses[`${a.operation} ${a.status}`] ?? 0) + 1;
    console.log(`[isolation ${name}] ${attempts.length} attempts: ${JSON.stringify(statuses)}`);
    const tenants = new Set([...api.credentials.values()].map((c) => c.org));
    expect(tenants.size, 'the sandbox needs credentials of two tenants').toBeGreaterThanOrEqual(2);
    // Every operation that takes a tenant's record must have been attempted across tenants.
    const attempted = new Set(attempts.map((a) => a.operation));
    const takingIds = api.spec.operations.filter((op) => op.parameters.some((p) => p.in === 'path'));
    expect(takingIds.map((op) => op.id).filter((id) => !attempted.has(id))).toEqual([]);
    expect(attempts.filter((a) => a.problems.length > 0)).toEqual([]);
  });
});
