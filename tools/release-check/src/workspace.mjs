// The packages this repository publishes: every packages/* and tools/* folder whose package.json is not
// private (a tool becomes public by dropping `"private": true`; every check here then covers it).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The workspace folders whose children may be public packages. */
export const PACKAGE_PARENTS = ['packages', 'tools'];

/** @returns {{ dir: string, folder: string, relDir: string, manifest: any }[]} sorted by name */
export function publicPackages(root = repoRoot) {
  return PACKAGE_PARENTS.flatMap((parent) => {
    const parentDir = join(root, parent);
    if (!existsSync(parentDir)) return [];
    return readdirSync(parentDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(parentDir, entry.name, 'package.json')))
      .map((entry) => {
        const dir = join(parentDir, entry.name);
        return { dir, folder: entry.name, relDir: `${parent}/${entry.name}`, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) };
      });
  })
    .filter(({ manifest }) => manifest.private !== true)
    .sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));
}

export function findPublicPackage(name, root = repoRoot) {
  const found = publicPackages(root).find(({ manifest }) => manifest.name === name);
  if (!found) throw new Error(`${name} is not a public package under ${PACKAGE_PARENTS.map((p) => `${p}/`).join(' or ')}`);
  return found;
}
