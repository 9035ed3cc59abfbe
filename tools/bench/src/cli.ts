import { isAbsolute, join, relative, resolve } from 'node:path';
import { parseArgs, USAGE } from './args.js';
import { discoverProviders, expectedBenchmarks } from './catalog.js';
import { failureText, formatGoals, formatTable, summaryLine } from './format.js';
import { buildReport, METHOD, writeReport } from './report.js';
import { runBenchmarks } from './runner.js';
import { findRepoRoot, listWorkspacePackages } from './workspace.js';

/** `pnpm bench`: returns the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const root = findRepoRoot();
  const packages = listWorkspacePackages(root);
  const expected = expectedBenchmarks(packages, root);
  const providers = discoverProviders(packages, expected);

  if (args.list) {
    for (const e of expected) process.stdout.write(`${e.source.padEnd(26)} ${e.id.padEnd(24)} ${e.goal ?? '(no goal)'}\n`);
    for (const p of providers) {
      process.stdout.write(`module ${p.source}: ${p.modulePath ? relative(root, p.modulePath) : `none (${p.missingReason})`}\n`);
    }
    return 0;
  }

  const started = performance.now();
  const rows = await runBenchmarks({
    providers,
    expected,
    quick: args.quick,
    only: args.only,
    settings: { verbose: args.verbose },
    onProgress: (message) => process.stderr.write(`bench: ${message}\n`),
  });
  const report = buildReport(rows, { quick: args.quick, only: args.only, durationMs: performance.now() - started });
  const outDir = args.outDir ? (isAbsolute(args.outDir) ? args.outDir : resolve(process.cwd(), args.outDir)) : join(root, 'bench-output');
  const written = await writeReport(report, outDir);

  for (const row of rows) {
    const text = row.status === 'ok' ? undefined : failureText(row, 15);
    if (text) process.stderr.write(`\nbench: ${row.key} ${row.status}:\n${text}\n`);
  }
  process.stdout.write(`\n${formatTable(rows)}\n\n${summaryLine(rows)}\n\nGoals (met, or missed by how much; where it goes is measured after timing):\n${formatGoals(rows)}\n`);
  process.stdout.write(`Whole run: ${(report.durationMs / 1000).toFixed(1)} s${args.quick ? ' (--quick)' : ''}. ${METHOD}\n`);
  process.stdout.write(`Wrote ${relative(process.cwd(), written.json)} and ${relative(process.cwd(), written.markdown)}\n`);
  const failed = rows.some((r) => r.met === false);
  return args.strict && failed ? 1 : 0;
}
