import { formatFuzzReport } from './report.js';
import { runFuzz } from './run.js';

/** The command-line options `--fuzz` mode reads (parsed by the contract CLI). */
export interface FuzzCommandOptions {
  api: string;
  /** The raw `--fuzz N` and `--seed S` values. */
  fuzz: string;
  seed?: string;
  target: string;
  env: NodeJS.ProcessEnv;
  allowWrites: boolean;
  strict: boolean;
  allowMissingCredentials: boolean;
  ingestUrl?: string;
  maxRps?: number;
  operations?: string[];
  faults?: string[];
  /** Makes the CLI's usage error (exit 2, "see --help"). */
  usageError: (message: string) => Error;
}

function wholeNumber(flag: string, raw: string, min: number, usageError: (m: string) => Error): number {
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || Math.abs(value) > 0x7fffffff) {
    throw usageError(`${flag} needs a whole number${min > 0 ? ` of at least ${min}` : ''} (at most ${0x7fffffff}), got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** `pnpm contract <api> --fuzz N [--seed S]`: prints the fuzz report; 0 when every check held, 1 otherwise. */
export async function fuzzCommand(options: FuzzCommandOptions): Promise<number> {
  const requests = wholeNumber('--fuzz', options.fuzz, 1, options.usageError);
  const seed = options.seed === undefined ? undefined : wholeNumber('--seed', options.seed, -0x7fffffff, options.usageError);
  const operations = options.operations;
  const report = await runFuzz({
    api: options.api,
    target: options.target,
    requests,
    ...(seed !== undefined ? { seed } : {}),
    env: options.env,
    allowWrites: options.allowWrites,
    strict: options.strict,
    ...(options.maxRps ? { maxRps: options.maxRps } : {}),
    ...(operations?.length ? { operations } : {}),
    runOptions: {
      allowMissingCredentials: options.allowMissingCredentials,
      ...(options.ingestUrl ? { hostUrls: { 'ingest-url': options.ingestUrl } } : {}),
      ...(options.faults?.length ? { faults: options.faults } : {}),
    },
  });
  console.log(formatFuzzReport(report));
  return report.failures.length > 0 ? 1 : 0;
}
