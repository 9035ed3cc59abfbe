#!/usr/bin/env node
// `apiforge-mock <api> [--port N] ...` (the published bin), `pnpm mock <api>` from the repository root.
import { main } from '../src/cli.js';

try {
  const code = await main(process.argv.slice(2));
  if (code >= 0) process.exitCode = code;
} catch (error) {
  console.error(`mock: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
