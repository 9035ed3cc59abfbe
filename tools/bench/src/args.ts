export interface CliArgs {
  only: string[] | null;
  quick: boolean;
  verbose: boolean;
  strict: boolean;
  list: boolean;
  help: boolean;
  outDir: string | undefined;
}

export const USAGE = `Usage: pnpm bench [--only id,id] [--quick] [--out dir] [--verbose] [--strict] [--list]

  --only id,...  run only these benchmarks; an id ("bundle-size"), "<package>/<id>"
                 ("lucent-client/bundle-size") or a package ("sandbox")
  --quick        shorter runs while developing (noisier numbers)
  --out dir      where bench.json and bench.md go (default: bench-output/ at the repo root)
  --verbose      show each benchmark module's own output
  --strict       exit 1 when a goal is not met or a benchmark is missing
  --list         list the expected benchmarks and where each comes from, run nothing`;

export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { only: null, quick: false, verbose: false, strict: false, list: false, help: false, outDir: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--only':
        args.only = [...(args.only ?? []), ...value().split(',').map((s) => s.trim()).filter(Boolean)];
        break;
      case '--quick':
        args.quick = true;
        break;
      case '--verbose':
        args.verbose = true;
        break;
      case '--strict':
        args.strict = true;
        break;
      case '--list':
        args.list = true;
        break;
      case '--out':
        args.outDir = value();
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      case '--':
        break;
      default:
        throw new Error(`unknown argument: ${arg}`);
    }
  }
  return args;
}
