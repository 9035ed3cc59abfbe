// Pack-and-install: the client, its core and the spec package, installed from tarballs into a fresh
// npm project, type-checked by a consumer file and run against the sandbox.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '@apiforge/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dependencyTree, installConsumer, runConsumer, typecheckConsumer } from '../src/consumer.mjs';

const fixture = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'consumer');
const PACKAGES = ['@apiforge/client-core', '@apiforge/lucent-client', '@apiforge/lucent-openapi'];

let workDir;
let project;
let sandbox;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'apiforge-consumer-'));
  project = await installConsumer({ packages: PACKAGES, fixture, workDir });
  sandbox = await startSandbox({ api: 'lucent', port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await sandbox?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** Unresolved issues counted with plain fetch, independently of the client's pagination. */
async function countUnresolved(baseUrl) {
  let count = 0;
  let cursor;
  do {
    const url = new URL('/api/v1/issues', baseUrl);
    url.search = new URLSearchParams({ status: 'unresolved', limit: '200', ...(cursor ? { cursor } : {}) }).toString();
    const response = await fetch(url, { headers: { authorization: 'Bearer luc_api_sandbox_read' } });
    expect(response.status).toBe(200);
    const page = await response.json();
    count += page.issues.length;
    cursor = page.nextCursor;
  } while (cursor);
  return count;
}

describe('pack, install from tarballs, type-check and run a consumer', () => {
  it('resolves every @apiforge package from its tarball, none from the registry', async () => {
    const tree = await dependencyTree(project);
    const client = tree.dependencies['@apiforge/lucent-client'];
    expect(client.resolved).toMatch(/^file:.*\.tgz$/);
    expect(client.dependencies['@apiforge/client-core'].resolved ?? tree.dependencies['@apiforge/client-core'].resolved).toMatch(/\.tgz$/);
    expect(tree.dependencies['@apiforge/lucent-openapi'].resolved).toMatch(/^file:.*\.tgz$/);
  });

  it('type-checks the consumer against the installed declarations (skipLibCheck off, Node types, no DOM lib)', async () => {
    expect(await typecheckConsumer(project)).toBe('');
  });

  it('runs the consumer against the sandbox', async () => {
    const result = await runConsumer(project, { SANDBOX_URL: sandbox.url });
    expect(result).toMatchObject({ specVersion: '3.1.0', specFile: true, firstPage: 50, allUnresolved: true });
    expect(result.paths).toBeGreaterThan(0);
    expect(result.unresolved).toBeGreaterThan(0);
    expect(result.unresolved).toBe(await countUnresolved(sandbox.url));
  });
});
