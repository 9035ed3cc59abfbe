import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A client README's code blocks that follow `<!-- example: examples/NAME.ts -->` are copies of those
 * files, which the client's tests type-check, so the README can never show code that does not compile.
 */
const MARKER = /<!-- example: (\S+) -->\n```ts\n([\s\S]*?)```/g;

/** Every example block of the README in `packageRoot`: the file it copies and the block's text. */
export function readmeExamples(packageRoot) {
  const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
  return [...readme.matchAll(MARKER)].map((match) => ({ path: match[1], block: match[2] }));
}

/** Rewrites each example block with the current file; returns whether the README changed. */
export function syncReadmeExamples(packageRoot) {
  const path = join(packageRoot, 'README.md');
  const readme = readFileSync(path, 'utf8');
  const synced = readme.replace(MARKER, (_all, file) => `<!-- example: ${file} -->\n\`\`\`ts\n${readFileSync(join(packageRoot, file), 'utf8')}\`\`\``);
  if (synced !== readme) writeFileSync(path, synced);
  return synced !== readme;
}
