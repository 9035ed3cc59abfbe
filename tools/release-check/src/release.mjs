// A real release, rehearsed: a temporary copy of the workspace's public packages (built dist/ included) and
// of .changeset/, `changeset version` there (so the versions and CHANGELOGs come from the pending
// changesets), then `changeset publish` to a local Verdaccio. The working tree is never written to.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { scopeNpmrc } from './registry.mjs';
import { PACKAGE_PARENTS, publicPackages, repoRoot } from './workspace.mjs';

const run = promisify(execFile);
const require = createRequire(join(repoRoot, 'package.json'));
const changesetBin = require.resolve('@changesets/cli/bin.js');
const SKIP = new Set(['node_modules', '.turbo', 'test-output', 'bench-output', 'coverage']);

/** Folder of a workspace package (packages/* or tools/*) by name. */
function workspaceFolder(name) {
  for (const parent of PACKAGE_PARENTS) {
    for (const entry of readdirSync(join(repoRoot, parent), { withFileTypes: true })) {
      const manifest = join(repoRoot, parent, entry.name, 'package.json');
      if (entry.isDirectory() && existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === name) return join(repoRoot, parent, entry.name);
    }
  }
  throw new Error(`${name} is not a workspace package`);
}

/** Copies the public packages and the changesets into `<workDir>/repo`; returns that folder. */
export async function copyWorkspace(workDir) {
  const copy = join(workDir, 'repo');
  await mkdir(copy, { recursive: true });
  await cp(join(repoRoot, 'package.json'), join(copy, 'package.json'));
  await writeFile(join(copy, 'pnpm-workspace.yaml'), `packages:\n${PACKAGE_PARENTS.map((parent) => `  - "${parent}/*"\n`).join('')}`);
  await cp(join(repoRoot, '.changeset'), join(copy, '.changeset'), { recursive: true });
  const packages = publicPackages();
  const names = new Set(packages.map((p) => p.manifest.name));
  for (const pkg of packages) {
    const target = join(copy, pkg.relDir);
    await cp(pkg.dir, target, { recursive: true, filter: (source) => !SKIP.has(relative(pkg.dir, source).split('/')[0]) });
    // pnpm publish turns every `workspace:` range (devDependencies too) into the dependency's version by
    // reading node_modules/<dep>/package.json: public ones point into the copy (their versions are bumped
    // there), private tools at the workspace (read only).
    const ranges = { ...pkg.manifest.devDependencies, ...pkg.manifest.dependencies };
    for (const [dep, range] of Object.entries(ranges)) {
      if (!String(range).startsWith('workspace:')) continue;
      const from = join(target, 'node_modules', ...dep.split('/'));
      await mkdir(join(from, '..'), { recursive: true });
      const depFolder = names.has(dep) ? join(copy, packages.find((p) => p.manifest.name === dep).relDir) : workspaceFolder(dep);
      await symlink(depFolder, from, 'dir');
    }
  }
  return copy;
}

async function changeset(copy, args, env, timeout) {
  try {
    return await run(process.execPath, [changesetBin, ...args], { cwd: copy, env, timeout, maxBuffer: 32 * 1024 * 1024 });
  } catch (error) {
    throw new Error(`changeset ${args.join(' ')} failed (${error.code ?? error.signal}):\n${error.stdout ?? ''}${error.stderr ?? ''}`);
  }
}

/**
 * `changeset version` + `changeset publish --no-git-tag` in the copy, publishing to `registry` with `token`.
 * Returns the released versions by package name (read back from the copy's manifests) and the logs.
 */
export async function versionAndPublish({ workDir, registry, token, timeoutMs = 180_000 }) {
  const copy = await copyWorkspace(workDir);
  const npmrc = join(workDir, 'publish.npmrc');
  await writeFile(npmrc, `registry=${registry}\n${scopeNpmrc(registry, token)}`);
  const env = {
    ...process.env,
    CI: '1',
    NPM_CONFIG_USERCONFIG: npmrc,
    npm_config_registry: registry,
    'npm_config_@apiforge:registry': registry,
    npm_config_update_notifier: 'false',
  };
  const version = await changeset(copy, ['version'], env, timeoutMs);
  const publish = await changeset(copy, ['publish', '--no-git-tag'], env, timeoutMs);
  const versions = {};
  for (const pkg of publicPackages()) {
    const manifest = JSON.parse(await readFile(join(copy, pkg.relDir, 'package.json'), 'utf8'));
    versions[manifest.name] = manifest.version;
  }
  return { copy, versions, log: `${version.stdout}${version.stderr}${publish.stdout}${publish.stderr}` };
}
