#!/usr/bin/env node
// pnpm run docs [api ...] [--out DIR]: renders the offline reference of every API in redocly.yaml (or the
// ones named) and a landing page across them.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { renderSite } from '../src/render.mjs';
import { apiNames, defaultOutDir } from '../src/workspace.mjs';

const USAGE = `Usage: pnpm run docs [api ...] [--out DIR]

Renders each API's offline reference (Redoc, curl and TypeScript samples for production and the local
sandbox) into DIR/<api>/index.html, its changelog (from the changesets) into DIR/<api>/changelog.html,
and a landing page across them into DIR/index.html. Without API names, every API in redocly.yaml.

  --out DIR    where to write (default tools/docs/dist-docs)
  -h, --help   this help`;

function parse(argv) {
  const options = { apis: [], outDir: defaultOutDir, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') options.help = true;
    else if (arg === '--out' || arg.startsWith('--out=')) {
      const value = arg === '--out' ? argv[++i] : arg.slice('--out='.length);
      if (!value || value.startsWith('-')) throw new Error('--out needs a directory, e.g. --out site/');
      options.outDir = resolve(value);
    } else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else options.apis.push(arg);
  }
  return options;
}

const folderBytes = (dir) => readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);

let options;
try {
  options = parse(process.argv.slice(2));
} catch (error) {
  console.error(`docs: ${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
try {
  const known = await apiNames();
  const unknown = options.apis.filter((api) => !known.includes(api));
  if (unknown.length) {
    console.error(`docs: unknown API ${unknown.join(', ')}; known: ${known.join(', ')}\n\n${USAGE}`);
    process.exit(2);
  }
  const results = await renderSite({ apis: options.apis, outDir: options.outDir });
  for (const result of results) {
    const samples = `${result.client ? `curl + TypeScript (${result.client.package})` : 'curl only (no client package)'}${result.sandbox ? `, production + sandbox ${result.sandbox.url}` : ''}`;
    const changes = `changelog: ${result.changelog.unreleased.length} unreleased, ${result.changelog.releases.length} release(s)`;
    const kib = (folderBytes(result.dir) / 1024).toFixed(0);
    console.log(`docs: ${result.api} -> ${relative(process.cwd(), join(result.dir, 'index.html'))} (${kib} KiB, samples: ${samples}; ${changes})`);
  }
  console.log(`docs: landing page -> ${relative(process.cwd(), join(options.outDir, 'index.html'))} (${results.length} API${results.length === 1 ? '' : 's'})`);
} catch (error) {
  console.error(`docs: ${error.message}`);
  process.exitCode = 1;
}
