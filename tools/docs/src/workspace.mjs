// Where things live in the monorepo: the API list (redocly.yaml), each API's bundled spec, and its
// client package when one exists. Nothing here names a particular API.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { listApis } from '@apiforge/spec-build';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const defaultOutDir = resolve(dirname(fileURLToPath(import.meta.url)), '../dist-docs');

export async function apiNames() {
  return (await listApis(join(repoRoot, 'redocly.yaml'))).map((api) => api.name);
}

export function bundledSpecPath(api) {
  return join(repoRoot, 'packages', `${api}-openapi`, 'dist', 'openapi.json');
}

export function readBundledSpec(api) {
  const path = bundledSpecPath(api);
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: build the spec first (pnpm --filter @apiforge/${api}-openapi build)`);
  }
  return JSON.parse(readFileSync(path, 'utf8'));
}

function workspacePackages() {
  const packagesDir = join(repoRoot, 'packages');
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(packagesDir, entry.name, 'package.json')))
    .map((entry) => {
      const dir = join(packagesDir, entry.name);
      return { dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) };
    });
}

function mainEntry(manifest) {
  const root = typeof manifest.exports === 'string' ? manifest.exports : manifest.exports?.['.'];
  if (typeof root === 'string') return root;
  // `import` may be a nested condition object ({ types, default }) in a dual (ESM + CommonJS) package.
  const entry = root?.import ?? root?.default;
  if (entry && typeof entry === 'object') return entry.default ?? entry.import;
  return entry ?? manifest.module ?? manifest.main ?? 'index.js';
}

/** A workspace package by name: `{ name, dir, manifest }`, or undefined. */
export function findWorkspacePackage(name) {
  const found = workspacePackages().find(({ manifest }) => manifest.name === name);
  return found && { name, ...found };
}

/** The API's client package (`@apiforge/<api>-client`) in the workspace, or undefined when it has none. */
export function findClientPackage(api) {
  const name = `@apiforge/${api}-client`;
  const found = workspacePackages().find(({ manifest }) => manifest.name === name);
  if (!found) return undefined;
  const entryPath = join(found.dir, mainEntry(found.manifest));
  return { name, dir: found.dir, entryPath, entryUrl: pathToFileURL(entryPath).href };
}
