import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lucentSpec, startTestSandbox, TOKENS, type TestSandbox } from './support/http.js';

/**
 * Property-based: every replay batch generated from the spec's ReplayBatch schema is accepted (nulls where
 * the schema allows them, unknown fields on every object, fractional numbers, any integer event type), and a
 * generated batch with exactly one documented rule broken is refused with exactly that Zod issue.
 * Every answer is also checked against the spec (the test sandbox's conformance check).
 */

type Schema = Record<string, unknown>;
const RUNS = Number(process.env.LUCENT_PROPERTY_RUNS ?? 150);
// Fixed so a failure reproduces; fast-check prints the seed and the shrunk counterexample.
const SEED = Number(process.env.LUCENT_PROPERTY_SEED ?? 20261204);

function resolve(schema: unknown): Schema {
  let node = schema as Schema;
  for (let hops = 0; hops < 16 && typeof node['$ref'] === 'string'; hops++) {
    node = (node['$ref'] as string)
      .replace(/^#\//, '')
      .split('/')
      .reduce<any>((at, part) => at[part.replace(/~1/g, '/').replace(/~0/g, '~')], lucentSpec) as Schema;
  }
  return node;
}

/** Keys no schema names, with any JSON value: the objects of a batch are open. */
const unknownFields = (known: readonly string[]) =>
  fc.dictionary(
    fc.string({ minLength: 1, maxLength: 8 }).filter((key) => !known.includes(key) && key !== '__proto__'),
    fc.jsonValue({ maxDepth: 2 }),
    { maxKeys: 2 },
  );

const anyNumber = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: 1.7e12, max: 1.8e12 }),
  fc.integer(),
);
const anyInteger = (min?: number) =>
  min === undefined ? fc.oneof(fc.integer(), fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER })) : fc.integer({ min, max: Number.MAX_SAFE_INTEGER });

/** Values valid against one schema of the spec (the subset ReplayBatch uses), objects with extra fields. */
function valid(input: unknown, depth = 0): fc.Arbitrary<unknown> {
  if (input === undefined || input === true) return fc.jsonValue({ maxDepth: 2 });
  const schema = resolve(input);
  if (Array.isArray(schema['enum'])) return fc.constantFrom(...(schema['enum'] as unknown[]));
  const declared = schema['type'];
  const types = Array.isArray(declared) ? (declared as string[]) : typeof declared === 'string' ? [declared] : [];
  if (types.length === 0) return fc.jsonValue({ maxDepth: 2 });
  return fc.oneof(...types.map((type) => ofType(schema, type, depth)));
}

function ofType(schema: Schema, type: string, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'string':
      return fc.string({ minLength: (schema['minLength'] as number | undefined) ?? 0, maxLength: 16 });
    case 'number':
      return anyNumber;
    case 'integer':
      return anyInteger(schema['minimum'] as number | undefined);
    case 'array':
      return fc.array(valid(schema['items'], depth + 1), { minLength: (schema['minItems'] as number | undefined) ?? 0, maxLength: 4 });
    default: {
      const properties = (schema['properties'] ?? {}) as Record<string, unknown>;
      const known = Object.keys(properties);
      const record = fc.record(Object.fromEntries(known.map((name) => [name, valid(properties[name], depth + 1)])), {
        requiredKeys: (schema['required'] ?? []) as string[],
      });
      return fc.tuple(unknownFields(known), record).map(([extra, fields]) => ({ ...extra, ...fields }));
    }
  }
}

const replaySchema = resolve(
  (lucentSpec.paths['/api/sdk/replay'] as any).post.requestBody.content['application/json'].schema,
);
const validBatch = valid(replaySchema) as fc.Arbitrary<any>;
/** How the batch travels: plain JSON, gzip, or text/plain as sendBeacon sends it. */
const transport = fc.constantFrom('json', 'gzip', 'beacon');

