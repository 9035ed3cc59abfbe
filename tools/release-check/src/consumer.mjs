// A consumer project: our tarballs installed into a fresh npm project, a fixture's consumer.ts
// type-checked against the installed declarations, then emitted and run.
import { execFile } from 'node:child_process';
import { copyFile, cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { installTarballs } from './install.mjs';
import { packPackage } from './pack.mjs';
import { findPublicPackage } from './workspace.mjs';

const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
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

/**
 * A fresh npm project that installs `dependencies` (our packages by exact version, third-party ones too)
 * with `@apiforge:registry` mapped to `registry` in its .npmrc, the way a user of the published packages
 * does; every other package comes from the default registry. Copies each fixture into `<project>/<name>/`.
 */
export async function installFromRegistry({ project, registry, dependencies, fixtures = {}, timeoutMs = 240_000 }) {
  await mkdir(project, { recursive: true });
  await writeFile(join(project, '.npmrc'), `@apiforge:registry=${registry}\n`);
  const manifest = { name: 'apiforge-registry-consumer', version: '0.0.0', private: true, type: 'module', dependencies };
  await writeFile(join(project, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await run(npm, ['install', '--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline'], {
    cwd: project,
    timeout: timeoutMs,
    maxBuffer: 16 * 1024 * 1024,
  });
  for (const [name, fixture] of Object.entries(fixtures)) await cp(fixture, join(project, name), { recursive: true });
  return project;
}

/** Type-checks the fixture in `dir` with its own tsconfig; the compiler output, empty when it compiles. */
export async function typecheckIn(dir) {
  const check = await run(process.execPath, [tsc, '-p', dir, '--noEmit'], { cwd: dir }).catch((error) => error);
  return `${check.stdout ?? ''}${check.stderr ?? ''}`;
}

/** Emits the fixture in `dir` (no check) and runs `out/consumer.js`; its last stdout line as JSON. */
export async function runIn(dir, env, timeoutMs = 60_000) {
  await run(process.execPath, [tsc, '-p', dir, '--noCheck'], { cwd: dir });
  const { stdout } = await run(process.execPath, [join(dir, 'out', 'consumer.js')], { cwd: dir, env: { ...process.env, ...env }, timeout: timeoutMs });
  console.log(`${dir.split('/').at(-1)}: ${stdout.trim()}`);
  return JSON.parse(stdout.trim().split('\n').at(-1));
}
