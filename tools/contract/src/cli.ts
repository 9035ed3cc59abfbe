import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { toJunitXml } from './report/junit.js';
import { formatSummary } from './report/summary.js';
import { runContract } from './runner.js';
import { CHECK_KINDS, type CheckKind } from './types.js';

const USAGE = `Usage: pnpm contract <api> [--target sandbox|prism|https://...] [--allow-writes] [--strict] [--junit path]
                      [--only kind,kind] [--fault name ...] [--rate-limit-scale x] [--verbose]

  --target        sandbox (default; started in-process), prism (the mock), or a deployment URL
                  whose credentials come from the environment variables named in the API's profile
  --allow-writes  let a URL target run write cases (read-only by default)
  --strict        against a URL target, fail on our assumptions too (they warn by default:
                  the spec marks them x-assumption, and the real service never promised them)
  --junit         JUnit XML output (default test-output/contract-<api>-<target>.xml)
  --only          run only these check kinds: ${CHECK_KINDS.join(', ')}
  --fault         sandbox only: start it with a deliberate fault (mutation testing)
  --rate-limit-scale  sandbox only: scale of the rate-limited instance (default 0.02)
  --verbose       print every case as it finishes`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      target: { type: 'string', default: 'sandbox' },
      'allow-writes': { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      junit: { type: 'string' },
      only: { type: 'string' },
      fault: { type: 'string', multiple: true },
      'rate-limit-scale': { type: 'string' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const api = positionals[0];
  if (values.help || !api) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const kinds = values.only?.split(',').map((k) => k.trim()) as CheckKind[] | undefined;
  const unknown = kinds?.filter((k) => !CHECK_KINDS.includes(k));
  if (unknown?.length) throw new Error(`Unknown check kind(s): ${unknown.join(', ')}`);
  const scale = values['rate-limit-scale'] ? Number(values['rate-limit-scale']) : undefined;
  const target = values.target!;
  const report = await runContract({
    api,
    target,
    allowWrites: values['allow-writes'],
    strict: values.strict,
    ...(kinds ? { kinds } : {}),
    ...(values.fault ? { faults: values.fault } : {}),
    ...(scale ? { rateLimit: { scale, windowMs: 2000 } } : {}),
    onResult: values.verbose
      ? (r) => console.log(`${r.status === 'passed' ? '✓' : r.status === 'failed' ? '✗' : r.status === 'warned' ? '!' : '-'} [${r.kind}] ${r.name}${r.status === 'na' ? ` (${r.reason})` : ''}`)
      : undefined,
  });
  const targetSlug = /^https?:/.test(target) ? new URL(target).hostname : target;
  const junitPath = resolve(values.junit ?? `test-output/contract-${api}-${targetSlug}.xml`);
  mkdirSync(dirname(junitPath), { recursive: true });
  writeFileSync(junitPath, toJunitXml(`contract.${api}.${targetSlug}`, report.results, report.durationMs));
  console.log(formatSummary(`Contract suite: ${api} against ${report.target}`, report.results, report.durationMs));
  console.log(`JUnit XML: ${junitPath}`);
  return report.results.some((r) => r.status === 'failed') ? 1 : 0;
}
