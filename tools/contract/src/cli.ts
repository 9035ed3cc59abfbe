import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { profileFor, profileNames } from './profiles/index.js';
import { toGithubAnnotations } from './report/github.js';
import { toJson } from './report/json.js';
import { toJunitXml } from './report/junit.js';
import { toMarkdown } from './report/markdown.js';
import { formatSummary } from './report/summary.js';
import { envVariables, listCases, parseTarget, runContract, SetupError, type RunReport } from './runner.js';
import { CHECK_KINDS, type CheckKind } from './types.js';
import { fuzzCommand } from './fuzz/command.js';
import { workflowsCommand } from './workflows/command.js';

export const REPORTERS = ['summary', 'junit', 'json', 'markdown', 'github'] as const;
type ReporterName = (typeof REPORTERS)[number];

function environmentHelp(): string {
  return profileNames()
    .map((api) => {
      const vars = envVariables(profileFor(api));
      const width = Math.max(...vars.map((v) => v.name.length));
      return [`  ${api}:`, ...vars.map((v) => `    ${v.name.padEnd(width)}  ${v.what}`)].join('\n');
    })
    .join('\n');
}

export function usage(): string {
  return `Usage: apiforge-contract <api> [options]        (in the apiforge repository: pnpm contract <api> [options])

APIs: ${profileNames().join(', ')}

Target
  --target T              sandbox (default; started in-process), prism (starts the mock; repository only),
                          mock=URL (attach to a running mock, judged as a mock), or https://… (a deployment;
                          credentials from the environment variables below; read-only by default)
  --allow-writes          URL target: also run the cases that change data (no-op updates, test batches)
  --ingest-url URL        URL target: base URL of the API's separate ingest host (Lucent); without it those
                          cases are not run (nothing is ever sent to the spec's production servers)
  --allow-missing-credentials
                          URL target: run even when credential variables are unset (their cases are N/A)
  --max-rps N             at most N requests per second (the documented x-rate-limit of every operation is
                          always kept to; a 429 is waited out per Retry-After, at most 60 s, and reported)
  --strict                URL target: our assumptions fail too (by default they only warn)

Selection
  --list                  print the cases (after the filters below) without running anything
  --only kind,kind        only these check kinds: ${CHECK_KINDS.join(', ')}
  --operation ID          only cases of this operationId (repeatable, or comma-separated)
  --case TEXT             only cases whose name contains TEXT, case-insensitive (repeatable)

Reports
  --reporter NAME[=PATH]  repeatable; default: summary + junit. NAME is one of:
                            summary   text table and every failure with its request and a curl repro (stdout)
                            junit     JUnit XML (default path test-output/contract-<api>-<target>.xml)
                            json      the whole run as JSON (stdout unless PATH)
                            markdown  for $GITHUB_STEP_SUMMARY: appended to it when set and no PATH, else stdout
                            github    ::error / ::warning annotations for GitHub Actions (stdout)
  --junit PATH            same as --reporter junit=PATH
  --verbose               print every case as it finishes

Sandbox only (mutation testing)
  --fault NAME            start the sandbox with a deliberate fault (repeatable)
  --rate-limit-scale X    scale of the rate-limited sandbox instance (default 0.02)

Fuzzing and workflows (instead of the contract cases)
  --fuzz N                N property-based requests generated from the spec (valid and invalid parameters,
                          bodies, headers, credentials), each checked: no 5xx, status, content type and
                          required headers documented, body conforms, invalid input refused (4xx); failures
                          are shrunk to a minimal request and printed with their seed and a curl repro
  --seed S                the fuzzer's seed (default: random, printed); the same seed sends the same requests
  --workflows             run the API's Arazzo workflows (published as <spec package>/arazzo.yaml) with
                          Redocly Respect against the target; credentials from the variables below

Exit status: 0 every case passed (warnings allowed), 1 a case failed (or none could run),
2 usage or setup error (missing credentials, unreachable target, TLS failure, unknown option).

Environment variables read for a URL target (credentials are never printed; curl repros name the variable):
${environmentHelp()}`;
}

/**
 * Every option. Other modes of the suite add theirs here (and dispatch in `main` below, before the
 * contract run).
 */
