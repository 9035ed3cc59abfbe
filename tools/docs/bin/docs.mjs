#!/usr/bin/env node
// pnpm docs [api ...] [--out DIR]: renders the offline reference of every API in redocly.yaml.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { renderAll } from '../src/render.mjs';
import { defaultOutDir } from '../src/workspace.mjs';

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const outDir = outIndex >= 0 ? resolve(args[outIndex + 1] ?? '') : defaultOutDir;
const apis = args.filter((arg, index) => !arg.startsWith('--') && (outIndex < 0 || index !== outIndex + 1));

const folderBytes = (dir) =>
  readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);

try {
  for (const result of await renderAll({ apis, outDir })) {
    const samples = result.client ? `curl + TypeScript (${result.client.package})` : 'curl only (no client package)';
    const kib = (folderBytes(result.dir) / 1024).toFixed(0);
    console.log(`docs: ${result.api} -> ${relative(process.cwd(), join(result.dir, 'index.html'))} (${kib} KiB, samples: ${samples})`);
  }
} catch (error) {
  console.error(`docs: ${error.message}`);
  process.exitCode = 1;
}
