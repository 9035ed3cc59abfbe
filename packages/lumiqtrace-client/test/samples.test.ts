import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { OPERATION_META, operationSamples, sampleSetup, type OperationId } from '../src/index.js';

const require = createRequire(import.meta.url);
const spec = JSON.parse(require('node:fs').readFileSync(require.resolve('@apiforge/lumiqtrace-openapi/openapi.json'), 'utf8'));
const here = dirname(fileURLToPath(import.meta.url));

/** The spec's first example of each parameter and of the request body, as tools/docs passes them. */
function exampleArgs(id: OperationId) {
  const meta = OPERATION_META[id];
  const op = spec.paths[meta.path][meta.method.toLowerCase()];
  const params = [...(spec.paths[meta.path].parameters ?? []), ...(op.parameters ?? [])].map((p: { $ref?: string }) =>
    p.$ref ? spec.components.parameters[p.$ref.split('/').pop()!] : p,
  );
  const path: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  for (const p of params) if (p.example !== undefined) (p.in === 'path' ? path : p.in === 'query' ? query : {})[p.name] = p.example;
  const media = op.requestBody && (Object.values(op.requestBody.content)[0] as { examples?: Record<string, { $ref?: string; value?: unknown }> });
  const example = media?.examples && Object.values(media.examples)[0];
  const body = example?.$ref ? spec.components.examples[example.$ref.split('/').pop()!].value : example?.value;
  return { path, query, body };
}

describe('operationSamples', () => {
  it('renders the idiomatic call of every operation', () => {
    expect(Object.keys(operationSamples).sort()).toEqual(Object.keys(OPERATION_META).sort());
    expect(operationSamples.listEvents({ query: { projectId: 'proj_7f3k2m', limit: 50 } })).toBe(
      "const page = await client.events.list({ projectId: 'proj_7f3k2m', limit: 50 });",
    );
    expect(operationSamples.getTrace({ path: { traceId: 'run-1' }, query: { projectId: 'p' } })).toBe(
      "const spans = await client.traces.get('run-1', { projectId: 'p' });",
    );
    expect(operationSamples.ingestEvents({ body: { event_id: 'e' } })).toBe("const result = await ingest.send([{ event_id: 'e' }]);");
    expect(sampleSetup('ingestEvents')).toContain('new LumiqTraceIngestClient');
  });

  it('compiles with the spec examples against this package', async () => {
    const dir = join(here, '..', 'test-output', 'samples');
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const ids = Object.keys(OPERATION_META) as OperationId[];
    for (const id of ids) {
      const source = `${sampleSetup(id).replace("'@apiforge/lumiqtrace-client'", "'../../src/index.js'")}\n\n${operationSamples[id](exampleArgs(id))}\nexport {};\n`;
      await writeFile(join(dir, `${id}.ts`), source);
    }
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ extends: '../../../../tsconfig.base.json', compilerOptions: { noEmit: true, types: ['node'], lib: ['ES2023', 'DOM'] }, include: ['*.ts'] }),
    );
    const tsc = require.resolve('typescript/bin/tsc');
    const output = await promisify(execFile)(process.execPath, [tsc, '-p', dir]).then(() => '', (error: { stdout?: string }) => error.stdout ?? String(error));
    expect(output).toBe('');
  }, 60_000);
});
