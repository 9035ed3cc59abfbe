import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OPERATIONS, operationSamples, sampleSetup, type OperationId, type SampleArgs } from '../src/index.js';
import { typecheck } from './support/typecheck.js';

type Json = Record<string, unknown>;
const spec = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@apiforge/lucent-openapi/openapi.json'), 'utf8')) as Json;

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

/** Example values the way the docs helper would take them from the spec. */
function exampleArgs(operationId: OperationId): SampleArgs {
  for (const item of Object.values(spec.paths as Record<string, Json>)) {
    for (const [method, operation] of Object.entries(item)) {
      if (method === 'parameters' || (operation as Json).operationId !== operationId) continue;
      const args: SampleArgs = {};
      const parameters = [...((item.parameters as unknown[]) ?? []), ...(((operation as Json).parameters as unknown[]) ?? [])].map(resolve);
      for (const parameter of parameters) {
        const schema = resolve(parameter.schema);
        const value = parameter.example ?? schema.default ?? (schema.enum as unknown[] | undefined)?.[0];
        if (value === undefined) continue;
        if (parameter.in === 'path') args.path = { ...args.path, [parameter.name as string]: value };
        if (parameter.in === 'query') args.query = { ...args.query, [parameter.name as string]: value };
      }
      const content = (resolve((operation as Json).requestBody)?.content as Json | undefined)?.['application/json'] as Json | undefined;
      const example = content ? Object.values((content.examples as Json) ?? {})[0] : undefined;
      if (example) args.body = resolve(example).value;
      return args;
    }
  }
  throw new Error(`No operation ${operationId}`);
}

describe('operationSamples', () => {
  it('renders the idiomatic call for each operation', () => {
    expect(operationSamples.listIssues({ query: { status: 'unresolved', limit: 25 } })).toBe(
      "const page = await client.issues.list({ status: 'unresolved', limit: 25 });",
    );
    expect(operationSamples.listIssues()).toBe('const page = await client.issues.list();');
    expect(operationSamples.getIssue({ path: { issueId: '87b3a6b6-5af5-438b-a39c-eff148a68ccb' } })).toBe(
      "const issue = await client.issues.get('87b3a6b6-5af5-438b-a39c-eff148a68ccb');",
    );
    expect(
      operationSamples.updateIssueStatus({ path: { issueId: '87b3a6b6-5af5-438b-a39c-eff148a68ccb' }, body: { status: 'resolved' } }),
    ).toBe("const issue = await client.issues.updateStatus('87b3a6b6-5af5-438b-a39c-eff148a68ccb', { status: 'resolved' });");
    expect(operationSamples.listSignals({ query: { limit: 50 } })).toBe('const page = await client.signals.list({ limit: 50 });');
    expect(operationSamples.listInsights({ query: { cursor: "it's" } })).toBe(
      "const page = await client.insights.list({ cursor: 'it\\'s' });",
    );
  });

  it('breaks long bodies over lines', () => {
    const sample = operationSamples.submitReplayBatch(exampleArgs('submitReplayBatch'));
    expect(sample.startsWith('const result = await ingest.replay.submit({\n  session: {')).toBe(true);
    expect(sample.endsWith('\n});')).toBe(true);
    for (const line of sample.split('\n')) expect(line.length).toBeLessThanOrEqual(120);
  });

  it('renders calls that compile against the built package, for every operation, from the spec examples', () => {
    const dir = fileURLToPath(new URL('../test-output/samples/', import.meta.url));
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const files = (Object.keys(OPERATIONS) as OperationId[]).map((id) => {
      const file = `${dir}${id}.ts`;
      writeFileSync(file, `${sampleSetup(id)}\n\n${operationSamples[id](exampleArgs(id))}\n`);
      return file;
    });
    const broken = `${dir}broken.ts`;
    writeFileSync(broken, `${sampleSetup('updateIssueStatus')}\n\n${operationSamples.updateIssueStatus({ body: { status: 'closed' } })}\n`);
    expect(typecheck(files)).toEqual([]);
    // The check has teeth: an invalid status in the example does not compile.
    expect(typecheck([broken]).join('\n')).toContain("'\"closed\"' is not assignable");
  });
});
