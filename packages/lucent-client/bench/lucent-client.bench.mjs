/**
 * Benchmarks of the built client (dist/), returned as numbers so the root
 * bench runner can collect them; `pnpm bench` prints them.
 * - per-request overhead: client.issues.get vs raw fetch of the same URL;
 * - auto-pagination: `for await` over every issue vs a hand-written cursor loop;
 * - bundle: min+gzip size of browser consumer bundles built with esbuild.
 * Targets run interleaved in alternating order (ABBA) so drift hits both alike.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { LucentClient } from '../dist/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const TOKEN = 'luc_api_bench_token';
const ISSUE_ID = '87b3a6b6-5af5-438b-a39c-eff148a68ccb';

export const GOALS = { perRequestRatio: 1.05, paginationRatio: 1.1, bundleGzipBytes: 6 * 1024 };

async function startServer(issues) {
  const child = spawn(process.execPath, [join(here, 'server.mjs')], {
    env: { ...process.env, ISSUES: String(issues) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', (chunk) => resolve(String(chunk).trim()));
  });
  return { url, close: () => new Promise((resolve) => (child.once('exit', resolve), child.kill())) };
}

/** Runs `a` and `b` in `rounds` rounds, alternating which goes first; returns total ms of each. */
async function interleave(rounds, a, b) {
  let aMs = 0;
  let bMs = 0;
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? [a, b] : [b, a];
    for (const run of order) {
      const start = performance.now();
      await run();
      const elapsed = performance.now() - start;
      if (run === a) aMs += elapsed;
      else bMs += elapsed;
    }
  }
  return [aMs, bMs];
}

export async function benchPerRequest({ url, requests = 10_000, rounds = 20 } = {}) {
  const perRound = Math.ceil(requests / rounds);
  const client = new LucentClient({ apiKey: TOKEN, baseUrl: url });
  const target = `${url}/api/v1/issues/${ISSUE_ID}`;
  const raw = async () => {
    for (let i = 0; i < perRound; i++) {
      const response = await fetch(target, { headers: { authorization: `Bearer ${TOKEN}` } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      await response.json();
    }
  };
  const viaClient = async () => {
    for (let i = 0; i < perRound; i++) await client.issues.get(ISSUE_ID);
  };
  await interleave(2, raw, viaClient); // warm-up: connections, JIT
  const [rawMs, clientMs] = await interleave(rounds, raw, viaClient);
  const count = perRound * rounds;
  return {
    requests: count,
    rawMs: round(rawMs),
    clientMs: round(clientMs),
    rawUsPerRequest: round((rawMs * 1000) / count),
    clientUsPerRequest: round((clientMs * 1000) / count),
    ratio: round(clientMs / rawMs, 3),
    goal: GOALS.perRequestRatio,
  };
}

export async function benchPagination({ url, issues = 10_000, pageSize = 100, rounds = 10 } = {}) {
  const client = new LucentClient({ apiKey: TOKEN, baseUrl: url });
  const handWritten = async () => {
    let count = 0;
    let cursor = null;
    do {
      const query = new URLSearchParams({ limit: String(pageSize) });
      if (cursor) query.set('cursor', cursor);
      const response = await fetch(`${url}/api/v1/issues?${query}`, { headers: { authorization: `Bearer ${TOKEN}` } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const page = await response.json();
      for (const issue of page.issues) if (issue.id) count++;
      cursor = page.nextCursor;
    } while (cursor);
    if (count !== issues) throw new Error(`hand-written loop saw ${count} issues`);
  };
  const auto = async () => {
    let count = 0;
    for await (const issue of client.issues.list({ limit: pageSize })) if (issue.id) count++;
    if (count !== issues) throw new Error(`auto-pagination saw ${count} issues`);
  };
  await interleave(2, handWritten, auto);
  const [handMs, clientMs] = await interleave(rounds, handWritten, auto);
  return {
    issues,
    pageSize,
    walks: rounds,
    handWrittenMs: round(handMs),
    clientMs: round(clientMs),
    ratio: round(clientMs / handMs, 3),
    goal: GOALS.paginationRatio,
  };
}

const CONSUMERS = {
  // What a consumer that calls one operation ships: the standalone function entry.
  'one operation: createLucentDataClient + getIssue (/operations)': [
    "import { createLucentDataClient, getIssue } from '@apiforge/lucent-client/operations';",
    "const lucent = createLucentDataClient({ apiKey: 'luc_api_example' });",
    "console.log(await getIssue(lucent, '87b3a6b6-5af5-438b-a39c-eff148a68ccb'));",
  ],
  'data: LucentClient + issues.get': [
    "import { LucentClient } from '@apiforge/lucent-client';",
    "const client = new LucentClient({ apiKey: 'luc_api_example' });",
    "console.log(await client.issues.get('87b3a6b6-5af5-438b-a39c-eff148a68ccb'));",
  ],
  'ingest: LucentIngestClient + batcher': [
    "import { LucentIngestClient } from '@apiforge/lucent-client';",
    "const ingest = new LucentIngestClient({ publicKey: 'luc_pk_example' });",
    "const batcher = ingest.createBatcher({ session: { id: 's' }, user: { anonymousId: 'a' }, page: { url: location.href } });",
    "batcher.add({ timestamp: Date.now(), type: 3, data: {} });",
  ],
};

function moduleGroup(path) {
  if (path.includes('client-core/')) return 'client-core';
  if (path.includes('/generated/client/') || path.includes('/generated/core/')) return 'hey-api runtime';
  if (path.includes('/generated/')) return 'generated from the spec';
  if (path.includes('lucent-client/dist/') || path.startsWith('dist/')) return 'hand-written layer';
  return 'consumer';
}

export async function benchBundleSize() {
  // Inside the package so '@apiforge/lucent-client' resolves to itself through its exports.
  const dir = mkdtempSync(join(packageRoot, '.bench-'));
  try {
    const results = {};
    for (const [name, lines] of Object.entries(CONSUMERS)) {
      const entry = join(dir, `${name.split(':')[0].replace(/\W+/g, '-')}.mjs`);
      writeFileSync(entry, `${lines.join('\n')}\n`);
      const output = await build({
        entryPoints: [entry],
        bundle: true,
        minify: true,
        treeShaking: true,
        platform: 'browser',
        format: 'esm',
        target: 'es2022',
        write: false,
        metafile: true,
        logLevel: 'silent',
      });
      const code = output.outputFiles[0].contents;
      const groups = {};
      for (const [input, info] of Object.entries(output.metafile.outputs[Object.keys(output.metafile.outputs)[0]].inputs)) {
        const group = moduleGroup(input);
        groups[group] = (groups[group] ?? 0) + info.bytesInOutput;
      }
      results[name] = { minBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, minBytesByGroup: groups };
    }
    return { consumers: results, goal: GOALS.bundleGzipBytes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Everything, for the root bench runner. */
export async function runLucentClientBench(options = {}) {
  const { requests = 10_000, issues = 10_000 } = options;
  const server = await startServer(issues);
  try {
    const perRequest = await benchPerRequest({ url: server.url, requests });
    const pagination = await benchPagination({ url: server.url, issues });
    const bundle = await benchBundleSize();
    return { package: '@apiforge/lucent-client', perRequest, pagination, bundle };
  } finally {
    await server.close();
  }
}

function round(value, digits = 1) {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
