// Provenance changes between two bundles: every x-assumption (our own design where sources are silent)
// added, removed or reworded, and the x-source marks that appeared or went (spec/PROVENANCE.md).
type Json = Record<string, unknown>;

export interface Mark {
  /** JSON pointer-like location in the bundle, with the operation named where there is one. */
  where: string;
  text: string;
}

export interface ProvenanceDiff {
  assumptionsAdded: Mark[];
  assumptionsRemoved: Mark[];
  assumptionsChanged: Array<{ where: string; before: string; after: string }>;
  sourcesAdded: Mark[];
  sourcesRemoved: Mark[];
  counts: { before: { assumptions: number; sources: number }; after: { assumptions: number; sources: number } };
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

function label(path: string[]): string {
  // paths › /issues › get › … reads better as "GET /issues › …".
  if (path[0] === 'paths' && path.length >= 3 && METHODS.has(path[2] as string)) {
    return [`${(path[2] as string).toUpperCase()} ${path[1]}`, ...path.slice(3)].join(' › ');
  }
  return path.join(' › ');
}

function collect(doc: unknown): { assumptions: Map<string, string>; sources: Map<string, string> } {
  const assumptions = new Map<string, string>();
  const sources = new Map<string, string>();
  const stack: Array<{ node: unknown; path: string[] }> = [{ node: doc, path: [] }];
  let visited = 0;
  while (stack.length && visited < 200_000) {
    const { node, path } = stack.pop() as { node: unknown; path: string[] };
    visited += 1;
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      node.forEach((item, index) => stack.push({ node: item, path: [...path, String(index)] }));
      continue;
    }
    const object = node as Json;
    if (typeof object['x-assumption'] === 'string') assumptions.set(label(path), (object['x-assumption'] as string).replace(/\s+/g, ' ').trim());
    if (object['x-source'] !== undefined && path[0] !== 'x-sources') sources.set(label(path), JSON.stringify(object['x-source']));
    for (const [key, value] of Object.entries(object)) {
      if (key === 'x-assumption' || key === 'x-source' || key === 'example' || key === 'examples') continue;
      stack.push({ node: value, path: [...path, key] });
    }
  }
  return { assumptions, sources };
}

export function diffProvenance(before: unknown, after: unknown): ProvenanceDiff {
  const was = collect(before ?? {});
  const is = collect(after ?? {});
  const sorted = (marks: Mark[]) => marks.sort((x, y) => x.where.localeCompare(y.where));
  return {
    assumptionsAdded: sorted([...is.assumptions].filter(([where]) => !was.assumptions.has(where)).map(([where, text]) => ({ where, text }))),
    assumptionsRemoved: sorted([...was.assumptions].filter(([where]) => !is.assumptions.has(where)).map(([where, text]) => ({ where, text }))),
    assumptionsChanged: [...is.assumptions]
      .filter(([where, text]) => was.assumptions.has(where) && was.assumptions.get(where) !== text)
      .map(([where, text]) => ({ where, before: was.assumptions.get(where) as string, after: text }))
      .sort((x, y) => x.where.localeCompare(y.where)),
    sourcesAdded: sorted([...is.sources].filter(([where]) => !was.sources.has(where)).map(([where, text]) => ({ where, text }))),
    sourcesRemoved: sorted([...was.sources].filter(([where]) => !is.sources.has(where)).map(([where, text]) => ({ where, text }))),
    counts: {
      before: { assumptions: was.assumptions.size, sources: was.sources.size },
      after: { assumptions: is.assumptions.size, sources: is.sources.size },
    },
  };
}
