import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findRepoRoot, listWorkspacePackages } from '../workspace.js';

/** The folder of a workspace package, by name. */
export function workspacePackageDir(name: string): string {
  const found = listWorkspacePackages(findRepoRoot()).find((p) => p.name === name);
  if (!found) throw new Error(`package ${name} is not in this workspace`);
  return found.dir;
}

/**
 * Imports a workspace package through its public entry point (`exports[subpath]`, ESM condition), the way a
 * consumer does, without declaring it as a dependency (the clients depend on this package for their own
 * bench scripts, so a dependency back would be a cycle in the build graph).
 */
export async function importWorkspacePackage<T = Record<string, unknown>>(name: string, subpath = '.'): Promise<T> {
  const dir = workspacePackageDir(name);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { exports?: Record<string, unknown> };
  const target = esmTarget(manifest.exports?.[subpath]);
  if (!target) throw new Error(`${name} exports no ESM entry for "${subpath}"`);
  return (await import(pathToFileURL(join(dir, target)).href)) as T;
}

function esmTarget(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  if (!entry || typeof entry !== 'object') return undefined;
  const conditions = entry as Record<string, unknown>;
  for (const condition of ['node', 'import', 'default']) {
    const target = esmTarget(conditions[condition]);
    if (target) return target;
  }
  return undefined;
}
