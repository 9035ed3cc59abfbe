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


// A CommonJS build only ever runs in Node, so a `#` import (the package.json "imports" map, e.g. `#gzip`)
// is resolved here, once, to its Node target as a relative path: publint flags an "imports" map in
// dist/cjs/package.json, and the CommonJS files then need no condition lookup at all.
const { imports: packageImports = {} } = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'));
function nodeRequireTarget(entry) {
  if (typeof entry === 'string') return entry;
  for (const condition of ['node', 'require', 'default']) {
    if (entry[condition] !== undefined) return nodeRequireTarget(entry[condition]);
  }
  return undefined;
}
function resolvePackageImports(code, targetFile) {
  return code.replace(/require\((["'])(#[^"']+)\1\)/g, (_whole, _quote, specifier) => {
    const mapped = packageImports[specifier] === undefined ? undefined : nodeRequireTarget(packageImports[specifier]);
    if (mapped === undefined) throw new Error(`build-cjs: ${specifier} is not in package.json "imports" (required from ${relative(packageDir, targetFile)})`);
    // A target in the ESM half (dist/x.js) has its CommonJS twin at dist/cjs/x.js.
    const mappedFile = join(packageDir, mapped);
    const cjsFile = mappedFile.startsWith(out) ? mappedFile : join(out, relative(dist, mappedFile));
    const path = relative(dirname(targetFile), cjsFile);
    return `require(${JSON.stringify(path.startsWith('.') ? path : `./${path}`)})`;
  });
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
    await writeFile(target, resolvePackageImports(code, target));
    files++;
  }
}
await writeFile(join(out, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
console.log(`build-cjs: ${files} files into ${relative(packageDir, out)}/`);
