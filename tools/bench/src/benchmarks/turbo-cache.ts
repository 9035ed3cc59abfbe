import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatMs, median, round } from '../stats.js';
import type { BenchOptions, BenchResult } from '../types.js';
import { findRepoRoot } from '../workspace.js';

const ID = 'turbo-warm-vs-cold';
const TITLE = 'Turbo build: warm (cached) vs cold';
const GOAL = '>= 5x';
/** The spec packages and the clients, with whatever they depend on (client-core, spec tooling). */
const FILTERS = ['--filter=./packages/*-openapi', '--filter=./packages/*-client'];
const COLD_TIMEOUT_MS = 100_000;
const WARM_TIMEOUT_MS = 40_000;
/** Rounds stop once another would push this benchmark past its share of the 5-minute run. */
const BUDGET_MS = 110_000;

interface TurboRun {
  ms: number;
  cached: number;
  total: number;
}

function runTurbo(root: string, cacheDir: string, timeoutMs: number): Promise<TurboRun> {
  const turbo = join(root, 'node_modules', '.bin', 'turbo');
  if (!existsSync(turbo)) throw new Error(`turbo is not installed at ${turbo}; run pnpm install`);
  const args = ['run', 'build', ...FILTERS, `--cache-dir=${cacheDir}`, '--output-logs=errors-only', '--ui=stream'];
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(turbo, args, {
      cwd: root,
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', REDOCLY_TELEMETRY: 'off', FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - start;
      if (signal) return reject(new Error(`turbo build killed after ${Math.round(timeoutMs / 1000)} s (${signal})`));
      if (code !== 0) {
        const failed = /Failed:\s+(.+)/.exec(output)?.[1]?.trim();
        const summary = `turbo build failed (exit ${code}${failed ? `; failed task: ${failed}` : ''})`;
        return reject(new Error(`${summary}\n${output.split('\n').slice(-25).join('\n')}`));
      }
      const match = /Cached:\s+(\d+) cached, (\d+) total/.exec(output);
      resolve({ ms, cached: Number(match?.[1] ?? NaN), total: Number(match?.[2] ?? NaN) });
    });
  });
}

/**
 * Cold = `turbo run build` with an empty, private cache directory (every task
 * runs); warm = the same command again on that cache (every task restored). Each
 * round is cold then warm, so the pair sees the same machine load. The repo's own
 * .turbo cache is never read or written.
 */
export async function runBench(options: BenchOptions = {}): Promise<BenchResult[]> {
  if (options.only && !options.only.includes(ID)) return [];
  const root = findRepoRoot();
  const maxRounds = options.quick ? 1 : 3;
  const cold: TurboRun[] = [];
  const warm: TurboRun[] = [];
  const started = performance.now();
  for (let roundIndex = 0; roundIndex < maxRounds; roundIndex++) {
    const cacheDir = await mkdtemp(join(tmpdir(), 'apiforge-bench-turbo-'));
    try {
      const roundStart = performance.now();
      cold.push(await runTurbo(root, cacheDir, COLD_TIMEOUT_MS));
      warm.push(await runTurbo(root, cacheDir, WARM_TIMEOUT_MS));
      const roundMs = performance.now() - roundStart;
      if (performance.now() - started + roundMs > BUDGET_MS) break;
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  }
  const coldMs = median(cold.map((r) => r.ms));
  const warmMs = median(warm.map((r) => r.ms));
  const speedup = coldMs / warmMs;
  const allHit = warm.every((r) => r.cached === r.total);
  const hits = warm.map((r) => `${r.cached}/${r.total}`);
  return [
    {
      id: ID,
      title: TITLE,
      measured:
        `cold ${formatMs(coldMs)}, warm ${formatMs(warmMs)} (medians of ${cold.length} round${cold.length === 1 ? '' : 's'}; ` +
        `warm tasks cached: ${hits.join(', ')})`,
      ratio: round(speedup, 2),
      goal: GOAL,
      // The goal is about the median speed-up; a warm miss (a file edited between the two runs) shows in `measured`.
      met: speedup >= 5,
      details: {
        command: `turbo run build ${FILTERS.join(' ')} --cache-dir=<fresh temp dir>`,
        coldMs: cold.map((r) => round(r.ms, 0)),
        warmMs: warm.map((r) => round(r.ms, 0)),
        warmCachedTasks: hits,
        ratioMeaning: 'cold time / warm time (speed-up of a cached build)',
        ...(allHit ? {} : { note: 'a warm run missed the cache (a package changed between the runs?)' }),
      },
    },
  ];
}