/** One documented rule broken on an otherwise valid batch, with the one Zod issue it must produce. */
type Breakage = { name: string; apply(batch: any): void; issue: Record<string, unknown> };
const required = (field: string, expected: string): Breakage => ({
  name: `session.${field} missing`,
  apply: (batch) => delete batch.session[field],
  issue: { code: 'invalid_type', expected, received: 'undefined', path: ['session', field], message: 'Required' },
});
const BREAKAGES: Breakage[] = [
  {
    name: 'no events',
    apply: (batch) => (batch.replay.events = []),
    issue: { code: 'too_small', minimum: 1, type: 'array', inclusive: true, exact: false, path: ['replay', 'events'], message: 'Array must contain at least 1 element(s)' },
  },
  required('id', 'string'),
  required('windowId', 'string'),
  required('startedAt', 'number'),
  required('lastActivityAt', 'number'),
  required('url', 'string'),
  {
    name: 'empty windowId',
    apply: (batch) => (batch.session.windowId = ''),
    issue: { code: 'too_small', minimum: 1, type: 'string', inclusive: true, exact: false, path: ['session', 'windowId'], message: 'String must contain at least 1 character(s)' },
  },
  {
    name: 'fractional event type',
    apply: (batch) => (batch.replay.events[0].type = 2.5),
    issue: { code: 'invalid_type', expected: 'integer', received: 'float', path: ['replay', 'events', 0, 'type'], message: 'Expected integer, received float' },
  },
];

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ rateLimitScale: 100 });
});
afterAll(() => sandbox.close());

async function submit(batch: unknown, how: string) {
  const json = JSON.stringify(batch);
  if (how === 'gzip') {
    return sandbox.call('POST', '/api/sdk/replay', {
      headers: { 'x-lucent-api-key': TOKENS.ingest, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(json),
    });
  }
  if (how === 'beacon') {
    return sandbox.call('POST', `/api/sdk/replay?api_key=${TOKENS.ingest}`, { headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: json });
  }
  return sandbox.call('POST', '/api/sdk/replay', { headers: { 'x-lucent-api-key': TOKENS.ingest, 'content-type': 'application/json' }, body: json });
}

describe("Lucent ingest against batches generated from the spec's ReplayBatch schema", () => {
  it('the generator covers what the schema allows: nulls, unknown fields, fractional numbers, any integer event type', () => {
    const samples = fc.sample(validBatch, { numRuns: 300, seed: SEED });
    const some = (test: (batch: any) => boolean) => samples.some(test);
    expect(some((b) => b.page.referrer === null)).toBe(true);
    expect(some((b) => b.page.viewport === null)).toBe(true);
    expect(some((b) => b.metadata === null)).toBe(true);
    expect(some((b) => b.user.id === null)).toBe(true);
    expect(some((b) => b.user.properties === null)).toBe(true);
    expect(some((b) => Object.keys(b).some((k) => !(k in (replaySchema['properties'] as object))))).toBe(true);
    expect(some((b) => !Number.isInteger(b.session.startedAt))).toBe(true);
    expect(some((b) => b.replay.events.some((e: any) => !Number.isInteger(e.timestamp)))).toBe(true);
    expect(some((b) => b.replay.events.some((e: any) => e.type < 0 || e.type > 6))).toBe(true);
  });

  it('accepts every valid batch', async () => {
    await fc.assert(
      fc.asyncProperty(validBatch, transport, async (batch, how) => {
        const result = await submit(batch, how);
        expect({ status: result.status, body: result.json }).toEqual({ status: 200, body: { ok: true } });
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('refuses a batch with one documented rule broken, with exactly that Zod issue', async () => {
    await fc.assert(
      fc.asyncProperty(validBatch, fc.constantFrom(...BREAKAGES), transport, async (batch, breakage, how) => {
        const broken = structuredClone(batch);
        breakage.apply(broken);
        const result = await submit(broken, how);
        expect(result.status, breakage.name).toBe(400);
        expect(result.headers.get('access-control-allow-origin')).toBe('*');
        expect(result.json, breakage.name).toEqual({ error: 'Invalid replay batch', details: [breakage.issue] });
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
