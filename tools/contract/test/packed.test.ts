// The published CLI: @apiforge/contract and the packages it needs are packed as `pnpm publish` would pack
// them, installed from the tarballs into a fresh npm project outside the workspace, and the installed
// `apiforge-contract` bin runs against a sandbox started from this repository.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startSandbox } from '@apiforge/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileFor } from '../src/index.js';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');
const PACKAGES = ['tools/contract', 'packages/sandbox', 'packages/lucent-openapi', 'packages/luludesk-openapi', 'packages/lumiqtrace-openapi'];

async function pack(dir: string, destination: string): Promise<{ name: string; tarball: string }> {
  const { stdout } = await run('pnpm', ['pack', '--pack-destination', destination, '--json'], { cwd: join(repo, dir), maxBuffer: 16 * 1024 * 1024, timeout: 60_000 });
  const { name, filename } = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { name: string; filename: string };
  return { name, tarball: filename };
}

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

describe('the packed CLI, installed into a fresh project', () => {
  let work: string;
  let project: string;
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'apiforge-contract-packed-'));
    const packed = await Promise.all(PACKAGES.map((dir) => pack(dir, work)));
    project = join(work, 'project');
    await run('mkdir', [project]);
    const deps = Object.fromEntries(packed.map((p) => [p.name, `file:${p.tarball}`]));
    // overrides: a dependency between our packages (contract -> sandbox -> spec packages) uses the tarball, never the registry.
    const manifest = { name: 'contract-consumer', version: '0.0.0', private: true, type: 'module', dependencies: deps, overrides: Object.fromEntries(packed.map((p) => [p.name, `$${p.name}`])) };
    await writeFile(join(project, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: project, timeout: 150_000, maxBuffer: 16 * 1024 * 1024 });
    sandbox = await startSandbox({ api: 'lucent', port: 0, host: '127.0.0.1' });
  }, 240_000);
  afterAll(async () => {
    await sandbox?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('is published with its licence, compiled JavaScript and no workspace-only import', async () => {
    const installed = join(project, 'node_modules', '@apiforge', 'contract');
    const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.private).toBeUndefined();
    expect(manifest.license).toBe('MIT');
    expect(existsSync(join(installed, 'LICENSE'))).toBe(true);
    expect(existsSync(join(installed, 'dist', 'cli.js'))).toBe(true);
    expect(existsSync(join(installed, 'src'))).toBe(false);
    for (const file of files(join(installed, 'dist'))) {
      if (!/\.js$/.test(file)) continue;
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/from ['"]@apiforge\/(spec-build|mock)/);
      expect(text, file).not.toContain(repo);
    }
  });

  it('runs `apiforge-contract lucent --target URL` from the installed spec package', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const token of profileFor('lucent').tokens) env[token.env] = token.value;
    const bin = join(project, 'node_modules', '.bin', 'apiforge-contract');
    const { stdout } = await run(bin, ['lucent', '--target', sandbox.url, '--only', 'auth,scopes', '--operation', 'getIssue', '--reporter', 'summary'], { cwd: project, env, timeout: 60_000 });
    expect(stdout).toMatch(/OK: \d+ passed, 0 failed/);
    // The spec came from the installed package, not from this repository.
    const { stdout: where } = await run(process.execPath, ['-e', "console.log(require.resolve('@apiforge/lucent-openapi/openapi.json', { paths: [require.resolve('@apiforge/contract/package.json')] }))"], { cwd: project });
    expect(where.trim()).toBe(join(project, 'node_modules', '@apiforge', 'lucent-openapi', 'dist', 'openapi.json'));
  });

  it('exits 2 with a clear message where the repository-only Prism target is asked for', async () => {
    const bin = join(project, 'node_modules', '.bin', 'apiforge-contract');
    const failed = await run(bin, ['lucent', '--target', 'prism'], { cwd: project, timeout: 60_000 }).catch((error: { code: number; stderr: string }) => error);
    expect((failed as { code: number }).code).toBe(2);
    expect((failed as { stderr: string }).stderr).toMatch(/--target mock=URL/);
    // @apiforge/mock is an optional peer of the same release: the message names the version to install.
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect((failed as { stderr: string }).stderr).toContain(`npm install -D @apiforge/mock@${version}`);
  });
});
