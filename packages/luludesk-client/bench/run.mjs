#!/usr/bin/env node
// This package's `pnpm bench`: the rows the root `pnpm bench` shows for it (--quick, --json).
import { formatBenchRows } from '@apiforge/bench/harness';
import { runBench } from './index.mjs';

const quick = process.argv.includes('--quick');
const rows = await runBench({ quick });
console.log(formatBenchRows('@apiforge/luludesk-client', rows, quick));
if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
