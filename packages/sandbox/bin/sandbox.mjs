#!/usr/bin/env node
// `pnpm sandbox <api> [--port N] ...` from the repository root, or `apiforge-sandbox` when installed.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('sandbox: not built yet. Run: pnpm --filter @apiforge/sandbox build');
  process.exit(1);
}
const { main } = await import(cli.href);
try {
  const code = await main(process.argv.slice(2));
  if (code >= 0) process.exitCode = code;
} catch (error) {
  console.error(`sandbox: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
