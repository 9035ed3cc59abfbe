import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import YAML from 'yaml';
import { profileFor } from '../profiles/index.js';
import type { ApiProfile } from '../profiles/types.js';
import { Secrets } from '../repro.js';
import { SetupError, loadModel, parseTarget, probe, startTarget, type RunOptions } from '../runner.js';
import type { ApiModel, Operation } from '../spec.js';
import { NotApplicable } from '../types.js';

const require = createRequire(import.meta.url);

/** How long one API's workflows may run (Respect's own limit; the child is stopped a little later). */
const EXECUTION_TIMEOUT_MS = 120_000;

export interface WorkflowOptions {
  api: string;
  /** `sandbox` (default), `prism`, `mock=URL` or a deployment URL, as for the contract suite. */
  target?: string;
  allowWrites?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Everything else the contract runner takes to start a target. */
  runOptions?: Partial<RunOptions>;
  /** Another Arazzo file than the one the API's spec package publishes (tests: a deliberately broken one). */
  file?: string;
}

export interface WorkflowStep {
  workflowId: string;
  stepId: string;
  /** `passed`, `failed`, or `warned` (on a mock, where stateful criteria cannot hold). */
  status: 'passed' | 'failed' | 'warned';
  method?: string;
  /** The request URL (credentials are never in it: they travel in headers Respect masks). */
  url?: string;
  statusCode?: number;
  /** The checks that did not pass, in Respect's words. */
  problems: string[];
}

export interface WorkflowReport {
  api: string;
  target: string;
  file: string;
  passed: boolean;
  workflows: Array<{ workflowId: string; passed: boolean }>;
  steps: WorkflowStep[];
  notices: string[];
  /** Respect's own output, with every credential redacted. */
  output: string;
  durationMs: number;
}

interface ArazzoInputs {
  properties?: Record<string, { properties?: Record<string, unknown> } & Record<string, unknown>>;
  required?: string[];
}

interface ArazzoDoc {
  sourceDescriptions?: Array<{ name: string; url: string }>;
  workflows?: Array<{ workflowId: string; inputs?: ArazzoInputs; steps?: Array<{ stepId: string; operationId?: string }> }>;
}

/** The workflows an API's spec package publishes (`<package>/arazzo.yaml`, i.e. dist/<api>.arazzo.yaml). */
export function publishedWorkflowFile(profile: ApiProfile): string {
  const specPackage = profile.specModule.replace(/\/openapi\.json$/, '');
  try {
    return require.resolve(`${specPackage}/arazzo.yaml`);
  } catch {
    throw new SetupError(`${specPackage} publishes no arazzo.yaml (build it: pnpm turbo run build --filter=${specPackage})`);
  }
}

function operationOf(model: ApiModel, operationId: string | undefined): Operation | undefined {
  const id = operationId?.split('.').pop();
  return id ? model.operations.find((op) => op.id === id) : undefined;
}

/** Inputs that name the tenant (a workspace or project id) take the tenant of the credentials the workflow uses. */
const TENANT_INPUTS = ['workspaceId', 'projectId'];

/**
 * Runs an API's Arazzo workflows with Redocly Respect against the sandbox, a mock or a deployment URL.
 * The spec's server is replaced by the target's (`--server`), credentials reach Respect through its
 * environment (the workflows read them as `$inputs.env.<VARIABLE>`, typed `format: password`, which
 * Respect masks), never through its command line. On a mock, which answers from examples and keeps no
 * state, the success criteria only warn; every answer is still checked against the spec.
 */
