#!/usr/bin/env node
// Runs the partner CI workflows of this folder on this machine, step by step, the way GitHub Actions would:
// a fresh copy of example-project/ per workflow, `uses:` steps skipped (checkout and setup-node: the
// project is already here and the current Node is used), every `run:` step in bash -e -o pipefail with
// the workflow's, job's and step's env (`${{ env.X }}` and `${{ matrix.node }}` expanded), steps after a
// failure skipped except `if: always()`. @apiforge/* comes from --registry through the project's .npmrc
// (everything else from the default registry); --version replaces the pinned APIFORGE_VERSION and the
// project's @apiforge versions; SERVER_PORT is a free port. Every step has a time limit; a server a step
// left running (server.pid) is stopped by its PID. npm runs with prefer-offline (the machine's npm cache
// stands in for setup-node's `cache: npm`); every version is pinned, so this changes no resolution.
//
//   node examples/partner-ci/run-locally.mjs [lucent-mock.yml ...]
//     publishes this working tree's public packages to a local Verdaccio first (what tools/release-check
//     does: `changeset version` + `changeset publish` in a temporary copy), runs the workflows, stops it
//   node examples/partner-ci/run-locally.mjs --registry http://127.0.0.1:4873/ --version 1.0.0 [lucent-mock.yml ...]
//     against packages already on a registry
import { spawn, execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
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
      setTimeout(() => resolve({ code: code ?? (signal ? 1 : 0), output, group: child.pid }), 50);
    });
  });
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Processes the steps left running: members of a step's process group (each step ran in its own group, and
 * what it started in the background stays in it, e.g. npx, its shell and the server when a step failed
 * before the server wrote its PID) whose working directory is this workflow's project. Linux (/proc) only.
 */
function leftoverPids(groups, project) {
  if (!groups.length || !existsSync('/proc/self/stat')) return [];
  const root = realpathSync(project);
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (!groups.includes(pgrp)) continue;
      const cwd = readlinkSync(`/proc/${entry}/cwd`);
      if (cwd === root || cwd.startsWith(`${root}/`)) pids.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return pids;
}

/** Stops those processes by PID: SIGTERM, up to 5 s, then SIGKILL. Returns how many there were. */
async function stopLeftoverProcesses(groups, project) {
  const pids = leftoverPids(groups, project);
  const signal = (pid, name) => {
    try {
      process.kill(pid, name);
    } catch {}
  };
  for (const pid of pids) signal(pid, 'SIGTERM');
  for (let i = 0; i < 50 && pids.some(alive); i++) await new Promise((r) => setTimeout(r, 100));
  for (const pid of pids.filter(alive)) signal(pid, 'SIGKILL');
  return pids.length;
}

