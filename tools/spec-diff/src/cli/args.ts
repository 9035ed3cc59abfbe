import { UsageError } from '../git.js';
import { forEachFlag } from './flags.js';

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
  forEachFlag(argv, (flag) => {
    const { name, raw, inline } = flag;
    switch (name) {
      case '--base':
        options.base = flag.value('main');
        break;
      case '--format': {
        const format = flag.value('json');
        if (!FORMATS.includes(format as Format)) throw new UsageError(`--format ${format} is not supported; use markdown, json, junit or github.`);
        options.format = format as Format;
        break;
      }
      case '--out':
        options.out = flag.value('spec-diff.md');
        break;
      case '--against':
        options.against = flag.value('vendor-openapi.json');
        break;
      case '--api':
        options.api = flag.value('lucent');
        break;
      case '--as':
        options.as = flag.value('lucent-openapi');
        break;
      case '--deprecation-days': {
        const days = flag.value('90');
        if (!/^\d{1,5}$/.test(days)) throw new UsageError(`--deprecation-days needs a whole number of days, e.g. --deprecation-days 90; got ${days}.`);
        options.deprecationDays = Number(days);
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
  });
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
