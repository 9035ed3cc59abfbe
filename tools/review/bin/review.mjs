#!/usr/bin/env node
// Runs the compiled review CLI; `pnpm --filter @apiforge/review... build` (or `pnpm build`) produces dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('review: not built yet. Run `pnpm turbo run build --filter=@apiforge/review...` first.\n');
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
