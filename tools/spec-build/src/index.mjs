// Runs Redocly for one API declared in the root redocly.yaml. Shared by every <api>-openapi package,
// so no package hard-codes how an API is linted or bundled.
import { execFile } from 'node:child_process';
import { access, copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import YAML from 'yaml';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const redoclyBin = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');

async function redocly(args, { cwd = repoRoot, allowFailure = false } = {}) {
  try {
    return await run(process.execPath, [redoclyBin, ...args], {
      cwd,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    if (allowFailure && typeof error.stdout === 'string') return { stdout: error.stdout, stderr: error.stderr };
    throw error;
  }
}

/** The APIs declared in redocly.yaml, with their root files. */
export async function listApis(configPath = join(repoRoot, 'redocly.yaml')) {
  const config = YAML.parse(await readFile(configPath, 'utf8'));
  return Object.entries(config.apis ?? {}).map(([name, api]) => ({ name, root: api.root }));
}

/** Lints one API (or a file, with an explicit config) and returns every problem, warnings included. */
export async function lint(target, { config, cwd } = {}) {
  const args = ['lint', target, '--format', 'json'];
  if (config) args.push('--config', config);
  const { stdout } = await redocly(args, { cwd, allowFailure: true });
  const report = JSON.parse(stdout.slice(stdout.indexOf('{')));
  return report.problems.map((problem) => ({
    ruleId: problem.ruleId,
    severity: problem.severity,
    message: problem.message,
    where: problem.location?.[0]?.pointer ?? '',
    file: problem.location?.[0]?.source?.ref ?? '',
  }));
}

export function formatProblems(problems) {
  return problems.map((p) => `  ${p.severity} ${p.ruleId}: ${p.message}\n    at ${p.file}${p.where}`).join('\n');
}

/** Bundles one API into outDir/openapi.json and outDir/openapi.yaml. */
export async function bundle(api, outDir) {
  await mkdir(outDir, { recursive: true });
  const jsonPath = join(outDir, 'openapi.json');
  await redocly(['bundle', api, '--output', jsonPath, '--ext', 'json']);
  const spec = JSON.parse(await readFile(jsonPath, 'utf8'));
  await writeFile(jsonPath, `${JSON.stringify(spec, null, 2)}\n`);
  await writeFile(join(outDir, 'openapi.yaml'), YAML.stringify(spec, { lineWidth: 0 }));
  return spec;
}

/** The API's Arazzo workflows (spec/<api>/<api>.arazzo.yaml, beside its root file), or undefined when it has none. */
export async function workflowFile(api) {
  const entry = (await listApis()).find((e) => e.name === api);
  if (!entry) return undefined;
  const file = join(repoRoot, dirname(entry.root), `${api}.arazzo.yaml`);
  return access(file).then(() => file, () => undefined);
}

/**
 * Copies the API's workflows beside the bundle as outDir/<api>.arazzo.yaml; their source description
 * (`./openapi.yaml`) is then the bundled YAML next to them. Returns the copy's path, or undefined.
 */
export async function bundleWorkflows(api, outDir) {
  const file = await workflowFile(api);
  if (!file) return undefined;
  const out = join(outDir, `${api}.arazzo.yaml`);
  await copyFile(file, out);
  return out;
}
