// Pack-and-install for the second API's client: the same consumer check as Lucent's, run against the LuluDesk sandbox.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '@apiforge/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dependencyTree, installConsumer, runConsumer, typecheckConsumer } from '../src/consumer.mjs';

const fixture = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'consumer-luludesk');
const PACKAGES = ['@apiforge/client-core', '@apiforge/luludesk-client', '@apiforge/luludesk-openapi'];

let workDir;
let project;
let sandbox;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'apiforge-consumer-luludesk-'));
  project = await installConsumer({ packages: PACKAGES, fixture, workDir });
  sandbox = await startSandbox({ api: 'luludesk', port: 0, host: '127.0.0.1', rateLimitScale: 10 });
});

afterAll(async () => {
  await sandbox?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** Pending handoffs counted with plain fetch, independently of the client's `before` walk. */
async function countPending(baseUrl) {
  const url = new URL('/api/v1/workspaces/550e8400-e29b-41d4-a716-446655440000/handoffs?status=pending&limit=200', baseUrl);
  const response = await fetch(url, { headers: { authorization: 'Bearer lld_0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a' } });
  expect(response.status).toBe(200);
  const page = await response.json();
  expect(page.meta.has_more).toBe(false);
  return page.data.length;
}

describe('LuluDesk: pack, install from tarballs, type-check and run a consumer', () => {
  it('resolves every @apiforge package from its tarball', async () => {
    const tree = await dependencyTree(project);
    for (const name of PACKAGES) {
      const node = tree.dependencies[name] ?? tree.dependencies['@apiforge/luludesk-client'].dependencies[name];
      expect(node.resolved, name).toMatch(/^file:.*\.tgz$/);
    }
  });

  it('type-checks the consumer against the installed declarations', async () => {
    expect(await typecheckConsumer(project)).toBe('');
  });

  it('runs the consumer against the LuluDesk sandbox', async () => {
    const result = await runConsumer(project, { SANDBOX_URL: sandbox.url });
    expect(result).toMatchObject({ specVersion: '3.1.0', paths: 5, conversations: 312, allPending: true });
    expect(result.pending).toBe(await countPending(sandbox.url));
    expect(result.details).toEqual([{ field: 'limit', value: '101', constraint: 'integer between 1 and 100' }]);
  });
});
