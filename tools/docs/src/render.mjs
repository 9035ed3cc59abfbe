// Renders one API's reference into <outDir>/<api>/: index.html, openapi.json (with samples), the
// vendored Redoc bundle and its licence.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadOperationSamples } from './client-samples.mjs';
import { withCodeSamples } from './code-samples.mjs';
import { indexHtml } from './html.mjs';
import { forReaders } from './reader-notes.mjs';
import { RENDERER_FILE, vendorRenderer } from './renderer.mjs';
import { apiNames, defaultOutDir, readBundledSpec } from './workspace.mjs';

/** `loadSamples` is a seam for tests; by default the API's client package provides the TypeScript samples. */
export async function renderApi(api, { outDir = defaultOutDir, spec: bundledSpec, loadSamples = loadOperationSamples } = {}) {
  const bundled = forReaders(bundledSpec ?? readBundledSpec(api));
  const clientSamples = await loadSamples(api);
  const { spec, typescriptSources } = withCodeSamples(bundled, clientSamples);
  const apiDir = join(outDir, api);
  await rm(apiDir, { recursive: true, force: true });
  await mkdir(apiDir, { recursive: true });
  await vendorRenderer(apiDir);
  await writeFile(join(apiDir, 'openapi.json'), `${JSON.stringify(spec, null, 2)}\n`);
  await writeFile(
    join(apiDir, 'index.html'),
    indexHtml({ title: `${spec.info?.title ?? api} reference`, spec, rendererFile: RENDERER_FILE }),
  );
  const client = clientSamples ? { package: clientSamples.packageName, dir: clientSamples.packageDir } : null;
  return { api, dir: apiDir, spec, client, typescriptSources };
}

/** Renders every API in redocly.yaml (or the ones named). */
export async function renderAll({ apis, outDir = defaultOutDir } = {}) {
  const known = await apiNames();
  const unknown = (apis ?? []).filter((api) => !known.includes(api));
  if (unknown.length) throw new Error(`not in redocly.yaml: ${unknown.join(', ')} (known: ${known.join(', ')})`);
  const names = apis?.length ? apis : known;
  const results = [];
  for (const api of names) results.push(await renderApi(api, { outDir }));
  return results;
}
