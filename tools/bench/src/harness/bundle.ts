import { gzipSync } from 'node:zlib';

/** The part of esbuild's `build` this uses; the caller passes its own esbuild so tools/bench does not depend on it. */
export type EsbuildBuild = (options: any) => Promise<{
  outputFiles?: ReadonlyArray<{ contents: Uint8Array }>;
  metafile?: { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };
}>;

export interface BundleSize {
  minBytes: number;
  gzipBytes: number;
  minBytesByGroup: Record<string, number>;
  /** The largest inputs (minified bytes in the output), from esbuild's metafile. */
  topInputs: Array<{ input: string; minBytes: number }>;
}

/** Where minified bytes come from, by the layout every generated client shares. */
export function defaultModuleGroup(path: string): string {
  if (path.includes('client-core/')) return 'client-core';
  if (path.includes('/generated/client/') || path.includes('/generated/core/')) return 'hey-api runtime';
  if (path.includes('/generated/')) return 'generated from the spec';
  if (path.includes('node_modules/')) return 'third-party dependency';
  if (path.includes('dist/')) return 'hand-written layer';
  return 'consumer';
}

/**
 * min+gzip (level 9) of a browser ESM bundle of `source`, resolved from `resolveDir` (a package
 * folder, so the package's own name resolves through its exports).
 */
export async function measureBundle(options: {
  build: EsbuildBuild;
  source: string;
  resolveDir: string;
  groupOf?: (path: string) => string;
}): Promise<BundleSize> {
  const { build, source, resolveDir, groupOf = defaultModuleGroup } = options;
  const output = await build({
    stdin: { contents: source, resolveDir, sourcefile: 'consumer.mjs', loader: 'js' },
    bundle: true,
    minify: true,
    treeShaking: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = output.outputFiles?.[0]?.contents;
  if (!code) throw new Error('esbuild produced no output');
  const minBytesByGroup: Record<string, number> = {};
  const inputs: Array<{ input: string; minBytes: number }> = [];
  for (const out of Object.values(output.metafile?.outputs ?? {})) {
    for (const [input, info] of Object.entries(out.inputs)) {
      const group = groupOf(input);
      minBytesByGroup[group] = (minBytesByGroup[group] ?? 0) + info.bytesInOutput;
      if (info.bytesInOutput > 0) inputs.push({ input: shortInput(input), minBytes: info.bytesInOutput });
    }
  }
  const topInputs = inputs.sort((a, b) => b.minBytes - a.minBytes).slice(0, 10);
  return { minBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, minBytesByGroup, topInputs };
}

/** `../../packages/client-core/dist/request.js` → `client-core/dist/request.js`. */
function shortInput(input: string): string {
  return input.replace(/^(?:\.\.\/)+/, '').replace(/^(?:packages|tools)\//, '').replace(/^.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, '');
}

/** One line: where a bundle's bytes come from (min bytes by origin, then the largest files). */
export function explainBundle(size: BundleSize): string {
  const groups = Object.entries(size.minBytesByGroup).sort((a, b) => b[1] - a[1]).map(([g, b]) => `${g} ${b}`);
  const files = size.topInputs.slice(0, 6).map(({ input, minBytes }) => `${input} ${minBytes}`);
  return `min bytes by origin (esbuild metafile): ${groups.join(', ')}; largest files: ${files.join(', ')}`;
}
