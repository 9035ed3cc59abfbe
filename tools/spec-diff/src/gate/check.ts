import type { Change, Severity } from '../diff/types.js';
import { type Bump, bumpRank, maxBump } from './changesets.js';

/** The smallest changeset bump that releases a change of this severity. */
export const BUMP_FOR: Record<Severity, Bump> = {
  breaking: 'major',
  'non-breaking': 'minor',
  'docs-only': 'patch',
};

export function requiredBump(changes: readonly Change[]): Bump {
  return changes.reduce<Bump>((bump, change) => maxBump(bump, BUMP_FOR[change.severity]), 'none');
}

export interface PackageVerdict {
  package: string;
  apis: string[];
  needed: Bump;
  found: Bump;
  ok: boolean;
}

export interface GateResult {
  ok: boolean;
  verdicts: PackageVerdict[];
  /** APIs that changed but that no package declares in apiforge.apis, so nothing could be checked. */
  unmappedApis: string[];
}

export function evaluateGate(
  changesByApi: ReadonlyMap<string, readonly Change[]>,
  packagesForApi: ReadonlyMap<string, readonly string[]>,
  bumps: ReadonlyMap<string, Bump>,
): GateResult {
  const needs = new Map<string, { needed: Bump; apis: string[] }>();
  const unmappedApis: string[] = [];
  for (const [api, changes] of changesByApi) {
    const needed = requiredBump(changes);
    if (needed === 'none') continue;
    const packages = packagesForApi.get(api) ?? [];
    if (packages.length === 0) unmappedApis.push(api);
    for (const name of packages) {
      const entry = needs.get(name) ?? { needed: 'none', apis: [] };
      needs.set(name, { needed: maxBump(entry.needed, needed), apis: [...entry.apis, api] });
    }
  }
  const verdicts = [...needs].map(([name, { needed, apis }]): PackageVerdict => {
    const found = bumps.get(name) ?? 'none';
    return { package: name, apis, needed, found, ok: bumpRank(found) >= bumpRank(needed) };
  });
  return { ok: verdicts.every((verdict) => verdict.ok), verdicts, unmappedApis };
}
