// The real thing: `changeset version` + `changeset publish` (in a temporary copy) to a local Verdaccio, then a
// fresh project installs every package by name and exact version from it and runs the ESM consumers, a
// CommonJS consumer and the published sandbox, our clients' every operation against the published mock,
// and the partner workflows. Published once; every test in this file shares it.
import { execFile } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationIds, runClientsAgainstMock } from '../src/clients-against-mock.mjs';
import { installFromRegistry, runIn, typecheckIn } from '../src/consumer.mjs';
import { startProcess } from '../src/process.mjs';
import { startRegistry } from '../src/registry.mjs';
import { versionAndPublish } from '../src/release.mjs';
import { publicPackages } from '../src/workspace.mjs';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const APIS = ['lucent', 'luludesk', 'lumiqtrace'];
const runFile = promisify(execFile);
const workspaceRequire = createRequire(import.meta.url);
/** Operations of the workspace's built spec (the published one must have the same). */
const workspaceOperationIds = (api) => operationIds(JSON.parse(readFileSync(workspaceRequire.resolve(`@apiforge/${api}-openapi/openapi.json`), 'utf8')));

let workDir;
let registry;
let release;
let project;
const sandboxes = {};
const timings = {};

async function timed(label, work) {
  const started = Date.now();
  try {
    return await work();
  } finally {
    timings[label] = Date.now() - started;
  }
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'apiforge-registry-'));
  registry = await timed('verdaccio', () => startRegistry(join(workDir, 'verdaccio')));
  release = await timed('version+publish', () => versionAndPublish({ workDir, registry: registry.url, token: registry.token }));
  const dependencies = Object.fromEntries(Object.entries(release.versions).map(([name, version]) => [name, version]));
  dependencies['@types/node'] = '20.19.43';
  project = await timed('install', () =>
    installFromRegistry({
      project: join(workDir, 'project'),
      registry: registry.url,
      dependencies,
      fixtures: {
        lucent: join(fixtures, 'consumer'),
        luludesk: join(fixtures, 'consumer-luludesk'),
        lumiqtrace: join(fixtures, 'consumer-lumiqtrace'),
        cjs: join(fixtures, 'consumer-cjs'),
        'clients-against-mock': join(fixtures, 'clients-against-mock'),
      },
    }),
  );
  // The sandbox as published: its bin from the installed package, one process per API.
  const bin = join(project, 'node_modules', '@apiforge', 'sandbox', 'bin', 'sandbox.mjs');
  await timed('sandboxes', () =>
    Promise.all(
      APIS.map(async (api) => {
        sandboxes[api] = await startProcess(process.execPath, [bin, api, '--port', '0', ...(api === 'luludesk' ? ['--rate-limit-scale', '10'] : [])], {
          cwd: project,
          ready: /listening on (http:\/\/\S+)/,
        });
      }),
    ),
  );
});

const mocks = {};

