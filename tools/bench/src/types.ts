/**
 * The contract between `pnpm bench` and a workspace package's benchmark module:
 * the module exports `runBench(options?) => Promise<BenchResult[]>`.
 */
export interface BenchResult {
  /** Stable id, e.g. "client-overhead"; `pnpm bench --only <id>` selects it. */
  id: string;
  title: string;
  /** Human-readable measurement, e.g. "sandbox 41k req/s, Prism 1.9k req/s". */
  measured: string;
  /** The number the goal is about (e.g. 1.03 for "1.03x"). */
  ratio?: number | undefined;
  /** e.g. "<= 1.05x"; parsed to judge `met` when a module leaves it out. */
  goal?: string | undefined;
  met?: boolean | undefined;
  details?: Record<string, unknown> | undefined;
}

export interface BenchOptions {
  /** Shorter runs for development; the default run must fit the whole `pnpm bench` in 5 minutes. */
  quick?: boolean;
  /** Ids the caller asked for (`--only`); a module may skip the others. Undefined = all. */
  only?: string[] | undefined;
}

export type RunBench = (options?: BenchOptions) => Promise<BenchResult[]>;

/** A benchmark `pnpm bench` expects to see, so an absent one shows as a "missing" row. */
export interface ExpectedBenchmark {
  id: string;
  /** Package that should provide it. */
  source: string;
  title: string;
  goal?: string | undefined;
}

/** One package (or built-in) benchmark module, run in its own child process. */
export interface BenchProvider {
  /** Package name, e.g. "@apiforge/sandbox". */
  source: string;
  /** Absolute path of the module exporting runBench; undefined when the package has none yet. */
  modulePath?: string | undefined;
  /** Why there is no module (shown in the "missing" rows). */
  missingReason?: string | undefined;
  /** The ids this module provides, when a package has several modules (the built-ins do). */
  ids?: readonly string[] | undefined;
  /** Export to call; default "runBench". */
  exportName?: string | undefined;
  /** Working directory of the child process (the package folder). */
  cwd?: string | undefined;
  timeoutMs: number;
  /** For a module whose options or results differ from the contract. */
  adapter?: BenchAdapter | undefined;
}

/**
 * How `pnpm bench` calls a package module that does not follow the contract
 * exactly, so the runner adapts to the package instead of editing it.
 */
export interface BenchAdapter {
  /** Module file relative to the package folder (default: the bench module discovery finds). */
  module?: string | undefined;
  exportName?: string | undefined;
  /** The argument passed to the export (must survive JSON). Default: the BenchOptions. */
  argument?: ((options: BenchOptions) => unknown) | undefined;
  /** Calls in a row in one process; each call is one round of the module's own A/B/C order. Default 1. */
  rounds?: ((options: BenchOptions) => number) | undefined;
  /** Turns the calls' return values into BenchResult[]. */
  results(runs: unknown[], options: BenchOptions): BenchResult[];
}

export type RowStatus = 'ok' | 'missing' | 'error' | 'timeout';

export interface BenchRow {
  /** "<source>/<id>": unique across packages. */
  key: string;
  id: string;
  source: string;
  title: string;
  measured: string;
  ratio: number | null;
  goal: string | null;
  /** null when the benchmark has no goal. */
  met: boolean | null;
  status: RowStatus;
  details?: Record<string, unknown> | undefined;
}

export interface BenchReport {
  generatedAt: string;
  quick: boolean;
  only: string[] | null;
  durationMs: number;
  environment: { node: string; platform: string; cpus: number; cpuModel: string };
  method: string;
  rows: BenchRow[];
}
