#!/usr/bin/env node
// Requests per second on GET /api/v1/issues?limit=25: sandbox vs Prism mock vs bare node:http.
// Each target runs alone in its own process, for a bounded time, measured by autocannon in this process.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { startMock } from '@apiforge/mock';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, '..');
const PATH = '/api/v1/issues?limit=25';
const TOKEN = 'luc_api_sandbox_read';
export const GOALS = { sandboxVsPrism: 10, sandboxVsBare: 0.5 };

function startProcess(args, label) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} did not start:\n${out}`)), 30_000);
    const onData = (chunk) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/[^\s)]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c) => (out += c.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function load(url, { durationSeconds, connections }) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url: url + PATH, connections, duration: durationSeconds, headers: { authorization: `Bearer ${TOKEN}` } },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

async function measure(label, target, options) {
  const url = await target.url;
  try {
    const check = await fetch(url + PATH, { headers: { authorization: `Bearer ${TOKEN}` } });
    const body = await check.text();
    if (check.status !== 200) throw new Error(`${label} answered ${check.status}: ${body}`);
    // Warm-up (JIT, connection pools), not counted.
    await load(url, { durationSeconds: 1, connections: options.connections });
    const result = await load(url, options);
    return {
      requestsPerSecond: Math.round(result.requests.average),
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
      requests: result.requests.total,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      bodyBytes: Buffer.byteLength(body),
    };
  } finally {
    await target.close();
  }
}

/**
 * Runs the three targets one after another (never two at once), `durationSeconds` each after a 1 s warm-up.
 * Returns the numbers, ratios and whether each goal was met; writes them to bench-output/ when `write`.
 */
export async function runBench({ durationSeconds = 5, connections = 50, write = true, log = console.log } = {}) {
  const options = { durationSeconds, connections };
  const targets = {};
  const sandboxBin = join(packageDir, 'bin', 'sandbox.mjs');
  // Rate limits scaled far up: the benchmark measures serving, not 429s.
  log(`sandbox: ${durationSeconds} s, ${connections} connections ...`);
  targets.sandbox = await measure('sandbox', startProcess([sandboxBin, 'lucent', '--port', '0', '--rate-limit-scale', '100000'], 'sandbox'), options);

  // The bare server returns exactly the sandbox's page, so both send the same bytes.
  const outputDir = join(packageDir, 'bench-output');
  mkdirSync(outputDir, { recursive: true });
  const bodyFile = join(outputDir, 'bare-body.json');
  {
    const sandbox = startProcess([sandboxBin, 'lucent', '--port', '0', '--rate-limit-scale', '100000'], 'sandbox');
    const response = await fetch((await sandbox.url) + PATH, { headers: { authorization: `Bearer ${TOKEN}` } });
    writeFileSync(bodyFile, Buffer.from(await response.arrayBuffer()));
    await sandbox.close();
  }
  log(`bare node:http: ${durationSeconds} s, ${connections} connections ...`);
  targets.bare = await measure('bare', startProcess([join(here, 'bare-server.mjs'), bodyFile], 'bare server'), options);

  log(`Prism mock: ${durationSeconds} s, ${connections} connections ...`);
  const mock = startMock({ api: 'lucent', port: 0 });
  targets.prism = await measure('prism', { url: mock.then((m) => m.url), close: async () => (await mock).close() }, options);

  const ratios = {
    sandboxVsPrism: targets.sandbox.requestsPerSecond / Math.max(1, targets.prism.requestsPerSecond),
    sandboxVsBare: targets.sandbox.requestsPerSecond / Math.max(1, targets.bare.requestsPerSecond),
  };
  const goals = Object.entries(GOALS).map(([name, goal]) => ({ name, goal, actual: Number(ratios[name].toFixed(2)), met: ratios[name] >= goal }));
  const report = {
    benchmark: 'sandbox-throughput',
    request: `GET ${PATH}`,
    date: new Date().toISOString(),
    node: process.version,
    durationSeconds,
    connections,
    targets,
    ratios: Object.fromEntries(Object.entries(ratios).map(([k, v]) => [k, Number(v.toFixed(2))])),
    goals,
  };
  if (write) writeFileSync(join(outputDir, 'sandbox-bench.json'), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

export function formatReport(report) {
  const rows = [['target', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'non-2xx', 'errors']];
  for (const [name, t] of Object.entries(report.targets)) {
    rows.push([name, t.requestsPerSecond, t.latencyP50Ms, t.latencyP99Ms, t.requests, t.non2xx, t.errors].map(String));
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const lines = rows.map((r) => r.map((c, i) => String(c).padStart(widths[i])).join('  '));
  lines.push('');
  for (const g of report.goals) {
    lines.push(`${g.name}: ${g.actual}x (goal >= ${g.goal}x) ${g.met ? 'met' : 'NOT met'}`);
  }
  return lines.join('\n');
}

function parseCli(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=');
    const value = Number(inline ?? argv[++i]);
    if (flag === '--duration' && value > 0 && value <= 60) options.durationSeconds = value;
    else if (flag === '--connections' && Number.isInteger(value) && value > 0 && value <= 1000) options.connections = value;
    else throw new Error(`Usage: bench [--duration 1-60] [--connections 1-1000], got ${argv[i]}`);
  }
  return options;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const report = await runBench(parseCli(process.argv.slice(2)));
    console.log(`\nGET ${PATH}, ${report.durationSeconds} s per target, ${report.connections} connections (Node ${report.node})\n`);
    console.log(formatReport(report));
    console.log(`\nJSON: ${join(packageDir, 'bench-output', 'sandbox-bench.json')}`);
  } catch (error) {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
