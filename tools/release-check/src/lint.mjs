// publint and Are The Types Wrong on the packed tarball (not the folder), so they judge what users get.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

/** publint messages as text, grouped by severity. Errors and warnings fail the check; suggestions are shown. */
export async function runPublint(tarball) {
  const data = await readFile(tarball);
  const { messages, pkg } = await publint({
    pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) },
    level: 'suggestion',
  });
  const text = (message) => formatMessage(message, pkg, { color: false }) ?? message.code;
  return {
    errors: messages.filter((m) => m.type === 'error').map(text),
    warnings: messages.filter((m) => m.type === 'warning').map(text),
    suggestions: messages.filter((m) => m.type === 'suggestion').map(text),
  };
}

const MODULE_TARGET = /\.(m?js|cjs|json|d\.[mc]?ts|node)$/;

/**
 * Subpaths that export a raw file (e.g. `./openapi.yaml`) are read from disk, never imported, so
 * TypeScript resolution does not apply to them.
 */
export function assetEntrypoints(manifest) {
  if (!manifest.exports || typeof manifest.exports !== 'object') return [];
  return Object.entries(manifest.exports)
    .filter(([subpath, target]) => subpath.startsWith('.') && typeof target === 'string' && !MODULE_TARGET.test(target))
    .map(([subpath]) => subpath);
}

/**
 * ESM-only packages (no `require` condition, no CommonJS main) are judged without CJS resolutions. Dual
 * packages are judged with the `node16` profile: node16 from ESM *and* from CommonJS, and bundlers, must be
 * clean; only the legacy `node10` resolution (no export maps, so no subpaths) is not counted.
 */
export function attwProfile(manifest) {
  const exportsText = JSON.stringify(manifest.exports ?? {});
  const esmOnly = manifest.type === 'module' && !exportsText.includes('"require"');
  return esmOnly ? 'esm-only' : 'node16';
}

// Mirrors attw's --profile definitions (cli/dist/profiles.js, not exported by the package).
const IGNORED_RESOLUTIONS = { strict: [], node16: ['node10'], 'esm-only': ['node10', 'node16-cjs'] };

const attwBin = join(dirname(require.resolve('@arethetypeswrong/cli/package.json')), 'dist', 'index.js');

/** Problems attw finds in the tarball under the package's profile; empty means the types are right. */
export async function runAttw(tarball, manifest) {
  const profile = attwProfile(manifest);
  const args = [attwBin, tarball, '--profile', profile, '--format', 'json', '--no-definitely-typed', '--no-color'];
  const assets = assetEntrypoints(manifest);
  if (assets.length) args.push('--exclude-entrypoints', ...assets);
  let stdout;
  try {
    ({ stdout } = await run(process.execPath, args, { maxBuffer: 32 * 1024 * 1024 }));
  } catch (error) {
    // attw exits 1 when it finds problems; the JSON report is still on stdout.
    if (typeof error.stdout !== 'string' || !error.stdout.trim().startsWith('{')) throw error;
    stdout = error.stdout;
  }
  const report = JSON.parse(stdout);
  if (!report.analysis?.types) return ['the package ships no type declarations'];
  // The JSON report lists every resolution; the profile only decides which ones count (as the CLI's exit code does).
  const ignored = IGNORED_RESOLUTIONS[profile];
  return Object.values(report.problems ?? {})
    .flat()
    .filter((problem) => !ignored.includes(problem.resolutionKind))
    .map((problem) => [problem.kind, problem.entrypoint, problem.resolutionKind].filter(Boolean).join(' '));
}
