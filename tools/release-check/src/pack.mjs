// Packs a package exactly as `pnpm publish` would (workspace: ranges rewritten, `files` applied) and
// lists what the tarball really contains.
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function packPackage(packageDir, destination) {
  const { stdout } = await run('pnpm', ['pack', '--pack-destination', destination, '--json'], {
    cwd: packageDir,
    maxBuffer: 16 * 1024 * 1024,
  });
  const { filename } = JSON.parse(stdout.slice(stdout.indexOf('{')));
  return { tarball: filename, bytes: statSync(filename).size, files: await tarballFiles(filename) };
}

/** File paths inside the tarball, relative to its `package/` root. */
export async function tarballFiles(tarball) {
  const { stdout } = await run('tar', ['-tzf', tarball], { maxBuffer: 16 * 1024 * 1024 });
  return stdout
    .split('\n')
    .filter((line) => line && !line.endsWith('/'))
    .map((line) => line.replace(/^[^/]+\//, ''))
    .sort();
}
