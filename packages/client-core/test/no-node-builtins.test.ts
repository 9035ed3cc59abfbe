import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcDir = resolve(dirname(fileURLToPath(import.meta.url)), '../src');
const manifest = JSON.parse(readFileSync(join(srcDir, '../package.json'), 'utf8')) as { imports?: Record<string, Record<string, unknown>> };

/**
 * A `#` import as a browser bundler resolves it: the package's "imports" entry through its `browser`
 * condition, else without the `node` one (its ESM `default`), mapped from dist/ back to the source file.
 */
function browserTarget(specifier: string): string {
  const entry = manifest.imports?.[specifier];
  const browser = entry?.browser as { import?: { default?: string } } | undefined;
  const target = browser?.import?.default ?? (entry?.import as { default?: string } | undefined)?.default;
  if (!target?.startsWith('./dist/')) throw new Error(`${specifier} has no browser (import/default) target in package.json "imports"`);
  return join(srcDir, target.slice('./dist/'.length).replace(/\.js$/, '.ts'));
}
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
      else if (specifier.startsWith('#')) visit(browserTarget(specifier));
    }
  };
  visit(join(srcDir, 'index.ts'));
  // The browser's way to enable logging is part of the browser graph too.
  visit(join(srcDir, 'logging-entry.ts'));
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
        // `#` imports are the package's own files, chosen per platform (followed above through the browser condition).
        expect(specifier.startsWith('./') || specifier.startsWith('#'), `${file} imports package ${specifier}`).toBe(true);
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