const OPTIONS = {
  target: { type: 'string', default: 'sandbox' },
  'allow-writes': { type: 'boolean', default: false },
  'ingest-url': { type: 'string' },
  'allow-missing-credentials': { type: 'boolean', default: false },
  'max-rps': { type: 'string' },
  strict: { type: 'boolean', default: false },
  list: { type: 'boolean', default: false },
  only: { type: 'string' },
  operation: { type: 'string', multiple: true },
  case: { type: 'string', multiple: true },
  reporter: { type: 'string', multiple: true },
  junit: { type: 'string' },
  verbose: { type: 'boolean', default: false },
  fault: { type: 'string', multiple: true },
  'rate-limit-scale': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
  // --- options of other modes (fuzzing, workflows) go below this line ---
  fuzz: { type: 'string' },
  seed: { type: 'string' },
  workflows: { type: 'boolean', default: false },
} satisfies ParseArgsConfig['options'];

class UsageError extends Error {}

function positiveNumber(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0) throw new UsageError(`${flag} needs a positive number, got ${JSON.stringify(raw)}`);
  return value;
}

interface Reporter {
  name: ReporterName;
  path?: string;
}

function parseReporters(values: string[] | undefined, junit: string | undefined): Reporter[] {
  const reporters: Reporter[] = (values ?? []).map((raw) => {
    const [name, ...rest] = raw.split('=');
    if (!REPORTERS.includes(name as ReporterName)) throw new UsageError(`Unknown reporter "${name}": use ${REPORTERS.join(', ')}`);
    const path = rest.join('=');
    if (rest.length && !path) throw new UsageError(`--reporter ${name}= needs a path after =`);
    if (path && (name === 'summary' || name === 'github')) throw new UsageError(`the ${name} reporter writes to stdout only`);
    return { name: name as ReporterName, ...(path ? { path } : {}) };
  });
  if (junit !== undefined) reporters.push({ name: 'junit', path: junit });
  if (!values?.length) reporters.unshift({ name: 'summary' }, ...(junit === undefined ? [{ name: 'junit' as const }] : []));
  return reporters;
}

function targetSlug(target: string): string {
  const parsed = parseTarget(target);
  return parsed.kind === 'url' ? new URL(parsed.url).hostname : parsed.kind === 'mock' ? `mock-${new URL(parsed.url).port || 'default'}` : parsed.kind;
}

