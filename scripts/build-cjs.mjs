#!/usr/bin/env node
// The CommonJS half of a package's dual build: run after `tsc` in the package folder. Every ESM file in
// dist/ is transformed (esbuild, file by file, no bundling) into dist/cjs/, the declarations are copied
// beside them, and dist/cjs/package.json says "type": "commonjs", so the same relative specifiers
// (`./errors.js`) resolve to CommonJS files and CommonJS declarations there. The export maps point
// `require` at dist/cjs/ (types included), which keeps TypeScript's node16/CommonJS resolution and
// Are The Types Wrong clean. `import.meta.url` becomes the file's own URL.
import { mkdir, readdir, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';

const packageDir = process.cwd();
const dist = join(packageDir, process.argv[2] ?? 'dist');
const out = join(dist, 'cjs');
// esbuild is a devDependency of each package that runs this script.
const { transform } = createRequire(join(packageDir, 'package.json'))('esbuild');

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (path !== out) yield* walk(path);
    } else yield path;
  }
}

await rm(out, { recursive: true, force: true });
let files = 0;
for await (const file of walk(dist)) {
  const target = join(out, relative(dist, file));
  if (file.endsWith('.d.ts')) {
    await mkdir(dirname(target), { recursive: true });
    await copyFile(file, target);
  } else if (file.endsWith('.js')) {
    const source = await readFile(file, 'utf8');
    const usesMeta = source.includes('import.meta.url');
    const { code } = await transform(source, {
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      sourcefile: relative(packageDir, file),
      ...(usesMeta
        ? { define: { 'import.meta.url': '__apiforge_import_meta_url' }, banner: 'const __apiforge_import_meta_url = require("node:url").pathToFileURL(__filename).href;' }
        : {}),
    });
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, code);
    files++;
  }
}
// `#` imports resolve from the nearest package.json, which for dist/cjs/ is this one: carry the package's
// "imports" over with their require targets (./dist/cjs/x.js → ./x.js).
const { imports } = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'));
const cjsTarget = (entry) =>
  typeof entry === 'string'
    ? entry.replace(/^\.\/dist\/cjs\//, './')
    : Object.fromEntries(Object.entries(entry).filter(([condition]) => condition !== 'import' && condition !== 'types').map(([condition, value]) => [condition, cjsTarget(value)]));
const cjsManifest = imports ? { type: 'commonjs', imports: Object.fromEntries(Object.entries(imports).map(([key, entry]) => [key, cjsTarget(entry)])) } : { type: 'commonjs' };
await writeFile(join(out, 'package.json'), `${JSON.stringify(cjsManifest, null, 2)}\n`);
console.log(`build-cjs: ${files} files into ${relative(packageDir, out)}/`);
