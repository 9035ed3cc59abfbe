// TypeScript samples come from the API's own client package (its `operationSamples` export), so they
// always show the client's real, idiomatic call. An API without a client package gets curl only.
import { existsSync } from 'node:fs';
import { findClientPackage } from './workspace.mjs';

/** Loads `operationSamples` of @apiforge/<api>-client; undefined when the API has no client package. */
export async function loadOperationSamples(api) {
  const client = findClientPackage(api);
  if (!client) return undefined;
  if (!existsSync(client.entryPath)) {
    throw new Error(`${client.name} exists but ${client.entryPath} is missing: build it first (pnpm --filter ${client.name} build)`);
  }
  const module = await import(client.entryUrl);
  if (!module.operationSamples || typeof module.operationSamples !== 'object') {
    throw new Error(`${client.name} does not export operationSamples (operationId -> (exampleArgs) => source)`);
  }
  // Optional: the import and client construction that precede a call (so each sample is a whole program).
  const setup = typeof module.sampleSetup === 'function' ? module.sampleSetup : undefined;
  return { packageName: client.name, packageDir: client.dir, samples: module.operationSamples, setup };
}
