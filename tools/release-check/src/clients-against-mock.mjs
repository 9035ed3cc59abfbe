// Our clients against our mock, both as a user installs them from a registry: the cases (every operation of
// the API's published spec, with the spec's example arguments) are written into the project, and
// fixtures/clients-against-mock/run.mjs runs them there with the installed clients against the installed
// @apiforge/mock.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { specExampleArgs } from '@apiforge/client-gen/testing';

const run = promisify(execFile);

/** The published spec of an API, read from the project's installed spec package (its `openapi.json` export). */
export function installedSpec(project, api) {
  const require = createRequire(join(project, 'package.json'));
  return JSON.parse(readFileSync(require.resolve(`@apiforge/${api}-openapi/openapi.json`), 'utf8'));
}

export function operationIds(spec) {
  return Object.values(spec.paths ?? {}).flatMap((item) => Object.values(item).map((operation) => operation?.operationId).filter(Boolean));
}

/** The first example line of an NDJSON request body (x-ndjson), for bindings that take lines. */
function ndjsonLine(spec, operationId) {
  const resolve = (node) => (node?.$ref ? node.$ref.slice(2).split('/').reduce((acc, key) => acc?.[key], spec) : node);
  for (const item of Object.values(spec.paths)) {
    for (const operation of Object.values(item)) {
      if (operation?.operationId !== operationId) continue;
      for (const media of Object.values(resolve(operation.requestBody)?.content ?? {})) {
        if (media['x-ndjson']) return resolve(Object.values(media.examples ?? {})[0])?.value;
      }
    }
  }
  return undefined;
}

/**
 * Runs every operation of `api` with the installed clients (defaults unchanged) against the mock at
 * `mockUrl`. Returns { [operationId]: { ok } | { ok: false, error } } and the operations of the spec.
 */
export async function runClientsAgainstMock({ project, fixtureDir, api, mockUrl, timeoutMs = 180_000 }) {
  const spec = installedSpec(project, api);
  const ids = operationIds(spec);
  const cases = ids.map((operationId) => ({ operationId, example: specExampleArgs(spec, operationId), ndjsonLine: ndjsonLine(spec, operationId) }));
  const casesFile = join(fixtureDir, `${api}.cases.json`);
  await writeFile(casesFile, JSON.stringify(cases));
  const { stdout } = await run(process.execPath, [join(fixtureDir, 'run.mjs'), api, casesFile], {
    cwd: fixtureDir,
    env: { ...process.env, MOCK_URL: mockUrl },
    timeout: timeoutMs,
    maxBuffer: 16 * 1024 * 1024,
  });
  return { operationIds: ids, results: JSON.parse(stdout.trim().split('\n').at(-1)) };
}
