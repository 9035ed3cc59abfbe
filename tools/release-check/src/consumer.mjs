// A consumer project: our tarballs installed into a fresh npm project, a fixture's consumer.ts
// type-checked against the installed declarations, then emitted and run.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { installTarballs } from './install.mjs';
import { packPackage } from './pack.mjs';
import { findPublicPackage } from './workspace.mjs';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');

/** Packs `packages`, installs them (plus @types/node from the registry) into `<workDir>/project` and copies the fixture in. */
export async function installConsumer({ packages, fixture, workDir }) {
  const tarballs = {};
  for (const name of packages) tarballs[name] = (await packPackage(findPublicPackage(name).dir, workDir)).tarball;
  const project = join(workDir, 'project');
  await mkdir(project);
  await installTarballs(project, tarballs, { '@types/node': require('@types/node/package.json').version });
  for (const file of await readdir(fixture)) await copyFile(join(fixture, file), join(project, file));
  return project;
}

/** The npm dependency tree of the project (`npm ls --all --json`). */
export async function dependencyTree(project) {
  const { stdout } = await run('npm', ['ls', '--all', '--json'], { cwd: project, maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout);
}

/** Compiler output of a type check of the consumer; empty when it compiles. */
export async function typecheckConsumer(project) {
  const check = await run(process.execPath, [tsc, '-p', project, '--noEmit'], { cwd: project }).catch((error) => error);
  return `${check.stdout ?? ''}${check.stderr ?? ''}`;
}

/** Emits (without checking, so type errors and runtime failures are reported apart) and runs the consumer; its last stdout line as JSON. */
export async function runConsumer(project, env) {
  await run(process.execPath, [tsc, '-p', project, '--noCheck'], { cwd: project });
  const { stdout } = await run(process.execPath, [join(project, 'out', 'consumer.js')], { cwd: project, env: { ...process.env, ...env } });
  console.log(`consumer: ${stdout.trim()}`);
  return JSON.parse(stdout.trim().split('\n').at(-1));
}
