#!/usr/bin/env node
// `pnpm bench`: first brings the packages whose benchmarks run up to date (turbo,
// so this is a cache restore when nothing changed), then runs the compiled CLI.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const wantsBuild = !args.includes('--no-build') && !args.includes('--help') && !args.includes('-h');
const cliArgs = args.filter((a) => a !== '--no-build');

if (wantsBuild) {
  process.stderr.write('bench: building the benchmarked packages (turbo; cached when unchanged) ...\n');
  const turbo = fileURLToPath(new URL('../../../node_modules/.bin/turbo', import.meta.url));
  const build = spawnSync(
    turbo,
    ['run', 'build', '--filter=@apiforge/bench...', '--filter=./packages/*', '--output-logs=errors-only', '--ui=stream'],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], timeout: 180_000, env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', REDOCLY_TELEMETRY: 'off' } },
  );
  if (build.status !== 0) {
    process.stderr.write('bench: the build failed (see above); benchmarks of packages that did not build will show as errors.\n');
  }
}

const entry = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('bench: tools/bench is not built. Run `pnpm --filter @apiforge/bench build` first.\n');
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(cliArgs);
