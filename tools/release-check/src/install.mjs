// A fresh npm project outside the workspace that installs our packages only from tarballs, the way a
// user gets them from the registry (third-party dependencies still come from the registry).
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * `npm init -y`, then one `npm install` of every tarball. `overrides` pins each of our packages to its
 * tarball, so a dependency between them (client -> client-core) never reaches the registry, where
 * @apiforge/* does not exist.
 */
export async function installTarballs(projectDir, tarballs, registryDependencies = {}) {
  await run(npm, ['init', '-y'], { cwd: projectDir });
  const manifestPath = join(projectDir, 'package.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  const fileSpecs = Object.fromEntries(Object.entries(tarballs).map(([name, tarball]) => [name, `file:${tarball}`]));
  manifest.type = 'module';
  manifest.private = true;
  manifest.dependencies = { ...fileSpecs, ...registryDependencies };
  manifest.overrides = Object.fromEntries(Object.keys(fileSpecs).map((name) => [name, `$${name}`]));
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  const { stdout, stderr } = await run(npm, ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: projectDir,
    maxBuffer: 16 * 1024 * 1024,
  });
  return `${stdout}${stderr}`;
}
