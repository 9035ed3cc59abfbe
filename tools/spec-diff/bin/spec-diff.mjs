#!/usr/bin/env node
// Runs the compiled CLI; `pnpm --filter @apiforge/spec-diff build` (or `pnpm build`) produces dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('spec-diff: not built yet. Run `pnpm --filter @apiforge/spec-diff build` first.\n');
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
