// After tsc: the published package must not import a workspace-only package. The provenance reader of
// @apiforge/spec-build (private: it carries the Redocly toolchain) is copied into dist/vendor/ and the
// compiled import is pointed at the copy; the source stays the one in tools/spec-build.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const require = createRequire(join(root, 'package.json'));
const VENDORED = { '@apiforge/spec-build/provenance': 'vendor/spec-build-provenance.js' };

for (const [specifier, target] of Object.entries(VENDORED)) {
  const source = require.resolve(specifier);
  mkdirSync(dirname(join(dist, target)), { recursive: true });
  copyFileSync(source, join(dist, target));
  const types = source.replace(/\.mjs$/, '.d.mts');
  copyFileSync(types, join(dist, target.replace(/\.js$/, '.d.ts')));
}

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(js|d\.ts)$/.test(name)) yield path;
  }
}

let rewritten = 0;
for (const file of files(dist)) {
  let text = readFileSync(file, 'utf8');
  let changed = false;
  for (const [specifier, target] of Object.entries(VENDORED)) {
    const quoted = new RegExp(`(['"])${specifier.replace(/[/.]/g, '\\$&')}\\1`, 'g');
    if (!quoted.test(text)) continue;
    let rel = relative(dirname(file), join(dist, target)).replace(/\\/g, '/');
    if (!rel.startsWith('.')) rel = `./${rel}`;
    text = text.replace(quoted, `'${rel}'`);
    changed = true;
  }
  if (changed) {
    writeFileSync(file, text);
    rewritten++;
  }
}
console.log(`vendored ${Object.keys(VENDORED).join(', ')} into dist/vendor (${rewritten} files point at it)`);
