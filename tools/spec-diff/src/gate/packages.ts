import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asArray, asObject } from '../diff/resolve.js';

/**
 * API name → names of the workspace packages under packages/ that declare it in
 * `"apiforge": { "apis": [...] }` in their package.json.
 */
export function packagesByApi(repoDir: string): Map<string, string[]> {
  const result = new Map<string, string[]>();
  const packagesDir = join(repoDir, 'packages');
  if (!existsSync(packagesDir)) return result;
  for (const folder of readdirSync(packagesDir).sort()) {
    const manifest = join(packagesDir, folder, 'package.json');
    if (!existsSync(manifest)) continue;
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(manifest, 'utf8'));
    } catch {
      continue;
    }
    const name = asObject(json).name;
    if (typeof name !== 'string') continue;
    for (const api of asArray(asObject(asObject(json).apiforge).apis)) {
      if (typeof api !== 'string') continue;
      result.set(api, [...(result.get(api) ?? []), name]);
    }
  }
  return result;
}
