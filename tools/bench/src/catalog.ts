import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adapters } from './adapters/index.js';
import type { BenchAdapter, BenchProvider, ExpectedBenchmark } from './types.js';
import type { WorkspacePackage } from './workspace.js';

export const BENCH_SOURCE = '@apiforge/bench';

/** Where a package's benchmark module is looked for, unless package.json names it ("apiforge": { "bench": "<path>" }). */
export const BENCH_MODULE_CANDIDATES = ['bench/index.mjs', 'bench/index.js'] as const;

const PACKAGE_TIMEOUT_MS = 150_000;

const BUILT_IN_MODULES: ReadonlyArray<{ file: string; ids?: readonly string[]; timeoutMs: number; source?: string }> = [
  { file: 'benchmarks/ingest-batcher.js', ids: ['ingest-batcher-json', 'ingest-batcher-ndjson'], timeoutMs: 150_000 },
  { file: 'benchmarks/turbo-cache.js', ids: ['turbo-warm-vs-cold'], timeoutMs: 150_000 },
];

/**
 * The client rows are measured here, through each client's public entry points and side by side with the
 * peer (openapi-fetch): a built-in module per client package, run with that package as its source.
 */
export const BUILT_IN_CLIENT_MODULES: Readonly<Record<string, string>> = {
  '@apiforge/lucent-client': 'benchmarks/clients/lucent.js',
  '@apiforge/luludesk-client': 'benchmarks/clients/luludesk.js',
  '@apiforge/lumiqtrace-client': 'benchmarks/clients/lumiqtrace.js',
};


export function isClientPackage(pkg: WorkspacePackage, root: string): boolean {
  const rel = relative(root, pkg.dir).split('\\').join('/');
  return /^packages\/[^/]+-client$/.test(rel);
}

export const INGEST_TITLES = {
  json: 'Ingest batcher vs JSON serialisation + node:zlib gzip of the same events (JSON, rrweb)',
  ndjson: 'Ingest batcher vs NDJSON serialisation + node:zlib gzip of the same events (100/batch)',
} as const;

/** The benchmarks the issues name; one set per client package. */
export function expectedBenchmarks(packages: readonly WorkspacePackage[], root: string): ExpectedBenchmark[] {
  const expected: ExpectedBenchmark[] = [];
  for (const pkg of packages.filter((p) => isClientPackage(p, root))) {
    const client = pkg.name.replace(/^@[^/]+\//, '');
    expected.push(
      { id: 'client-overhead', source: pkg.name, title: `Client overhead vs raw fetch, and vs openapi-fetch (${client})`, goal: '<= 1.05x and < openapi-fetch' },
      { id: 'openapi-fetch-overhead', source: pkg.name, title: `Peer: openapi-fetch overhead vs raw fetch, same run (${client})`, goal: 'none set' },
      { id: 'pagination-overhead', source: pkg.name, title: `Auto-pagination vs hand-written loop (${client})`, goal: '<= 1.1x' },
      { id: 'bundle-size', source: pkg.name, title: `Consumer bundle, one operation, min+gzip (${client})`, goal: '<= 5 kB' },
      { id: 'bundle-size-client', source: pkg.name, title: `Consumer bundle, whole client with one call, min+gzip (${client})`, goal: '<= 7 kB' },
      { id: 'bundle-size-openapi-fetch', source: pkg.name, title: `Consumer bundle, peer: openapi-fetch + one GET (${client})`, goal: 'none set' },
    );
  }
  expected.push(
    { id: 'sandbox-vs-prism', source: '@apiforge/sandbox', title: 'Sandbox vs Prism (requests/s)', goal: '>= 10x' },
    { id: 'sandbox-vs-bare', source: '@apiforge/sandbox', title: 'Sandbox vs bare node:http (requests/s)', goal: '>= 0.5x' },
    { id: 'ingest-batcher-json', source: BENCH_SOURCE, title: INGEST_TITLES.json, goal: '<= 1.3x' },
    { id: 'ingest-batcher-ndjson', source: BENCH_SOURCE, title: INGEST_TITLES.ndjson, goal: '<= 1.3x' },
    { id: 'turbo-warm-vs-cold', source: BENCH_SOURCE, title: 'Turbo build: warm (cached) vs cold', goal: '>= 5x' },
  );
  return expected;
}

/**
 * A package's benchmark module: the one package.json names ("apiforge": { "bench": "<path>" }),
 * else bench/index.mjs|js, both following the runBench contract; else the module its adapter knows.
 */
export function findBenchModule(
  pkg: WorkspacePackage,
  adapter: BenchAdapter | undefined,
): { modulePath?: string; adapter?: BenchAdapter; reason?: string } {
  const declared = (pkg.manifest.apiforge as { bench?: unknown } | undefined)?.bench;
  if (typeof declared === 'string') {
    const path = join(pkg.dir, declared);
    return existsSync(path) ? { modulePath: path } : { reason: `${declared} (package.json "apiforge.bench") does not exist` };
  }
  for (const candidate of BENCH_MODULE_CANDIDATES) {
    const path = join(pkg.dir, candidate);
    if (existsSync(path)) return { modulePath: path };
  }
  if (adapter?.module) {
    const path = join(pkg.dir, adapter.module);
    if (existsSync(path)) return { modulePath: path, adapter };
    return { reason: `${pkg.name} has no ${adapter.module} (nor ${BENCH_MODULE_CANDIDATES.join(' or ')} exporting runBench) yet` };
  }
  return { reason: `${pkg.name} has no ${BENCH_MODULE_CANDIDATES.join(' or ')} exporting runBench yet` };
}

/** Every module to run: the built-in benchmarks, then each package that has one or is expected to. */
export function discoverProviders(packages: readonly WorkspacePackage[], expected: readonly ExpectedBenchmark[]): BenchProvider[] {
  const distDir = fileURLToPath(new URL('.', import.meta.url));
  const providers: BenchProvider[] = BUILT_IN_MODULES.map(({ file, ids, timeoutMs }) => ({
    source: BENCH_SOURCE,
    modulePath: join(distDir, file),
    ids,
    timeoutMs,
  }));
  const owing = new Set(expected.map((e) => e.source));
  for (const pkg of packages) {
    if (pkg.name === BENCH_SOURCE) continue;
    const builtIn = BUILT_IN_CLIENT_MODULES[pkg.name];
    if (builtIn) {
      providers.push({ source: pkg.name, modulePath: join(distDir, builtIn), cwd: pkg.dir, timeoutMs: PACKAGE_TIMEOUT_MS });
      continue;
    }
    const found = findBenchModule(pkg, adapters[pkg.name]);
    if (!found.modulePath && !owing.has(pkg.name)) continue;
    providers.push({
      source: pkg.name,
      modulePath: found.modulePath,
      missingReason: found.reason,
      cwd: pkg.dir,
      timeoutMs: PACKAGE_TIMEOUT_MS,
      adapter: found.adapter,
    });
  }
  for (const source of owing) {
    if (!providers.some((p) => p.source === source)) {
      providers.push({ source, missingReason: `package ${source} is not in this workspace`, timeoutMs: PACKAGE_TIMEOUT_MS });
    }
  }
  return providers;
}