function writeReports(report: RunReport, reporters: Reporter[], target: string, env: NodeJS.ProcessEnv): void {
  const slug = targetSlug(target);
  const write = (path: string, text: string, append = false) => {
    mkdirSync(dirname(resolve(path)), { recursive: true });
    (append ? appendFileSync : writeFileSync)(resolve(path), text);
  };
  for (const reporter of reporters) {
    switch (reporter.name) {
      case 'summary': {
        const lines = [formatSummary(`Contract suite: ${report.api} against ${report.target}`, report.results, report.durationMs)];
        const p = report.pacing;
        lines.push(`Requests: ${p.requests}; waited ${(p.waitedMs / 1000).toFixed(1)} s to keep to the documented rate limits${p.throttled.length ? `; ${p.throttled.length} × 429 received anyway (${p.throttled.map((t) => `${t.method} ${t.url} Retry-After ${t.retryAfter ?? 'none'}`).slice(0, 3).join('; ')})` : '; no 429 received'}`);
        if (report.notices.length) lines.push('Not run on this target:', ...report.notices.map((n) => `  - ${n}`));
        console.log(lines.join('\n'));
        break;
      }
      case 'junit': {
        const path = reporter.path ?? `test-output/contract-${report.api}-${slug}.xml`;
        write(path, toJunitXml(`contract.${report.api}.${slug}`, report.results, report.durationMs));
        console.error(`JUnit XML: ${resolve(path)}`);
        break;
      }
      case 'json':
        if (reporter.path) write(reporter.path, toJson(report));
        else process.stdout.write(toJson(report));
        break;
      case 'markdown': {
        const path = reporter.path ?? env['GITHUB_STEP_SUMMARY'];
        if (path) write(path, toMarkdown(report), !reporter.path);
        else process.stdout.write(toMarkdown(report));
        break;
      }
      case 'github':
        process.stdout.write(toGithubAnnotations(report));
        break;
    }
  }
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    return await run(argv, env);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`contract: ${error.message}\nRun with --help for the options.`);
      return 2;
    }
    if (error instanceof SetupError) {
      console.error(`contract: setup error: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: typeof OPTIONS }>>;
  try {
    parsed = parseArgs({ args: argv[0] === '--' ? argv.slice(1) : argv, allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(usage());
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length ? `One API at a time, got: ${positionals.join(' ')}` : `Name the API to test: ${profileNames().join(', ')}`);
  const api = positionals[0]!;
  if (!profileNames().includes(api)) throw new UsageError(`Unknown API "${api}": use ${profileNames().join(', ')}`);
  const kinds = values.only?.split(',').map((k) => k.trim()) as CheckKind[] | undefined;
  const unknown = kinds?.filter((k) => !CHECK_KINDS.includes(k));
  if (unknown?.length) throw new UsageError(`Unknown check kind(s): ${unknown.join(', ')} (known: ${CHECK_KINDS.join(', ')})`);
  const operations = values.operation?.flatMap((o) => o.split(',')).map((o) => o.trim()).filter(Boolean);
  const reporters = parseReporters(values.reporter, values.junit);
  const target = values.target;
  const parsedTarget = parseTarget(target);
  if (parsedTarget.kind !== 'url') {
    for (const flag of ['ingest-url', 'allow-missing-credentials', 'strict'] as const) {
      if (values[flag]) throw new UsageError(`--${flag} applies to a URL target only`);
    }
  }
  if (parsedTarget.kind !== 'sandbox' && (values.fault || values['rate-limit-scale'])) throw new UsageError('--fault and --rate-limit-scale apply to the sandbox target only');
  const maxRps = positiveNumber('--max-rps', values['max-rps']);
  const scale = positiveNumber('--rate-limit-scale', values['rate-limit-scale']);

  if (values.list) {
    const cases = listCases({ api, ...(kinds ? { kinds } : {}), ...(operations ? { operations } : {}), ...(values.case ? { cases: values.case } : {}) });
    if (reporters.some((r) => r.name === 'json')) console.log(JSON.stringify(cases, null, 2));
    else {
      for (const c of cases) console.log(`[${c.kind}] ${c.name}${c.needs.length ? `  (needs: ${c.needs.join(', ')})` : ''}`);
      console.log(`${cases.length} cases (conformance and error-response cases are added from the responses of a run)`);
    }
    return 0;
  }

  // --- other modes (fuzzing, workflows) dispatch here, before the contract run ---
  if (values.fuzz !== undefined || values.seed !== undefined || values.workflows) {
    if (values.seed !== undefined && values.fuzz === undefined) throw new UsageError('--seed applies to --fuzz only');
    for (const flag of ['only', 'case', 'reporter', 'junit', 'rate-limit-scale'] as const) {
      if (values[flag] !== undefined) throw new UsageError(`--${flag} does not apply to --fuzz or --workflows`);
    }
    if (values.workflows && (values.fault || operations || maxRps)) throw new UsageError('--fault, --operation and --max-rps apply to --fuzz, not --workflows');
    let code = 0;
    if (values.fuzz !== undefined) {
      code = await fuzzCommand({
        api,
        fuzz: values.fuzz,
        ...(values.seed !== undefined ? { seed: values.seed } : {}),
        target,
        env,
        allowWrites: values['allow-writes'],
        strict: values.strict,
        allowMissingCredentials: values['allow-missing-credentials'],
        ...(values['ingest-url'] ? { ingestUrl: values['ingest-url'] } : {}),
        ...(maxRps ? { maxRps } : {}),
        ...(operations ? { operations } : {}),
        ...(values.fault ? { faults: values.fault } : {}),
        usageError: (message) => new UsageError(message),
      });
    }
    if (values.workflows) {
      const workflows = await workflowsCommand({
        api,
        target,
        env,
        allowWrites: values['allow-writes'],
        allowMissingCredentials: values['allow-missing-credentials'],
        ...(values['ingest-url'] ? { ingestUrl: values['ingest-url'] } : {}),
      });
      code = Math.max(code, workflows);
    }
    return code;
  }


  const report = await runContract({
    api,
    target,
    env,
    allowWrites: values['allow-writes'],
    strict: values.strict,
    allowMissingCredentials: values['allow-missing-credentials'],
    ...(values['ingest-url'] ? { hostUrls: { 'ingest-url': values['ingest-url'] } } : {}),
    ...(maxRps ? { maxRps } : {}),
    ...(kinds ? { kinds } : {}),
    ...(operations ? { operations } : {}),
    ...(values.case ? { cases: values.case } : {}),
    ...(values.fault ? { faults: values.fault } : {}),
    ...(scale ? { rateLimit: { scale, windowMs: 2000 } } : {}),
    onResult: values.verbose
      ? (r) => console.error(`${r.status === 'passed' ? '✓' : r.status === 'failed' ? '✗' : r.status === 'warned' ? '!' : '-'} [${r.kind}] ${r.name}${r.status === 'na' ? ` (${r.reason})` : ''}`)
      : undefined,
  });
  writeReports(report, reporters, target, env);
  if (report.results.some((r) => r.status === 'failed')) return 1;
  if (!report.results.some((r) => r.status === 'passed' || r.status === 'warned')) {
    console.error('contract: no case ran to a verdict (every case was not applicable): nothing was checked');
    return 1;
  }
  return 0;
}
