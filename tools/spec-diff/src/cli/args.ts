import { UsageError } from '../git.js';

export type Format = 'markdown' | 'json';

export interface CliOptions {
  base: string | undefined;
  format: Format;
  out: string | undefined;
  check: boolean;
  help: boolean;
}

export const USAGE = `Usage: pnpm spec:diff [--base <git ref>] [--format markdown|json] [--out <file>] [--check]

  --base <ref>      commit, branch or tag to compare with (default: merge base with main;
                    on main itself, HEAD~1)
  --format <fmt>    markdown (default, for a pull-request comment) or json
  --out <file>      write the report to a file instead of stdout
  --check           fail (exit 1) unless changesets cover the changes:
                    breaking → major, addition → minor, docs only → patch
  -h, --help        show this help`;

const FORMATS: readonly Format[] = ['markdown', 'json'];

export function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { base: undefined, format: 'markdown', out: undefined, check: false, help: false };
  for (let index = 0; index < argv.length; index += 1) {
    const raw = argv[index] ?? '';
    const [flag, inline] = raw.startsWith('--') && raw.includes('=') ? [raw.slice(0, raw.indexOf('=')), raw.slice(raw.indexOf('=') + 1)] : [raw, undefined];
    const value = (): string => {
      const next = inline ?? argv[index + 1];
      if (inline === undefined) index += 1;
      if (next === undefined || next === '' || (inline === undefined && next.startsWith('--'))) {
        throw new UsageError(`${flag} needs a value, e.g. ${flag} ${flag === '--format' ? 'json' : flag === '--out' ? 'spec-diff.md' : 'main'}.`);
      }
      return next;
    };
    switch (flag) {
      case '--base':
        options.base = value();
        break;
      case '--format': {
        const format = value();
        if (!FORMATS.includes(format as Format)) throw new UsageError(`--format ${format} is not supported; use --format markdown or --format json.`);
        options.format = format as Format;
        break;
      }
      case '--out':
        options.out = value();
        break;
      case '--check':
        if (inline !== undefined) throw new UsageError('--check takes no value; write just --check.');
        options.check = true;
        break;
      case '-h':
      case '--help':
        options.help = true;
        break;
      default:
        throw new UsageError(`Unknown argument ${raw}. Valid options: --base, --format, --out, --check, --help.`);
    }
  }
  return options;
}
