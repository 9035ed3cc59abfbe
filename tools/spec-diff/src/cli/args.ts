import { UsageError } from '../git.js';

export type Format = 'markdown' | 'json' | 'junit' | 'github';

export interface CliOptions {
  base: string | undefined;
  against: string | undefined;
  api: string | undefined;
  as: string | undefined;
  format: Format;
  out: string | undefined;
  check: boolean;
  help: boolean;
  deprecationDays: number | undefined;
}

export const USAGE = `Usage: pnpm spec:diff [--base <git ref>] [--format markdown|json|junit|github] [--out <file>] [--check] [--deprecation-days <n>]
       pnpm spec:diff --against <file or URL> [--api <name>] [--as <source id>] [--format markdown|json] [--out <file>]

  --base <ref>      commit, branch or tag to compare with (default: merge base with main;
                    on main itself, HEAD~1)
  --format <fmt>    markdown (default, for a pull-request comment), json, junit (a breaking
                    change is a failed test case) or github (workflow annotations)
  --out <file>      write the report to a file instead of stdout
  --check           fail (exit 1) unless changesets cover the changes:
                    breaking → major, warning or addition → minor, docs only → patch
                    (a waived breaking change is a warning)
  --deprecation-days <n>
                    notice a new x-sunset date must give (default 90); a nearer
                    sunset is a warning
  --against <doc>   drift review: compare our spec with another OpenAPI 3.0/3.1 document
                    (the vendor's own) and list every disagreement that is not one of our
                    marked assumptions; exit 1 when there is one
  --api <name>      which of our APIs to compare (default: the one whose servers match)
  --as <id>         the x-sources id of that document (default: matched by URL or file name)
  -h, --help        show this help`;

const FORMATS: readonly Format[] = ['markdown', 'json', 'junit', 'github'];

export function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { base: undefined, against: undefined, api: undefined, as: undefined, format: 'markdown', out: undefined, check: false, help: false, deprecationDays: undefined };
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
        if (!FORMATS.includes(format as Format)) throw new UsageError(`--format ${format} is not supported; use markdown, json, junit or github.`);
        options.format = format as Format;
        break;
      }
      case '--out':
        options.out = value();
        break;
      case '--against':
        options.against = value();
        break;
      case '--api':
        options.api = value();
        break;
      case '--as':
        options.as = value();
        break;
      case '--deprecation-days': {
        const raw = value();
        if (!/^\d{1,5}$/.test(raw)) throw new UsageError(`--deprecation-days needs a whole number of days, e.g. --deprecation-days 90; got ${raw}.`);
        options.deprecationDays = Number(raw);
        break;
      }
      case '--check':
        if (inline !== undefined) throw new UsageError('--check takes no value; write just --check.');
        options.check = true;
        break;
      case '-h':
      case '--help':
        options.help = true;
        break;
      default:
        throw new UsageError(`Unknown argument ${raw}. Valid options: --base, --format, --out, --check, --deprecation-days, --against, --api, --as, --help.`);
    }
  }
  if (options.against === undefined && (options.api !== undefined || options.as !== undefined)) {
    throw new UsageError('--api and --as belong to a drift review; add --against <file or URL>.');
  }
  if (options.against !== undefined && (options.format === 'junit' || options.format === 'github')) {
    throw new UsageError('--against reports as markdown or json; junit and github are for the git diff.');
  }
  if (options.against !== undefined && (options.base !== undefined || options.check || options.deprecationDays !== undefined)) {
    throw new UsageError('--against compares with another document; it does not take --base or --check (nor --deprecation-days).');
  }
  return options;
}
