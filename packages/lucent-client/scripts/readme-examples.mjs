#!/usr/bin/env node
/**
 * README code blocks that follow `<!-- example: examples/NAME.ts -->` are
 * copies of those files (which the tests type-check). `--write` refreshes the
 * copies; without it, exits 1 when one differs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const MARKER = /<!-- example: (\S+) -->\n```ts\n([\s\S]*?)```/g;

export function readmeExamples(readme = readFileSync(`${root}README.md`, 'utf8')) {
  return [...readme.matchAll(MARKER)].map((match) => ({ path: match[1], block: match[2] }));
}

export function syncReadme(readme) {
  return readme.replace(MARKER, (_all, path) => `<!-- example: ${path} -->\n\`\`\`ts\n${readFileSync(`${root}${path}`, 'utf8')}\`\`\``);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const readme = readFileSync(`${root}README.md`, 'utf8');
  const synced = syncReadme(readme);
  if (process.argv.includes('--write')) {
    writeFileSync(`${root}README.md`, synced);
  } else if (synced !== readme) {
    console.error('README examples differ from examples/*.ts; run: node scripts/readme-examples.mjs --write');
    process.exit(1);
  }
}
