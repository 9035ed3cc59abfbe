export class UsageError extends Error {}

export interface ReviewOptions {
  base: string | undefined;
  out: string | undefined;
  apis: string[];
  surface: boolean;
  help: boolean;
}

export const USAGE = `Usage: pnpm review [--base <git ref>] [--out <dir>] [--api <name>]... [--no-surface]

Writes one self-contained HTML review page per API whose spec changed since the base
(<out>/<api>.html) and a Markdown summary (<out>/summary.md) for a pull request.

  --base <ref>     commit, branch or tag to compare with (default as pnpm spec:diff: the merge
                   base with main; on main itself, HEAD~1)
  --out <dir>      where the pages go (default: tools/review/output)
  --api <name>     review only this API (repeatable; default: every changed API)
  --no-surface     skip the client surface diff (it generates a client for both sides)
  -h, --help       show this help`;

export function parseArgs(argv: readonly string[]): ReviewOptions {
  const options: ReviewOptions = { base: undefined, out: undefined, apis: [], surface: true, help: false };
  for (let index = 0; index < argv.length; index += 1) {
    const raw = argv[index] ?? '';
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const flag = eq > 0 ? raw.slice(0, eq) : raw;
    const inline = eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = (): string => {
      const next = inline ?? argv[index + 1];
      if (inline === undefined) index += 1;
      if (next === undefined || next === '' || (inline === undefined && next.startsWith('-'))) {
        throw new UsageError(`${flag} needs a value, e.g. ${flag} ${flag === '--out' ? 'review-output' : flag === '--api' ? 'lucent' : 'main'}.`);
      }
      return next;
    };
    switch (flag) {
      case '--base':
        options.base = value();
        break;
      case '--out':
        options.out = value();
        break;
      case '--api':
        options.apis.push(value());
        break;
      case '--no-surface':
        if (inline !== undefined) throw new UsageError('--no-surface takes no value.');
        options.surface = false;
        break;
      case '-h':
      case '--help':
        options.help = true;
        break;
      default:
        throw new UsageError(`Unknown argument ${raw}. Valid options: --base, --out, --api, --no-surface, --help.`);
    }
  }
  return options;
}