/** Stops a server a step left running, by the PID it wrote: SIGTERM, up to 5 s to stop its own children, then SIGKILL. */
async function stopLeftover(project) {
  const pidFile = join(project, 'server.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).trim());
  if (!pid || !alive(pid)) return;
  try {
    process.kill(pid, 'SIGTERM');
    for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (alive(pid)) process.kill(pid, 'SIGKILL');
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
  const groups = [];
  try {
    await cp(join(here, 'example-project'), project, { recursive: true });
    const manifestPath = join(project, 'package.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    for (const name of Object.keys(manifest.dependencies)) if (name.startsWith('@apiforge/')) manifest.dependencies[name] = version;
    await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    await writeFile(join(project, '.npmrc'), `@apiforge:registry=${registry}\n`);
    // The partner commits a lockfile; ours is made now, against the registry under test.
    await execFileAsync('npm', ['install', '--package-lock-only', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: project, timeout: stepTimeoutMs });

    const base = { ...process.env, CI: 'true', GITHUB_ACTIONS: 'true', npm_config_update_notifier: 'false', npm_config_prefer_offline: 'true' };
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
      const { code, output, group } = await runStep(expand(step.run, stepEnv), { cwd: project, env: stepEnv, timeoutMs: stepTimeoutMs });
      groups.push(group);
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
    const left = await stopLeftoverProcesses(groups, project);
    if (left) log(`${file}: stopped ${left} process(es) its steps had left running`);
    await rm(project, { recursive: true, force: true });
  }
  return result;
}

const USAGE = `Usage: node examples/partner-ci/run-locally.mjs [--registry URL --version X.Y.Z] [workflow.yml ...]

Runs the run: steps of the partner workflows (default: all of ${workflowFiles().join(', ')}).
Without --registry, the working tree's public packages (built: pnpm build) are first published to a local
Verdaccio on 127.0.0.1 (stopped at the end); with --registry, @apiforge/* at --version comes from there.`;

export function parseArgs(argv) {
  const options = { files: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--registry' || arg === '--version') {
      const value = argv[++i];
      if (value === undefined || value.startsWith('-')) throw new Error(`${arg} needs a value`);
      options[arg.slice(2)] = value;
    } else if (arg === '-h' || arg === '--help') {
      options.help = true;
    } else if (arg.startsWith('-')) {
      throw new Error(`Unknown option ${arg}`);
    } else if (workflowFiles().includes(basename(arg))) {
      options.files.push(basename(arg));
    } else {
      throw new Error(`Unknown workflow ${arg}; the workflows are: ${workflowFiles().join(', ')}`);
    }
  }
  if (Boolean(options.registry) !== Boolean(options.version)) throw new Error('--registry and --version go together');
  if (options.registry && !/^https?:\/\/[^\s]+\/$/.test(options.registry)) throw new Error(`--registry needs an http(s) URL ending in /, got ${JSON.stringify(options.registry)}`);
  if (options.version && !/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(options.version)) throw new Error(`--version needs a semver version, got ${JSON.stringify(options.version)}`);
  return options;
}

/** Publishes the working tree's public packages to a fresh local Verdaccio (tools/release-check's own steps). */
async function publishLocally(log) {
  const releaseCheck = join(here, '..', '..', 'tools', 'release-check', 'src');
  const { startRegistry } = await import(join(releaseCheck, 'registry.mjs'));
  const { versionAndPublish } = await import(join(releaseCheck, 'release.mjs'));
  const workDir = await mkdtemp(join(tmpdir(), 'partner-ci-registry-'));
  let registry;
  try {
    const started = Date.now();
    registry = await startRegistry(join(workDir, 'verdaccio'));
    log(`Verdaccio on ${registry.url} (pid ${registry.pid}); changeset version + publish in a temporary copy ...`);
    const { versions } = await versionAndPublish({ workDir, registry: registry.url, token: registry.token });
    log(`published in ${Date.now() - started} ms`);
    const [version, ...others] = new Set(Object.values(versions));
    if (others.length) throw new Error(`the public packages were published at different versions: ${JSON.stringify(versions)}`);
    log(`published ${Object.keys(versions).length} packages at ${version}`);
    return { registry: registry.url, version, close: async () => { await registry.close(); await rm(workDir, { recursive: true, force: true }); } };
  } catch (error) {
    await registry?.close();
    await rm(workDir, { recursive: true, force: true });
    throw error;
  }
}

async function main(argv) {
  let options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    console.error(`run-locally: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const local = options.registry ? undefined : await publishLocally(console.log);
  const registry = options.registry ?? local.registry;
  const version = options.version ?? local.version;
  let failures = 0;
  try {
    for (const file of options.files.length ? options.files : workflowFiles()) {
      const result = await runWorkflow(file, { registry, version, log: console.log });
      if (!result.ok) {
        failures++;
        console.log(`${file}: FAILED ${result.error ?? ''}`);
        for (const step of result.steps.filter((s) => s.code)) console.log(step.output);
      } else {
        console.log(`${file}: every run: step passed`);
      }
    }
  } finally {
    await local?.close();
  }
  console.log(failures ? `run-locally: ${failures} workflow(s) failed` : 'run-locally: every workflow passed');
  return failures ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = await main(process.argv.slice(2));
