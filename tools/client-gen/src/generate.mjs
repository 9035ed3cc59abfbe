/**
 * Regenerates a client's src/generated from a bundled spec:
 * - hey-api: types and one function per operation (no module-level client: every call names its client);
 * - spec-meta.gen.ts (spec-meta.mjs): the facts the client layer reads from the spec, so no URL, prefix
 *   or retry rule is typed by hand;
 * - operations.gen.ts, resources.gen.ts, samples.gen.ts (surface.mjs): the client's surface.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createClient } from '@hey-api/openapi-ts';
import { renderMeta } from './spec-meta.mjs';
import { renderSurface } from './surface.mjs';

export { operationMetaTable, renderMeta } from './spec-meta.mjs';
export { describeOperations, nameOf, renderSurface } from './surface.mjs';

/**
 * @typedef {object} SurfaceClient One client class of the package.
 * @property {string} className e.g. `LucentClient`
 * @property {string} factory the `/operations` entry's connection factory, e.g. `createLucentDataClient`
 * @property {string[]} schemes the security schemes whose operations this client sends
 * @property {{ option: string, env: string, label: string, headersOnly?: boolean }} credential
 * @property {string} baseUrlEnv the environment variable read for the base URL
 * @property {string[]} [baseUrlAliases] deprecated option names for `baseUrl`
 * @property {Record<string, { option: string, env: string, label: string }>} [fixedPath] path parameters taken once from an option
 * @property {boolean} [extendedBy] the package extends the generated class (it is then named `<className>Base`)
 * @property {string} [doc]
 *
 * @typedef {object} SurfaceConfig What the spec cannot say about a client package's surface.
 * @property {string} packageName
 * @property {string} envPrefix `LUCENT`: `LUCENT_LOG` sets the log level
 * @property {string} errorClass the credential error's class name
 * @property {Record<string, SurfaceClient>} clients by kind (`data`, `ingest`)
 * @property {Record<string, { resource?: string, method?: string, resultName?: string }>} [operations] naming overrides
 */

/**
 * @param {{ packageRoot: string, specPath: string, specPackage: string, surface?: SurfaceConfig }} options
 *   packageRoot: the client package folder; specPath: the bundled openapi.json; specPackage: its npm name (for the
 *   header); surface: the client classes (without it, only hey-api's output and spec-meta.gen.ts are written).
 */
export async function generateClient({ packageRoot, specPath, specPackage, surface }) {
  const outputDir = `${packageRoot.replace(/\/+$/, '')}/src/generated`;
  const spec = JSON.parse(await readFile(specPath, 'utf8'));
  await rm(outputDir, { recursive: true, force: true });
  await mkdir(outputDir, { recursive: true });
  const cwd = process.cwd();
  process.chdir(packageRoot);
  try {
    await createClient({
      input: specPath,
      output: { path: outputDir, module: { extension: '.js' } },
      plugins: [
        '@hey-api/typescript',
        { name: '@hey-api/sdk', client: false },
        { name: '@hey-api/client-fetch', throwOnError: true },
      ],
      logs: { level: 'silent' },
    });
  } finally {
    process.chdir(cwd);
  }
  await writeFile(`${outputDir}/spec-meta.gen.ts`, renderMeta(spec, specPackage));
  if (surface) {
    const typesSource = await readFile(`${outputDir}/types.gen.ts`, 'utf8');
    const files = renderSurface(spec, surface, { typesSource, specPackage });
    await writeFile(`${outputDir}/operations.gen.ts`, files.operations);
    await writeFile(`${outputDir}/resources.gen.ts`, files.resources);
    await writeFile(`${outputDir}/samples.gen.ts`, files.samples);
  }
}
