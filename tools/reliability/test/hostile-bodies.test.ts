import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createConformanceChecker } from '@apiforge/sandbox/engine';
import { loadApi, sandboxApis } from '../src/apis.js';
import { authorizedFor, withQuery } from '../src/auth.js';
import { discoverValues, fillOperation, type ValuePool } from '../src/discovery.js';
import { exampleBody, serializeBody } from '../src/examples.js';
import { HttpClient } from '../src/http.js';
import { hostileBodies, sendStream } from '../src/hostile.js';
import { startSandboxProcess, type SandboxProcess } from '../src/sandbox-process.js';

const MB = 1024 * 1024;
/** The sandbox caps bodies at a few MiB while reading and inflating; a process above this buffered a hostile body. */
const RSS_LIMIT = 300 * MB;

function plainJsonErrorProblems(res: { status: number; headers: Record<string, string>; body: string }): string[] {
  const problems: string[] = [];
  if (!/^application\/json/.test(res.headers['content-type'] ?? '')) problems.push(`${res.status} is not JSON`);
  if (!/no-store/.test(res.headers['cache-control'] ?? '')) problems.push(`${res.status} without Cache-Control: no-store`);
  return problems;
}

const apis = await Promise.all(sandboxApis.map((name) => loadApi(name)));
const withBodies = apis.filter((api) => api.spec.operations.some((op) => op.requestBody));

describe.each(withBodies.map((api) => [api.name, api] as const))('hostile bodies against %s', (_name, api) => {
  let sandbox: SandboxProcess;
  let http: HttpClient;
  let pool: ValuePool;
  beforeAll(async () => {
    sandbox = await startSandboxProcess({ api: api.name, rateLimitScale: 100_000 });
    http = new HttpClient(sandbox.url, 2);
    pool = await discoverValues(api, http);
  });
  afterAll(async () => {
    http?.close();
    await sandbox?.close();
  });

  const ops = api.spec.operations.filter((op) => op.requestBody && authorizedFor(api, op) && exampleBody(api.spec.doc, op));
  test.each(ops.map((op) => [op.id, op] as const))('%s: a documented 4xx for each, bounded memory, and the next request served', async (_id, op) => {
    const checker = createConformanceChecker(api.spec.doc);
    const auth = authorizedFor(api, op)!;
    const example = exampleBody(api.spec.doc, op)!;
    const validBody = serializeBody(example.value, example.ndjson);
    const filled = fillOperation(op, pool, auth.tenant);
    expect(filled, `real values for the parameters of ${op.id}`).toBeDefined();
    const path = withQuery(filled!.path, { ...filled!.query, ...auth.placed.query });
    const send = (headers: Record<string, string>, body: Parameters<typeof sendStream>[4]) =>
      sendStream(sandbox.url, op.method.toUpperCase(), path, { ...auth.placed.headers, ...headers }, body);
    const rssBefore = await sandbox.rss();
    const rows: string[] = [];
    const undocumented = new Set<string>();
    const problems: string[] = [];
    for (const hostile of await hostileBodies(validBody, example.contentType)) {
      if (process.env['RELIABILITY_VERBOSE']) console.error(`[hostile ${api.name} ${op.id}] sending ${hostile.name}`);
      let peak = await sandbox.rss();
      const sampler = setInterval(() => void sandbox.rss().then((rss) => (peak = Math.max(peak, rss))), 20);
      const res = await send(hostile.headers, hostile.body()).finally(() => clearInterval(sampler));
      peak = Math.max(peak, await sandbox.rss());
      // The refusal the spec documents for this operation; an operation documenting none gets a plain 4xx JSON error.
      const documented = hostile.expect.find((status) => op.responses[String(status)]);
      const conformance = documented
        ? checker.check({ method: op.method, path, status: res.status, headers: res.headers, body: res.body })
        : plainJsonErrorProblems(res);
      if (!documented) undocumented.add(`${op.id}: ${hostile.expect.join('/')} not documented, sandbox answered ${res.status}`);
      const next = await http.send({ method: op.method.toUpperCase(), path, headers: { ...auth.placed.headers, 'content-type': example.contentType }, body: validBody });
      rows.push(`${hostile.name}: ${res.status} ${res.body.slice(0, 80)} | peak RSS ${(peak / MB).toFixed(0)} MB | next request ${next.status}`);
      if (documented ? res.status !== documented : res.status < 400 || res.status >= 500) {
        problems.push(`${hostile.name}: expected ${documented ?? 'a 4xx'}, got ${res.status} ${res.body.slice(0, 200)}`);
      }
      problems.push(...conformance.map((p) => `${hostile.name}: ${p}`));
      if (peak > RSS_LIMIT) problems.push(`${hostile.name}: sandbox RSS reached ${(peak / MB).toFixed(0)} MB`);
      if (next.status < 200 || next.status >= 300) problems.push(`${hostile.name}: the next valid request got ${next.status} ${next.body.slice(0, 200)}`);
      if (!sandbox.alive()) problems.push(`${hostile.name}: the sandbox process exited`);
    }
    const rssAfter = (await sandbox.memory({ gc: true })).rss;
    console.log(`[hostile ${api.name} ${op.id}] RSS before ${(rssBefore / MB).toFixed(0)} MB, after (GC) ${(rssAfter / MB).toFixed(0)} MB\n  ${rows.join('\n  ')}`);
    if (undocumented.size > 0) console.log(`[hostile ${api.name}] spec gap, refusals not documented: ${[...undocumented].join('; ')}`);
    expect(problems).toEqual([]);
    expect(sandbox.stderr()).toBe('');
  });
});
