import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { specExampleArgs, typecheckFiles } from '@apiforge/client-gen/testing';
import { describe, expect, it } from 'vitest';
import { OPERATIONS, operationSamples, sampleSetup, type OperationId, type SampleArgs } from '../src/index.js';

const spec: unknown = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@apiforge/luludesk-openapi/openapi.json'), 'utf8'));
const root = fileURLToPath(new URL('..', import.meta.url));
const exampleArgs = (operationId: OperationId): SampleArgs => specExampleArgs(spec, operationId);

describe('operationSamples', () => {
  it('renders the idiomatic call of each operation, the workspace coming from the client', () => {
    expect(operationSamples.getInsights(exampleArgs('getInsights'))).toBe('const summary = await client.insights.get();');
    expect(operationSamples.getUsage()).toBe('const usage = await client.usage.get();');
    expect(operationSamples.listHandoffs(exampleArgs('listHandoffs'))).toBe(
      "const page = await client.handoffs.list({ status: 'pending', limit: 50, before: '2026-05-16T14:07:22.000Z' });",
    );
    expect(operationSamples.listKnowledgeSources({ query: { page: 2 } })).toBe('const page = await client.knowledgeSources.list({ page: 2 });');
    expect(sampleSetup('listConversations')).toContain('new LuluDeskClient({');
  });

  it('covers every operation of the spec and compiles against the built package', () => {
    const dir = `${root}test-output/samples`;
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const files = (Object.keys(OPERATIONS) as OperationId[]).map((id) => {
      const file = `${dir}/${id}.ts`;
      writeFileSync(file, `${sampleSetup(id)}\n\n${operationSamples[id](exampleArgs(id))}\nexport {};\n`);
      return file;
    });
    expect(files).toHaveLength(5);
    expect(typecheckFiles(root, files)).toEqual([]);
  });
});
