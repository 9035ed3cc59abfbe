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

describe.each(apisWithClients)('%s TypeScript samples', (api) => {
  it('cover every operation and compile against the client package', async () => {
    const clientSamples = await loadOperationSamples(api);
    const spec = readBundledSpec(api);
    const { typescriptSources } = withCodeSamples(spec, clientSamples);
    const operationIds = Object.values(spec.paths).flatMap((item) => Object.values(item).map((op) => op?.operationId).filter(Boolean));
    expect(Object.keys(typescriptSources).sort()).toEqual([...operationIds].sort());

    const dir = await sampleProject(api, findClientPackage(api), typescriptSources);
    expect(await typeCheck(dir)).toBe('');
  });

  it('would catch a sample that calls something the client does not have', async () => {
    const clientSamples = await loadOperationSamples(api);
    const { typescriptSources } = withCodeSamples(readBundledSpec(api), clientSamples);
    const [operationId, source] = Object.entries(typescriptSources)[0];
    // `client.resource.method(` or a method on the client itself (`ingest.send(`).
    const broken = source.replace(/await (\w+)\.(\w+)([.(])/, 'await $1.methodThatDoesNotExist_$2$3');
    expect(broken).not.toBe(source);
    const dir = await sampleProject(`${api}-broken`, findClientPackage(api), { [operationId]: broken });
    expect(await typeCheck(dir)).toMatch(/error TS2339/);
  });
});