export async function runWorkflows(options: WorkflowOptions): Promise<WorkflowReport> {
  const started = Date.now();
  const profile = profileFor(options.api);
  const model = loadModel(profile);
  const file = options.file ?? publishedWorkflowFile(profile);
  const doc = YAML.parse(await readFile(file, 'utf8')) as ArazzoDoc;
  const workflows = doc.workflows ?? [];
  if (workflows.length === 0) throw new SetupError(`${file} holds no workflow`);
  const source = doc.sourceDescriptions?.[0]?.name;
  if (!source) throw new SetupError(`${file} names no source description`);

  const runOptions = { ...options.runOptions, api: options.api, target: options.target ?? 'sandbox', allowWrites: options.allowWrites === true } as RunOptions;
  const env = options.env ?? process.env;
  const parsed = parseTarget(runOptions.target!);
  const steps = workflows.flatMap((w) => (w.steps ?? []).map((s) => operationOf(model, s.operationId)).filter((op): op is Operation => op !== undefined));
  const writes = [...new Set(steps.filter((op) => op.method !== 'GET' && op.method !== 'HEAD').map((op) => op.id))];
  const variables = [...new Set(workflows.flatMap((w) => Object.keys(w.inputs?.properties?.['env']?.properties ?? {})))];
  const tokens = variables.map((name) => {
    const token = profile.tokens.find((t) => t.env === name);
    if (!token) throw new SetupError(`${file} reads ${name}, which is no credential of the ${profile.api} profile`);
    return token;
  });
  if (parsed.kind === 'url') {
    const missing = variables.filter((name) => !env[name]);
    if (missing.length > 0) throw new SetupError(`missing credentials for the ${profile.api} workflows: set ${missing.join(', ')}`);
  }

  const target = await startTarget(runOptions, profile, model);
  const dir = await mkdtemp(join(tmpdir(), 'apiforge-workflows-'));
  try {
    await probe(target);
    if (writes.length > 0 && target.lacks.writes) {
      throw new SetupError(`the ${profile.api} workflows change data (${writes.join(', ')}): pass --allow-writes to run them against ${target.name}`);
    }
    let serverUrl: string;
    try {
      serverUrl = target.baseUrl(steps[0] ?? model.operations[0]!);
    } catch (error) {
      if (error instanceof NotApplicable) throw new SetupError(error.reason.replace(/^not applicable: /, ''));
      throw error;
    }
    await target.reset();
    const mock = target.pacingScale === null;
    const notices = [...(target.notices ?? [])];
    if (mock) notices.push('on a mock, success criteria only warn: it answers from the spec examples and keeps no state; every answer is still checked against the spec');

    const secrets = new Secrets();
    const childEnv: NodeJS.ProcessEnv = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
    tokens.forEach((token) => {
      const value = parsed.kind === 'url' ? env[token.env]! : target.tokenValue ? target.tokenValue(token) : token.value;
      childEnv[token.env] = value;
      secrets.add(value, token.env);
    });
    const inputs: string[] = [];
    const tenant = tokens.find((t) => t.tenant)?.tenant ?? profile.homeTenant;
    for (const name of new Set(workflows.flatMap((w) => w.inputs?.required ?? []))) {
      if (TENANT_INPUTS.includes(name)) inputs.push('--input', `${name}=${tenant}`);
    }

    const jsonPath = join(dir, 'respect.json');
    const cli = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
    const args = [cli, 'respect', file, '--server', `${source}=${serverUrl}`, ...inputs, '--json-output', jsonPath, '--execution-timeout', String(EXECUTION_TIMEOUT_MS)];
    if (mock) args.push('--severity', JSON.stringify({ SUCCESS_CRITERIA_CHECK: 'warn' }));
    const { code, output } = await runChild(process.execPath, args, childEnv, EXECUTION_TIMEOUT_MS + 15_000);
    const report = await readFile(jsonPath, 'utf8').then((t) => JSON.parse(t) as RespectJson, () => undefined);
    const executed = report ? Object.values(report.files).flatMap((f) => f.executedWorkflows ?? []) : [];
    const stepResults: WorkflowStep[] = executed.flatMap((w) =>
      (w.executedSteps ?? []).map((s) => {
        const failed = (s.checks ?? []).filter((c) => !c.passed);
        const status: WorkflowStep['status'] = failed.some((c) => c.severity === 'error' || c.status === 'error') ? 'failed' : failed.length > 0 ? 'warned' : 'passed';
        return {
          workflowId: w.workflowId,
          stepId: s.stepId,
          status,
          ...(s.request?.method ? { method: s.request.method.toUpperCase() } : {}),
          ...(s.request?.url ? { url: secrets.redact(s.request.url) } : {}),
          ...(s.response?.statusCode !== undefined ? { statusCode: s.response.statusCode } : {}),
          problems: failed.map((c) => secrets.redact(`${c.name}: ${c.message ?? c.condition ?? ''}`.trim())),
        };
      }),
    );
    const workflowResults = executed.map((w) => ({ workflowId: w.workflowId, passed: !stepResults.some((s) => s.workflowId === w.workflowId && s.status === 'failed') }));
    const passed = code === 0 && report !== undefined && workflowResults.length === workflows.length && workflowResults.every((w) => w.passed);
    return {
      api: options.api,
      target: target.name,
      file,
      passed,
      workflows: workflowResults,
      steps: stepResults,
      notices,
      output: secrets.redact(output),
      durationMs: Date.now() - started,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
    await target.close();
  }
}

interface RespectJson {
  files: Record<
    string,
    {
      executedWorkflows?: Array<{
        workflowId: string;
        executedSteps?: Array<{
          stepId: string;
          request?: { method?: string; url?: string };
          response?: { statusCode?: number };
          checks?: Array<{ name: string; passed: boolean; message?: string; condition?: string; severity?: string; status?: string }>;
        }>;
      }>;
    }
  >;
}

function runChild(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, output });
    });
  });
}

/** The run as text: each step with its status, what did not pass, and the verdict. */
export function formatWorkflowReport(report: WorkflowReport): string {
  const out = [`Workflows of ${report.api} against ${report.target} (${report.file})`, ''];
  for (const notice of report.notices) out.push(`note: ${notice}`);
  if (report.notices.length) out.push('');
  for (const step of report.steps) {
    const mark = step.status === 'passed' ? '✓' : step.status === 'warned' ? '!' : '✗';
    out.push(`  ${mark} ${step.workflowId} / ${step.stepId}: ${step.method ?? ''} ${step.url ?? ''} → ${step.statusCode ?? 'no answer'}`);
    for (const problem of step.problems) out.push(`      ${problem.split('\n')[0]}`);
  }
  if (report.steps.length === 0) out.push(report.output.split('\n').filter((l) => /✗|rror|Reason/.test(l)).slice(0, 10).join('\n') || report.output.slice(-2000));
  const failedSteps = report.steps.filter((s) => s.status === 'failed').length;
  out.push('', `${report.passed ? 'OK' : 'FAILED'}: ${report.workflows.filter((w) => w.passed).length} of ${report.workflows.length} workflow(s) passed, ${failedSteps} step(s) failed in ${(report.durationMs / 1000).toFixed(1)} s`);
  return out.join('\n');
}
