// Vendors Redoc's standalone browser bundle into the docs folder. The bundle is self-contained (React,
// search worker as a blob) except for one hard-coded image: the "API docs by Redocly" sidebar logo
// from cdn.redoc.ly. It is swapped for an inline SVG so the page makes no request off the docs host.
import { readFile, writeFile, copyFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const redocDir = dirname(require.resolve('redoc/package.json'));

export const RENDERER_FILE = 'redoc.standalone.js';
const REMOTE_LOGO = 'https://cdn.redoc.ly/redoc/logo-mini.svg';
const INLINE_LOGO = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/%3E";

export function rendererVersion() {
  return require('redoc/package.json').version;
}

/** Writes the offline-safe bundle and its licence file into outDir. */
export async function vendorRenderer(outDir) {
  const source = await readFile(join(redocDir, 'bundles', RENDERER_FILE), 'utf8');
  const occurrences = source.split(REMOTE_LOGO).length - 1;
  // A new Redoc version may move or add remote assets: fail here rather than ship a page that phones home.
  if (occurrences !== 1) {
    throw new Error(`expected ${REMOTE_LOGO} once in redoc ${rendererVersion()}'s bundle, found ${occurrences}: re-check offline safety`);
  }
  const offline = source.replace(REMOTE_LOGO, INLINE_LOGO).replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
  await writeFile(join(outDir, RENDERER_FILE), offline);
  await copyFile(join(redocDir, 'bundles', `${RENDERER_FILE}.LICENSE.txt`), join(outDir, `${RENDERER_FILE}.LICENSE.txt`));
}
