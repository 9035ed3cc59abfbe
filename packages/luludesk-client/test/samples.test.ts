import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { typecheckFiles } from '@apiforge/client-gen/testing';
import { describe, expect, it } from 'vitest';
import { OPERATIONS, operationSamples, sampleSetup, type OperationId, type SampleArgs } from '../src/index.js';

type Json = Record<string, unknown>;
const spec = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@apiforge/luludesk-openapi/openapi.json'), 'utf8')) as Json;
const root = fileURLToPath(new URL('..', import.meta.url));

function resolve(node: unknown): Json {
  let current = node as Json;
  while (current && typeof current.$ref === 'string') {
    current = (current.$ref as string)
      .slice(2)
      .split('/')
      .reduce<unknown>((value, key) => (value as Json)[key], spec) as Json;
  }
  return current;
}

/** Example values the way the docs take them from the spec: each parameter's example. */
function exampleArgs(operationId: OperationId): SampleArgs {
  for (const item of Object.values(spec.paths as Record<string, Json>)) {
    const operation = item.get as Json | undefined;
    if (operation?.operationId !== operationId) continue;
    const args: SampleArgs = {};
    for (const parameter of [...((item.parameters as unknown[]) ?? []), ...((operation.parameters as unknown[]) ?? [])].map(resolve)) {
      if (parameter.example === undefined) continue;
      if (parameter.in === 'path') args.path = { ...args.path, [parameter.name as string]: parameter.example };
      if (parameter.in === 'query') args.query = { ...args.query, [parameter.name as string]: parameter.example };
    }
    return args;
  }
  throw new Error(`No operation ${operationId}`);
}

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
