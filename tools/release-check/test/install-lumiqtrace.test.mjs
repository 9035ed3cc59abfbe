// Pack-and-install for the third API's client: the same consumer check, run against the LumiqTrace sandbox.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '@apiforge/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dependencyTree, installConsumer, runConsumer, typecheckConsumer } from '../src/consumer.mjs';

const fixture = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'consumer-lumiqtrace');
const PACKAGES = ['@apiforge/client-core', '@apiforge/lumiqtrace-client', '@apiforge/lumiqtrace-openapi'];

let workDir;
let project;
let sandbox;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'apiforge-consumer-lumiqtrace-'));
  project = await installConsumer({ packages: PACKAGES, fixture, workDir });
  sandbox = await startSandbox({ api: 'lumiqtrace', port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await sandbox?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('LumiqTrace: pack, install from tarballs, type-check and run a consumer', () => {
  it('resolves every @apiforge package from its tarball', async () => {
    const tree = await dependencyTree(project);
    for (const name of PACKAGES) {
      const node = tree.dependencies[name] ?? tree.dependencies['@apiforge/lumiqtrace-client'].dependencies[name];
      expect(node.resolved, name).toMatch(/^file:.*\.tgz$/);
    }
  });

  it('type-checks the consumer against the installed declarations', async () => {
    expect(await typecheckConsumer(project)).toBe('');
  });

  it('runs the consumer against the LumiqTrace sandbox', async () => {
    const result = await runConsumer(project, { SANDBOX_URL: sandbox.url });
    expect(result).toEqual({ specVersion: '3.1.0', paths: 7, batches: 2, consumerEvents: 151, minimalReadBack: true, quotaRefused: true });
  });
});
