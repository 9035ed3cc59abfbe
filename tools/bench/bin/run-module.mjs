#!/usr/bin/env node
// Child process of `pnpm bench`: runs one benchmark module alone (so its servers,
// heap and GC cannot disturb another benchmark, and a hung one can be killed)
// and hands its results to the parent over IPC.
// argv: <module path> <export name> <call JSON: { argument, rounds }>
import { pathToFileURL } from 'node:url';

const [modulePath, exportName, callJson] = process.argv.slice(2);

function reply(message) {
  // A module may leave servers or timers behind; exit once the parent has the answer.
  process.send(message, () => process.exit(0));
}

try {
  const module = await import(pathToFileURL(modulePath).href);
  const runBench = module[exportName];
  if (typeof runBench !== 'function') throw new Error(`${modulePath} does not export a function named ${exportName}`);
  const { argument, rounds = 1 } = JSON.parse(callJson);
  const runs = [];
  for (let round = 0; round < rounds; round++) runs.push(await runBench(argument));
  reply({ ok: true, runs: JSON.parse(JSON.stringify(runs)) });
} catch (error) {
  reply({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
