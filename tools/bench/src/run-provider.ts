import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchOptions, BenchProvider } from './types.js';

export type ProviderOutcome =
  | { status: 'ok'; runs: unknown[]; durationMs: number }
  | { status: 'error' | 'timeout'; error: string; durationMs: number; output: string };

const DEFAULT_CHILD_SCRIPT = fileURLToPath(new URL('../bin/run-module.mjs', import.meta.url));
const KEPT_OUTPUT_LINES = 30;

export interface RunProviderSettings {
  /** Forward the module's stdout/stderr to our stderr, prefixed with its package. */
  verbose?: boolean | undefined;
  childScript?: string | undefined;
}

/**
 * Runs one provider's module in a child process in its own process group, so a
 * timeout also ends whatever it started (Prism, servers, esbuild).
 */
export function runProvider(
  provider: BenchProvider,
  options: BenchOptions,
  settings: RunProviderSettings = {},
): Promise<ProviderOutcome> {
  const start = performance.now();
  const elapsed = () => performance.now() - start;
  const tail: string[] = [];
  const child = fork(
    settings.childScript ?? DEFAULT_CHILD_SCRIPT,
    [
      provider.modulePath ?? '',
      provider.adapter?.exportName ?? provider.exportName ?? 'runBench',
      JSON.stringify({ argument: provider.adapter?.argument ? provider.adapter.argument(options) : options, rounds: provider.adapter?.rounds?.(options) ?? 1 }),
    ],
    { cwd: provider.cwd, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], detached: true },
  );
  const prefix = `[${provider.source}] `;
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split(/\r?\n/)) {
      if (line.trim() === '') continue;
      tail.push(line);
      if (tail.length > KEPT_OUTPUT_LINES) tail.shift();
      if (settings.verbose) process.stderr.write(`${prefix}${line}\n`);
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: ProviderOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const timer = setTimeout(() => {
      killGroup(child.pid);
      finish({
        status: 'timeout',
        error: `timed out after ${Math.round(provider.timeoutMs / 1000)} s`,
        durationMs: elapsed(),
        output: tail.join('\n'),
      });
    }, provider.timeoutMs);
    child.on('message', (message: { ok: boolean; runs?: unknown[]; error?: string }) => {
      if (message.ok) finish({ status: 'ok', runs: message.runs ?? [], durationMs: elapsed() });
      else finish({ status: 'error', error: message.error ?? 'unknown error', durationMs: elapsed(), output: tail.join('\n') });
      // The child exits by itself once the answer is out; this covers a child that hangs on exit.
      const straggler = setTimeout(() => killGroup(child.pid), 2000);
      child.once('exit', () => clearTimeout(straggler));
    });
    child.on('error', (error) => finish({ status: 'error', error: error.message, durationMs: elapsed(), output: tail.join('\n') }));
    child.on('exit', (code, signal) => {
      // Whatever the module started (servers, Prism) must not outlive it.
      killGroup(child.pid);
      finish({
        status: 'error',
        error: `benchmark process exited (${signal ?? `code ${code}`}) without a result`,
        durationMs: elapsed(),
        output: tail.join('\n'),
      });
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
