import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcDir = resolve(dirname(fileURLToPath(import.meta.url)), '../src');
const IMPORT_SPECIFIER = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every file reachable from src/index.ts, with the specifiers it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const visit = (file: string) => {
    if (graph.has(file)) return;
    const source = readFileSync(file, 'utf8');
    const specifiers = [...source.matchAll(IMPORT_SPECIFIER)].map((m) => (m[1] ?? m[2] ?? m[3])!);
    graph.set(file, specifiers);
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) visit(join(dirname(file), specifier.replace(/\.js$/, '.ts')));
    }
  };
  visit(join(srcDir, 'index.ts'));
  return graph;
}

describe('browser safety', () => {
  it('the import graph has only relative imports: no Node built-ins, no runtime dependencies', () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThanOrEqual(7);
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    for (const [file, specifiers] of graph) {
      for (const specifier of specifiers) {
        expect(builtins.has(specifier), `${file} imports ${specifier}`).toBe(false);
        expect(specifier.startsWith('./'), `${file} imports package ${specifier}`).toBe(true);
      }
    }
  });

  it('uses no Node-only globals', () => {
    for (const file of importGraph().keys()) {
      const code = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
        // The one allowed form: feature detection, undefined in a browser (never a ReferenceError).
        .replace(/\(globalThis as \{ process\?: \w+ \}\)\.process\b/g, '');
      expect(code, file).not.toMatch(/\b(process|Buffer|__dirname|__filename|require|global|setImmediate)\b/);
    }
  });
});
