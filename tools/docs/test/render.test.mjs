import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderApi } from '../src/render.mjs';
import { operations } from '../src/spec-walk.mjs';
import { apiNames, readBundledSpec } from '../src/workspace.mjs';

const outDir = await mkdtemp(join(tmpdir(), 'apiforge-docs-'));
afterAll(() => rm(outDir, { recursive: true, force: true }));
const [api] = await apiNames();

describe('rendering without a client package', () => {
  it('still gives every operation a curl sample, and nothing else', async () => {
    const result = await renderApi(api, { outDir, loadSamples: async () => undefined });
    for (const { operation } of operations(result.spec)) {
      expect(operation['x-codeSamples'].map((sample) => sample.label)).toEqual(['curl']);
    }
    expect(result.typescriptSources).toEqual({});
  });

  it('writes a self-contained folder: page, spec, vendored renderer; no remote URL in the page shell', async () => {
    const { dir } = await renderApi(api, { outDir, loadSamples: async () => undefined });
    expect((await readdir(dir)).sort()).toEqual(
      ['changelog.html', 'index.html', 'openapi.json', 'redoc.standalone.js', 'redoc.standalone.js.LICENSE.txt'],
    );
    const html = await readFile(join(dir, 'index.html'), 'utf8');
    expect(html).toContain('<script src="./redoc.standalone.js"></script>');
    expect(html).not.toMatch(/<(link|script)[^>]+(href|src)="(https?:)?\/\//);
    expect(await readFile(join(dir, 'redoc.standalone.js'), 'utf8')).not.toContain('cdn.redoc.ly');
  });
});

describe('rendering with a client package', () => {
  const spec = readBundledSpec(api);
  const ids = [...operations(spec)].map((e) => e.operation.operationId);

  it('adds the client sample after curl, built from the example arguments', async () => {
    const calls = [];
    const samples = Object.fromEntries(ids.map((id) => [id, (args) => (calls.push([id, args]), `const result = await client.${id}();`)]));
    const setup = (id) => `import { ${id} } from 'fake';`;
    const result = await renderApi(api, {
      outDir,
      loadSamples: async () => ({ packageName: 'fake', packageDir: outDir, samples, setup }),
      loadSandbox: async () => undefined,
    });
    for (const { operation } of operations(result.spec)) {
      const labels = operation['x-pagination'] ? ['curl', 'TypeScript', 'TypeScript: every page'] : ['curl', 'TypeScript'];
      expect(operation['x-codeSamples'].map((sample) => sample.label)).toEqual(labels);
      expect(operation['x-codeSamples'][1].source).toBe(
        `import { ${operation.operationId} } from 'fake';\n\nconst result = await client.${operation.operationId}();`,
      );
    }
    // Each paginated operation is rendered twice: its sample and its walk over every page.
    expect([...new Set(calls.map(([id]) => id))]).toEqual(ids);
    for (const [, args] of calls) expect(Object.keys(args).sort()).toEqual(['body', 'path', 'query']);
  });

  it('refuses a client that lacks a sample for an operation', async () => {
    const samples = Object.fromEntries(ids.slice(1).map((id) => [id, () => 'x']));
    await expect(
      renderApi(api, { outDir, loadSamples: async () => ({ packageName: 'fake', packageDir: outDir, samples }), loadSandbox: async () => undefined }),
    ).rejects.toThrow(
      `fake: operationSamples has no sample for ${ids[0]}`,
    );
  });
});

describe('what partners read', () => {
  it('says every assumption where it applies, lists the sources, and leaves maintainer notes out', async () => {
    for (const name of await apiNames()) {
      const bundled = readBundledSpec(name);
      const { spec } = await renderApi(name, { outDir, loadSamples: async () => undefined });
      const text = JSON.stringify(spec);
      expect(text).not.toContain('x-maintainer-notes');
      expect(spec.info.description).toContain('## Sources');
      for (const source of Object.values(bundled['x-sources'])) expect(spec.info.description).toContain(source.title);
      const assumptions = [];
      const walk = (node) => {
        if (!node || typeof node !== 'object') return;
        if (typeof node['x-assumption'] === 'string') assumptions.push(node);
        for (const [key, value] of Object.entries(node)) if (key !== 'examples' && key !== 'example') walk(value);
      };
      walk(spec);
      for (const node of assumptions) {
        if (node.schema && !node.description) continue; // a media type: its note is on the body or response
        expect(node.description).toContain('Our assumption, not documented by the vendor:');
      }
      if (name === 'lucent') expect(JSON.stringify(spec.paths['/api/sdk/replay'].post.requestBody)).toContain('text/plain: Lucent documents JSON bodies');
      const rendered = await readFile(join(outDir, name, 'openapi.json'), 'utf8');
      expect(rendered).not.toContain('x-maintainer-notes');
    }
  });
});
