#!/usr/bin/env node
// Runs the partner CI workflows of this folder on this machine, step by step, the way GitHub Actions would:
// a fresh copy of example-project/ per workflow, `uses:` steps skipped (checkout and setup-node: the
// project is already here and the current Node is used), every `run:` step in bash -e -o pipefail with
// the workflow's, job's and step's env (`${{ env.X }}` and `${{ matrix.node }}` expanded), steps after a
// failure skipped except `if: always()`. @apiforge/* comes from --registry through the project's .npmrc
// (everything else from the default registry); --version replaces the pinned APIFORGE_VERSION and the
// project's @apiforge versions; SERVER_PORT is a free port. Every step has a time limit; a server a step
// left running (server.pid) is stopped by its PID.
//
//   node examples/partner-ci/run-locally.mjs --registry http://127.0.0.1:4873/ --version 1.0.0 [lucent-mock.yml ...]
import { spawn, execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
// The workspace's YAML parser (a dependency of tools/release-check).
const { parse } = createRequire(join(here, '..', '..', 'tools', 'release-check', 'package.json'))('yaml');
const execFileAsync = promisify(execFile);

export const workflowFiles = () => readdirSync(here).filter((file) => /^[a-z]+-(mock|sandbox)\.yml$/.test(file)).sort();

export function readWorkflow(file) {
  return parse(readFileSync(join(here, file), 'utf8'));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function expand(value, env) {
  return String(value).replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, expression) => {
    if (expression === 'matrix.node') return process.versions.node.split('.')[0];
    if (expression.startsWith('env.')) return env[expression.slice(4)] ?? '';
    throw new Error(`run-locally does not evaluate \${{ ${expression} }}`);
  });
}

function runStep(script, { cwd, env, timeoutMs }) {
  return new Promise((resolve) => {
    // Its own process group, so a step that times out is stopped with everything it started in the foreground.
    const child = spawn('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', script], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk) => {
      output = (output + chunk).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      output += `\n[run-locally] step exceeded ${timeoutMs} ms; stopping it`;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, timeoutMs);
    // 'exit', not 'close': a background server started with & keeps nothing of ours open, but be safe.
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      setTimeout(() => resolve({ code: code ?? (signal ? 1 : 0), output }), 50);
    });
  });
}

async function stopLeftover(project) {
  const pidFile = join(project, 'server.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).trim());
  if (!pid) return;
  try {
    process.kill(pid, 'SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    process.kill(pid, 'SIGKILL');
  } catch {
    // already stopped
  }
}

/** Prepares a partner project wired to `registry` and runs one workflow's steps in it. */
export async function runWorkflow(file, { registry, version, stepTimeoutMs = 180_000, log = () => {} }) {
  const workflow = readWorkflow(file);
  const [jobName, job] = Object.entries(workflow.jobs)[0];
  const project = await mkdtemp(join(tmpdir(), `partner-${basename(file, '.yml')}-`));
  const result = { file, job: jobName, ok: true, steps: [] };
  try {
    await cp(join(here, 'example-project'), project, { recursive: true });
    const manifestPath = join(project, 'package.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    for (const name of Object.keys(manifest.dependencies)) if (name.startsWith('@apiforge/')) manifest.dependencies[name] = version;
    await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    await writeFile(join(project, '.npmrc'), `@apiforge:registry=${registry}\n`);
    // The partner commits a lockfile; ours is made now, against the registry under test.
    await execFileAsync('npm', ['install', '--package-lock-only', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: project, timeout: stepTimeoutMs });

    const base = { ...process.env, CI: 'true', GITHUB_ACTIONS: 'true', npm_config_update_notifier: 'false' };
    const env = { ...base };
    for (const [key, value] of Object.entries({ ...workflow.env, ...job.env })) env[key] = expand(value, env);
    env.APIFORGE_VERSION = version;
    env.SERVER_PORT = String(await freePort());
    let failed = false;
    for (const [index, step] of job.steps.entries()) {
      const name = step.name ?? step.uses ?? `step ${index + 1}`;
      if (step.uses) {
        result.steps.push({ name, skipped: 'uses: (the project is here; the current Node runs it)' });
        continue;
      }
      if (failed && !/always\(\)/.test(step.if ?? '')) {
        result.steps.push({ name, skipped: 'an earlier step failed' });
        continue;
      }
      const stepEnv = { ...env };
      for (const [key, value] of Object.entries(step.env ?? {})) stepEnv[key] = expand(value, stepEnv);
      const started = Date.now();
      const { code, output } = await runStep(expand(step.run, stepEnv), { cwd: project, env: stepEnv, timeoutMs: stepTimeoutMs });
      const ms = Date.now() - started;
      result.steps.push({ name, code, ms, ...(code ? { output } : {}) });
      log(`${file}: ${name}: ${code === 0 ? 'ok' : `exit ${code}`} (${ms} ms)`);
      if (code !== 0) {
        failed = true;
        result.ok = false;
      }
    }
  } catch (error) {
    result.ok = false;
    result.error = error.message;
  } finally {
    await stopLeftover(project);
    await rm(project, { recursive: true, force: true });
  }
  return result;
}

async function main(argv) {
  const option = (flag) => {
    const at = argv.indexOf(flag);
    return at === -1 ? undefined : argv[at + 1];
  };
  const registry = option('--registry');
  const version = option('--version');
  if (!registry || !version) {
    console.error('Usage: node examples/partner-ci/run-locally.mjs --registry URL --version X.Y.Z [workflow.yml ...]');
    return 2;
  }
  const files = argv.filter((arg, i) => arg.endsWith('.yml') && !['--registry', '--version'].includes(argv[i - 1]));
  let failures = 0;
  for (const file of files.length ? files : workflowFiles()) {
    const result = await runWorkflow(file, { registry, version, log: console.log });
    if (!result.ok) {
      failures++;
      console.log(`${file}: FAILED ${result.error ?? ''}`);
      for (const step of result.steps.filter((s) => s.code)) console.log(step.output);
    }
  }
  return failures ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = await main(process.argv.slice(2));