afterAll(async () => {
  await Promise.all([...Object.values(sandboxes), ...Object.values(mocks)].map((server) => server.close()));
  await registry?.close();
  console.log(`registry check timings (ms): ${JSON.stringify(timings)}`);
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const url = (api) => sandboxes[api].match[1];

describe('changeset version + publish to a local registry', () => {
  it('publishes every public package at the version the changesets give, all the same', async () => {
    const names = publicPackages().map((pkg) => pkg.manifest.name);
    expect(Object.keys(release.versions).sort()).toEqual(names.sort());
    const [version] = new Set(Object.values(release.versions));
    expect(new Set(Object.values(release.versions)).size).toBe(1);
    for (const name of names) {
      const response = await fetch(new URL(name.replace('/', '%2f'), registry.url));
      expect(response.status, name).toBe(200);
      const packument = await response.json();
      expect(packument['dist-tags'].latest, name).toBe(version);
      const published = packument.versions[version];
      expect(published.license, name).toBe('MIT');
      // workspace: ranges were rewritten to the released versions
      expect(JSON.stringify(published.dependencies ?? {}), name).not.toContain('workspace:');
    }
  });

  it('installs them by name and version from that registry', async () => {
    const lock = JSON.parse(await readFile(join(project, 'package-lock.json'), 'utf8'));
    for (const [name, version] of Object.entries(release.versions)) {
      const entry = lock.packages[`node_modules/${name}`];
      expect(entry?.version, name).toBe(version);
      // the tarball installed is the one this registry holds (same integrity), not a tarball or a link
      const packument = await (await fetch(new URL(name.replace('/', '%2f'), registry.url))).json();
      expect(entry.integrity, name).toBe(packument.versions[version].dist.integrity);
      if (entry.resolved) expect(entry.resolved.startsWith(registry.url), name).toBe(true);
      expect(entry.link, name).toBeUndefined();
    }
  });
});

describe.each([
  ['lucent', (r) => expect(r).toMatchObject({ specVersion: '3.1.0', specFile: true, firstPage: 50, allUnresolved: true })],
  ['luludesk', (r) => expect(r).toMatchObject({ specVersion: '3.1.0', paths: 5, conversations: 312, allPending: true })],
  ['lumiqtrace', (r) => expect(r).toMatchObject({ specVersion: '3.1.0', paths: 7, batches: 2, consumerEvents: 151, minimalReadBack: true, quotaRefused: true })],
])('%s ESM consumer, installed from the registry', (api, check) => {
  it('type-checks against the published declarations', async () => {
    expect(await typecheckIn(join(project, api))).toBe('');
  });
  it('runs against the published sandbox', async () => {
    check(await runIn(join(project, api), { SANDBOX_URL: url(api) }));
  });
});

describe('CommonJS consumer (module Node16, "type": "commonjs"), installed from the registry', () => {
  it('type-checks with the require-condition declarations', async () => {
    expect(await typecheckIn(join(project, 'cjs'))).toBe('');
  });
  it('require()s the CommonJS builds and runs against the published sandbox', async () => {
    const result = await runIn(join(project, 'cjs'), { LUCENT_URL: url('lucent'), LULUDESK_URL: url('luludesk'), LUMIQTRACE_URL: url('lumiqtrace') });
    expect(result.resolved).toEqual({
      client: '@apiforge/lucent-client/dist/cjs/index.js',
      core: '@apiforge/client-core/dist/cjs/index.js',
      spec: '@apiforge/lucent-openapi/index.cjs',
    });
    expect(result).toMatchObject({ specs: ['3.1.0', '3.1.0', '3.1.0'], issues: 5, refused: 401, conversations: 312, events: 3 });
  });
});

describe('@apiforge/mock, installed from the registry', () => {
  // The published bin (node_modules/.bin/apiforge-mock), one process per API, stopped by PID.
  beforeAll(async () => {
    const bin = join(project, 'node_modules', '.bin', 'apiforge-mock');
    await timed('mocks', () =>
      Promise.all(
        APIS.map(async (api) => {
          mocks[api] = await startProcess(process.execPath, [bin, api, '--port', '0'], { cwd: project, ready: /mock ready on (http:\/\/\S+)/, timeoutMs: 120_000 });
        }),
      ),
    );
  }, 180_000);

  it('depends on Prism 5.14.2 exactly and on the spec packages of its own release', async () => {
    const version = release.versions['@apiforge/mock'];
    const packument = await (await fetch(new URL('@apiforge%2fmock', registry.url))).json();
    const { dependencies, bin } = packument.versions[version];
    expect(dependencies['@stoplight/prism-cli']).toBe('5.14.2');
    for (const api of APIS) expect(dependencies[`@apiforge/${api}-openapi`], api).toBe(version);
    expect(bin['apiforge-mock']).toMatch(/^(\.\/)?bin\/mock\.mjs$/);
  });

  it('finds each spec in the installed spec package, and require() loads it (Node 20.19+ require(esm))', async () => {
    const script = `const mock = require('@apiforge/mock');
console.log(JSON.stringify({ apis: mock.availableApis(), specs: mock.availableApis().map((api) => require('node:fs').realpathSync(mock.specPathFor(api))), start: typeof mock.startMock }));`;
    const { stdout } = await runFile(process.execPath, ['--no-warnings', '--input-type=commonjs', '--eval', script], { cwd: project });
    const result = JSON.parse(stdout.trim().split('\n').at(-1));
    expect(result.apis).toEqual(APIS);
    expect(result.start).toBe('function');
    const installed = realpathSync(join(project, 'node_modules', '@apiforge'));
    expect(result.specs).toEqual(APIS.map((api) => join(installed, `${api}-openapi`, 'dist', 'openapi.yaml')));
  });

  describe.each(APIS)('%s clients from the registry, every operation with their defaults, against the installed mock', (api) => {
    let outcome;
    beforeAll(async () => {
      outcome = await timed(`clients-against-mock ${api}`, () =>
        runClientsAgainstMock({ project, fixtureDir: join(project, 'clients-against-mock'), api, mockUrl: mocks[api].match[1] }),
      );
    }, 200_000);

    it('runs every operation of the published spec', () => {
      expect([...outcome.operationIds].sort()).toEqual([...workspaceOperationIds(api)].sort());
    });

    it.each(workspaceOperationIds(api))('%s gets a documented answer', (operationId) => {
      expect(outcome.results[operationId], operationId).toEqual({ ok: true });
    });
  });
});

describe('partner CI workflows (examples/partner-ci), run locally against the registry', async () => {
  const { readWorkflow, runWorkflow, workflowFiles } = await import('../../../examples/partner-ci/run-locally.mjs');
  const files = workflowFiles();

  it('has a mock and a sandbox workflow per API, with pinned versions and actions', () => {
    expect(files).toEqual(APIS.flatMap((api) => [`${api}-mock.yml`, `${api}-sandbox.yml`]));
    const current = publicPackages()[0].manifest.version;
    for (const file of files) {
      const workflow = readWorkflow(file);
      // the version a partner pins: the last release (the working tree's) or the one these changesets make
      expect([current, release.versions['@apiforge/client-core']], file).toContain(workflow.env.APIFORGE_VERSION);
      const [job] = Object.values(workflow.jobs);
      const runs = job.steps.map((step) => step.run ?? '').join('\n');
      if (file.includes('-mock')) {
        // The published mock at the pinned version (it pins Prism itself), started by its bin.
        const api = file.replace('-mock.yml', '');
        expect(runs, file).toContain('"@apiforge/mock@${APIFORGE_VERSION}"');
        expect(runs, file).toMatch(new RegExp(`npx --no-install apiforge-mock ${api} `));
      }
      expect(job.strategy.matrix.node, file).toEqual(['22', '24']);
      for (const step of job.steps.filter((s) => s.uses)) expect(step.uses, file).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
      expect(JSON.stringify(job.steps), file).not.toMatch(/@latest|@\^|@~/);
    }
  });

  it.each(files)('%s: every run: step passes', async (file) => {
    const version = release.versions['@apiforge/client-core'];
    const result = await runWorkflow(file, { registry: registry.url, version, stepTimeoutMs: 120_000, log: console.log });
    const failed = result.steps.filter((step) => step.code);
    expect(result.error ?? '', file).toBe('');
    expect(failed.map((step) => `${step.name}: exit ${step.code}\n${step.output}`).join('\n'), file).toBe('');
    expect(result.steps.filter((step) => step.code === 0).map((step) => step.name), file).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Run your tests/)]),
    );
  });
});
