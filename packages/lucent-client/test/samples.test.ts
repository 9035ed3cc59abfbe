import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OPERATIONS, operationSamples, sampleSetup, type OperationId, type SampleArgs } from '../src/index.js';
import { specExampleArgs, typecheckFiles } from '@apiforge/client-gen/testing';

type Json = Record<string, unknown>;
const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const spec = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@apiforge/lucent-openapi/openapi.json'), 'utf8')) as Json;

/** Example values the way the docs helper takes them from the spec. */
function exampleArgs(operationId: OperationId): SampleArgs {
  return specExampleArgs(spec, operationId) as SampleArgs;
}

describe('operationSamples', () => {
  it('renders the idiomatic call for each operation', () => {
    expect(operationSamples.listIssues({ query: { status: 'unresolved', limit: 25 } })).toBe(
      "const page = await client.issues.list({ status: 'unresolved', limit: 25 });",
    );
    expect(operationSamples.listIssues()).toBe('const page = await client.issues.list();');
    expect(operationSamples.getIssue({ path: { issueId: '87b3a6b6-5af5-438b-a39c-eff148a68ccb' } })).toBe(
      "const { issue } = await client.issues.get('87b3a6b6-5af5-438b-a39c-eff148a68ccb');",
    );
    expect(
      operationSamples.updateIssueStatus({ path: { issueId: '87b3a6b6-5af5-438b-a39c-eff148a68ccb' }, body: { status: 'resolved' } }),
    ).toBe("const { issue } = await client.issues.updateStatus('87b3a6b6-5af5-438b-a39c-eff148a68ccb', { status: 'resolved' });");
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
    expect(typecheckFiles(packageRoot, files)).toEqual([]);
    // The check has teeth: an invalid status in the example does not compile.
    expect(typecheckFiles(packageRoot, [broken]).join('\n')).toContain("'\"closed\"' is not assignable");
  });
});
