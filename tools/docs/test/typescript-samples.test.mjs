// The TypeScript samples shown in the docs are type-checked against the real client package with the
// repository's strict compiler settings, so a client change that breaks a sample fails here.
import { execFile } from 'node:child_process';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadOperationSamples } from '../src/client-samples.mjs';
import { withCodeSamples } from '../src/code-samples.mjs';
import { loadSandboxTarget } from '../src/sandbox-target.mjs';
import { operations } from '../src/spec-walk.mjs';
import { apiNames, findClientPackage, readBundledSpec, repoRoot } from '../src/workspace.mjs';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const tsc = require.resolve('typescript/bin/tsc');
const nodeTypes = dirname(dirname(require.resolve('@types/node/package.json')));

/** A throwaway project that resolves the client package from the workspace and holds one file per sample. */
async function sampleProject(name, client, sources) {
  const dir = join(here, '..', 'test-output', 'ts-samples', name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'samples'), { recursive: true });
  await mkdir(join(dir, 'node_modules', dirname(client.name)), { recursive: true });
  await symlink(client.dir, join(dir, 'node_modules', client.name), 'dir');
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: `${name}-samples`, private: true, type: 'module' }));
  await writeFile(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: join(repoRoot, 'tsconfig.base.json'),
      compilerOptions: { noEmit: true, types: ['node'], typeRoots: [nodeTypes] },
      include: ['samples/*.ts'],
    }),
  );
  for (const [operationId, source] of Object.entries(sources)) {
    await writeFile(join(dir, 'samples', `${operationId}.ts`), `${source}\n`);
  }
  return dir;
}

async function typeCheck(dir) {
  try {
    await run(process.execPath, [tsc, '-p', dir], { maxBuffer: 16 * 1024 * 1024 });
    return '';
  } catch (error) {
    return `${error.stdout ?? ''}${error.stderr ?? ''}` || String(error);
  }
}

const apisWithClients = (await apiNames()).filter((api) => findClientPackage(api));

const BROKEN = '__broken__';

/**
 * One tsc run per API: every sample (production, sandbox, every page) plus one deliberately broken copy
 * of a sample, so the run proves both that the samples compile and that a bad one would be caught.
 */
const checks = new Map();
function checkApi(api) {
  if (!checks.has(api)) {
    checks.set(
      api,
      (async () => {
        const clientSamples = await loadOperationSamples(api);
        const spec = readBundledSpec(api);
        const sandbox = await loadSandboxTarget(api);
        const rendered = withCodeSamples(spec, clientSamples, sandbox);
        const [, source] = Object.entries(rendered.typescriptSources)[0];
        // `client.resource.method(` or a method on the client itself (`ingest.send(`).
        const broken = source.replace(/await (\w+)\.(\w+)([.(])/, 'await $1.methodThatDoesNotExist_$2$3');
        const dir = await sampleProject(api, findClientPackage(api), { ...rendered.allTypescriptSources, [BROKEN]: broken });
        const output = await typeCheck(dir);
        const errors = [...output.matchAll(/^(?:.*[\\/])?samples[\\/]([^\\/(]+)\.ts\(\d+,\d+\): error (TS\d+)/gm)].map(([, file, code]) => ({ file, code }));
        return { spec, sandbox, rendered, source, broken, output, errors };
      })(),
    );
  }
  return checks.get(api);
}

describe.each(apisWithClients)('%s TypeScript samples', (api) => {
  it('cover every operation, for production and the sandbox, and every page of each list; all compile', async () => {
    const { spec, sandbox, rendered, output, errors } = await checkApi(api);
    expect(sandbox, `the sandbox serves ${api}`).toBeDefined();
    const { typescriptSources, allTypescriptSources } = rendered;
    const entries = [...operations(spec)];
    const operationIds = entries.map((entry) => entry.operation.operationId);
    expect(Object.keys(typescriptSources).sort()).toEqual([...operationIds].sort());
    const paginated = entries.filter((entry) => entry.operation['x-pagination']).map((entry) => entry.operation.operationId);
    expect(paginated.length).toBeGreaterThan(0);
    const expected = operationIds.flatMap((id) => [
      id,
      `${id}.sandbox`,
      ...(paginated.includes(id) ? [`${id}.all-pages`, `${id}.all-pages.sandbox`] : []),
    ]);
    expect(Object.keys(allTypescriptSources).sort()).toEqual(expected.sort());
    for (const id of paginated) expect(allTypescriptSources[`${id}.all-pages`]).toMatch(/^for await \(const \w+ of /m);
    for (const id of operationIds) expect(allTypescriptSources[`${id}.sandbox`]).toContain(sandbox.url);

    // Every error of the run is in the broken file; anything else is a sample that does not compile.
    expect(errors.length, output).toBeGreaterThan(0);
    expect(errors.filter(({ file }) => file !== BROKEN), output).toEqual([]);
  });

  it('would catch a sample that calls something the client does not have', async () => {
    const { source, broken, errors } = await checkApi(api);
    expect(broken).not.toBe(source);
    expect(errors).toEqual([{ file: BROKEN, code: 'TS2339' }]);
  });
});
