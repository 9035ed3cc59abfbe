// Renders one API's reference into <outDir>/<api>/: index.html, openapi.json (with samples), the
// vendored Redoc bundle and its licence.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { apiChangelog, changelogHtml, readPendingChangesets, readReleasedChangelogs } from './changelog.mjs';
import { loadOperationSamples } from './client-samples.mjs';
import { withCodeSamples } from './code-samples.mjs';
import { indexHtml } from './html.mjs';
import { landingHtml } from './landing.mjs';
import { forReaders } from './reader-notes.mjs';
import { RENDERER_FILE, vendorRenderer } from './renderer.mjs';
import { loadSandboxTarget } from './sandbox-target.mjs';
import { apiNames, defaultOutDir, readBundledSpec, repoRoot } from './workspace.mjs';

export const CHANGELOG_FILE = 'changelog.html';

/**
 * `loadSamples` and `loadSandbox` are seams for tests; by default the API's client package provides the
 * TypeScript samples and the workspace's sandbox the second sample target. `changelog` is the API's
 * changelog (apiChangelog); without it the API's changelog is read from the workspace's changesets.
 */
export async function renderApi(
  api,
  { outDir = defaultOutDir, spec: bundledSpec, loadSamples = loadOperationSamples, loadSandbox = loadSandboxTarget, changelog } = {},
) {
  const bundled = forReaders(bundledSpec ?? readBundledSpec(api));
  const clientSamples = await loadSamples(api);
  const sandbox = await loadSandbox(api);
  const { spec, typescriptSources, allTypescriptSources, sandboxSamples } = withCodeSamples(bundled, clientSamples, sandbox);
  const apiDir = join(outDir, api);
  await rm(apiDir, { recursive: true, force: true });
  await mkdir(apiDir, { recursive: true });
  await vendorRenderer(apiDir);
  await writeFile(join(apiDir, 'openapi.json'), `${JSON.stringify(spec, null, 2)}\n`);
  const title = spec.info?.title ?? api;
  const links = [
    { href: '../index.html', text: 'All APIs' },
    { href: `./${CHANGELOG_FILE}`, text: 'Changelog' },
  ];
  await writeFile(
    join(apiDir, 'index.html'),
    indexHtml({
      title: `${title} reference`,
      spec,
      rendererFile: RENDERER_FILE,
      links,
      sandbox: sandbox && { url: sandbox.url, command: sandbox.command, samples: sandboxSamples },
    }),
  );
  const history = changelog ?? apiChangelog(api, { apis: await apiNames(), pending: readPendingChangesets(repoRoot), released: readReleasedChangelogs(repoRoot) });
  await writeFile(join(apiDir, CHANGELOG_FILE), changelogHtml({ api, title, changelog: history }));
  const client = clientSamples ? { package: clientSamples.packageName, dir: clientSamples.packageDir } : null;
  return { api, dir: apiDir, spec, client, typescriptSources, allTypescriptSources, sandbox: sandbox && { ...sandbox, samples: sandboxSamples }, changelog: history };
}

/** Renders every API in redocly.yaml (or the ones named). */
export async function renderAll({ apis, outDir = defaultOutDir } = {}) {
  const known = await apiNames();
  const unknown = (apis ?? []).filter((api) => !known.includes(api));
  if (unknown.length) throw new Error(`not in redocly.yaml: ${unknown.join(', ')} (known: ${known.join(', ')})`);
  const names = apis?.length ? apis : known;
  const pending = readPendingChangesets(repoRoot);
  const released = readReleasedChangelogs(repoRoot);
  const results = [];
  for (const api of names) results.push(await renderApi(api, { outDir, changelog: apiChangelog(api, { apis: known, pending, released }) }));
  return results;
}

/** Every API (or the ones named) and the landing page across them: what `pnpm run docs` writes. */
export async function renderSite({ apis, outDir = defaultOutDir } = {}) {
  const results = await renderAll({ apis, outDir });
  await writeFile(join(outDir, 'index.html'), landingHtml(results));
  return results;
}
