import { parse } from 'yaml';
import { asObject } from '../diff/resolve.js';

export type Bump = 'none' | 'patch' | 'minor' | 'major';

const RANK: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };

export function bumpRank(bump: Bump): number {
  return RANK[bump];
}

export function maxBump(a: Bump, b: Bump): Bump {
  return RANK[a] >= RANK[b] ? a : b;
}

function isBump(value: unknown): value is Bump {
  return typeof value === 'string' && value in RANK;
}

/** The package → bump map in a changeset file's front matter (`"@apiforge/x": minor`). */
export function parseChangeset(text: string): Map<string, Bump> {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\s*(\r?\n|$)/.exec(text);
  const result = new Map<string, Bump>();
  if (!match) return result;
  let parsed: unknown;
  try {
    parsed = parse(match[1] ?? '');
  } catch (error) {
    throw new Error(`front matter is not valid YAML (quote package names: "@apiforge/x": minor): ${(error as Error).message.split('\n')[0]}`);
  }
  const frontMatter = asObject(parsed ?? {});
  for (const [name, bump] of Object.entries(frontMatter)) if (isBump(bump)) result.set(name, bump);
  return result;
}

/** The largest bump each package receives across several changesets. */
export function combineChangesets(texts: string[], names: string[] = []): Map<string, Bump> {
  const result = new Map<string, Bump>();
  texts.forEach((text, index) => {
    let parsed: Map<string, Bump>;
    try {
      parsed = parseChangeset(text);
    } catch (error) {
      throw new Error(`${names[index] ?? 'changeset'}: ${(error as Error).message}`);
    }
    for (const [name, bump] of parsed) result.set(name, maxBump(result.get(name) ?? 'none', bump));
  });
  return result;
}
