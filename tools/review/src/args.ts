import { forEachFlag, UsageError } from '@apiforge/spec-diff';

/** The review CLI's usage errors are spec:diff's: the same flag reader, the same exit code. */
export { UsageError };

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
  forEachFlag(argv, (flag) => {
    switch (flag.name) {
      case '--base':
        options.base = flag.value('main');
        break;
      case '--out':
        options.out = flag.value('review-output');
        break;
      case '--api':
        options.apis.push(flag.value('lucent'));
        break;
      case '--no-surface':
        if (flag.inline !== undefined) throw new UsageError('--no-surface takes no value.');
        options.surface = false;
        break;
      case '-h':
      case '--help':
        options.help = true;
        break;
      default:
        throw new UsageError(`Unknown argument ${flag.raw}. Valid options: --base, --out, --api, --no-surface, --help.`);
    }
  });
  return options;
}
