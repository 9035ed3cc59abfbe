// Drift review: each kind of disagreement is found, and our provenance marks decide which ones are
// explained (our assumption, or documented by another vendor source).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { bundleSpec } from '../src/bundle.js';
import { driftBetween, type Drift } from '../src/drift/compare.js';
import type { JsonObject } from '../src/diff/resolve.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** A small document of ours: one list operation, marked as in spec/PROVENANCE.md. */
function ours(): JsonObject {
  return {
    openapi: '3.1.0',
    info: { title: 'Ours', version: '1' },
    'x-sources': { vendor: { title: 'Vendor OpenAPI', url: 'https://vendor.test/openapi.json' }, guide: { title: 'Vendor guide', url: 'https://vendor.test/guide' } },
    paths: {
      '/things/{thingId}': {
        get: {
          'x-source': 'vendor',
          parameters: [
            { name: 'thingId', in: 'path', required: true, schema: { type: 'string' }, 'x-source': 'vendor' },
            { name: 'expand', in: 'query', schema: { type: 'string', enum: ['owner', 'tags'] }, 'x-source': 'vendor' },
          ],
          responses: {
            200: {
              'x-source': 'vendor',
              description: 'ok',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
            },
            404: { 'x-source': 'vendor', description: 'missing', content: { 'application/json': { schema: { type: 'object', 'x-source': 'vendor', properties: { error: { type: 'string' } } } } } },
          },
        },
      },
    },
    components: {
      schemas: {
        Thing: {
          type: 'object',
          'x-source': 'vendor',
          required: ['id', 'name'],
          properties: {
            id: { type: 'string' },
            name: { type: 'string' },
            note: { type: ['string', 'null'] },
            kind: { type: 'string', enum: ['a', 'b'] },
            size: { type: 'integer' },
          },
        },
      },
    },
  };
}

/** The same facts in the vendor's (OpenAPI 3.0) style: nullable, inline schemas, other parameter names. */
function theirs(): JsonObject {
  return {
    openapi: '3.0.3',
    info: { title: 'Vendor', version: '1' },
    paths: {
      '/things/{id}': {
        get: {
          parameters: [
            { name: 'thingId', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'expand', in: 'query', schema: { type: 'string', enum: ['tags', 'owner'] } },
          ],
          responses: {
            200: {
              description: 'ok',
              content: {
                'application/json': {
                  schema: {
                    allOf: [
                      { type: 'object', required: ['id'], properties: { id: { type: 'string' }, note: { type: 'string', nullable: true } } },
                      { type: 'object', required: ['name'], properties: { name: { type: 'string' }, kind: { type: 'string', enum: ['b', 'a'] }, size: { type: 'integer' } } },
                    ],
                  },
                },
              },
            },
            404: { description: 'missing', content: { 'application/json': { schema: { type: 'object', properties: { error: { type: 'string' } } } } } },
          },
        },
      },
    },
  };
}

const only = (drifts: Drift[]) => drifts.map(({ kind, where, ours: o, theirs: t, verdict }) => ({ kind, where, ours: o, theirs: t, verdict }));
const thing = (doc: JsonObject) => (doc.components as any)?.schemas?.Thing ?? (doc.paths as any)['/things/{id}'].get.responses[200].content['application/json'].schema.allOf[1];

describe('drift review', () => {
  it('finds nothing when both documents say the same in different styles (3.0 nullable, allOf, parameter names, enum order)', () => {
    expect(driftBetween(ours(), theirs(), { againstSource: 'vendor' })).toEqual([]);
  });

  it('reports an operation, a status, a property and a parameter that only the vendor documents', () => {
    const vendor = theirs() as any;
    vendor.paths['/things'] = { post: { responses: { 201: { description: 'made' } } } };
    vendor.paths['/things/{id}'].get.responses[429] = { description: 'slow down' };
    vendor.paths['/things/{id}'].get.responses[200].content['application/json'].schema.allOf[0].properties.colour = { type: 'string' };
    vendor.paths['/things/{id}'].get.parameters.push({ name: 'X-Trace', in: 'header', schema: { type: 'string' } });
    expect(only(driftBetween(ours(), vendor, { againstSource: 'vendor' }))).toEqual([
      { kind: 'operation', where: 'POST /things', ours: 'absent', theirs: 'defined', verdict: 'disagreement' },
      { kind: 'parameter', where: 'GET /things/{} header x-trace parameter', ours: 'absent', theirs: 'defined', verdict: 'disagreement' },
      { kind: 'status', where: 'GET /things/{} → 429', ours: 'absent', theirs: 'documented', verdict: 'disagreement' },
      { kind: 'property', where: 'GET /things/{} → 200 body colour', ours: 'absent', theirs: 'defined', verdict: 'disagreement' },
    ]);
  });

  it('reports required, nullability, type and enum differences, and parameter differences', () => {
    const vendor = theirs() as any;
    const [first, second] = vendor.paths['/things/{id}'].get.responses[200].content['application/json'].schema.allOf;
    second.required = [];
    first.properties.note = { type: 'string' };
    second.properties.size = { type: 'number' };
    second.properties.kind.enum = ['a', 'b', 'c'];
    vendor.paths['/things/{id}'].get.parameters[1] = { name: 'expand', in: 'query', required: true, schema: { type: 'integer' } };
    expect(only(driftBetween(ours(), vendor, { againstSource: 'vendor' }))).toEqual([
      { kind: 'parameter-required', where: 'GET /things/{} query expand parameter', ours: 'false', theirs: 'true', verdict: 'disagreement' },
      { kind: 'parameter-type', where: 'GET /things/{} query expand parameter', ours: 'string', theirs: 'integer', verdict: 'disagreement' },
      { kind: 'parameter-enum', where: 'GET /things/{} query expand parameter', ours: 'owner, tags', theirs: 'any value', verdict: 'disagreement' },
      { kind: 'required', where: 'GET /things/{} → 200 body name', ours: 'required', theirs: 'optional', verdict: 'disagreement' },
      { kind: 'nullability', where: 'GET /things/{} → 200 body note', ours: 'nullable', theirs: 'not nullable', verdict: 'disagreement' },
      { kind: 'enum', where: 'GET /things/{} → 200 body kind', ours: 'a, b', theirs: 'a, b, c', verdict: 'disagreement' },
      { kind: 'type', where: 'GET /things/{} → 200 body size', ours: 'integer', theirs: 'number', verdict: 'disagreement' },
    ]);
  });

  it('explains what we marked: an assumption stays listed as ours, a fact from another vendor source as documented elsewhere', () => {
    const mine = ours() as any;
    thing(mine).properties.size['x-assumption'] = 'The vendor is silent on the unit; we chose whole bytes, the common convention.';
    mine.paths['/things/{thingId}'].get.responses[413] = { 'x-assumption': 'The sandbox bounds bodies; no source names a limit.', description: 'too big' };
    mine.paths['/things/{thingId}'].get.responses[403] = { 'x-source': 'guide', description: 'forbidden' };
    thing(mine).properties.colour = { type: 'string', 'x-source': 'guide' };
    const vendor = theirs() as any;
    vendor.paths['/things/{id}'].get.responses[200].content['application/json'].schema.allOf[1].properties.size = { type: 'number' };
    const drifts = driftBetween(mine, vendor, { againstSource: 'vendor' });
    expect(only(drifts)).toEqual([
      { kind: 'status', where: 'GET /things/{} → 403', ours: 'documented', theirs: 'absent', verdict: 'other-source' },
      { kind: 'status', where: 'GET /things/{} → 413', ours: 'documented', theirs: 'absent', verdict: 'assumption' },
      { kind: 'type', where: 'GET /things/{} → 200 body size', ours: 'integer', theirs: 'number', verdict: 'assumption' },
      { kind: 'property', where: 'GET /things/{} → 200 body colour', ours: 'defined', theirs: 'absent', verdict: 'other-source' },
    ]);
    expect(drifts[1]!.because).toMatch(/bounds bodies/);
    expect(drifts[0]!.because).toBe('documented by guide');
  });

  it('a fact we attribute to the compared document itself is a disagreement when that document lacks it', () => {
    const mine = ours() as any;
    thing(mine).properties.colour = { type: 'string' };
    expect(only(driftBetween(mine, theirs(), { againstSource: 'vendor' }))).toEqual([
      { kind: 'property', where: 'GET /things/{} → 200 body colour', ours: 'defined', theirs: 'absent', verdict: 'disagreement' },
    ]);
  });

  it("holds our Lucent spec to Lucent's documented models (a fixture we wrote): only our listed assumptions differ", async () => {
    const lucent = await bundleSpec(repoRoot, 'spec/lucent/openapi.yaml');
    const fixture = YAML.parse(readFileSync(new URL('./fixtures/drift/lucent-documented-models.yaml', import.meta.url), 'utf8')) as JsonObject;
    const drifts = driftBetween(lucent, fixture, { againstSource: 'lucent-openapi' });
    expect(drifts.filter((d) => d.verdict === 'disagreement')).toEqual([]);
    expect(drifts.filter((d) => d.verdict === 'assumption').map((d) => d.where).sort()).toEqual([
      'PATCH /api/v1/issues/{} → 413',
      'POST /api/sdk/replay → 409',
      'POST /api/sdk/replay → 413',
      'POST /api/sdk/replay → 415',
    ]);
    // Each of those is listed in the spec's own description of what goes beyond Lucent's documentation.
    expect(String((lucent.info as JsonObject).description)).toMatch(/413[\s\S]*415[\s\S]*409[\s\S]*status update body over 1 MiB gets 413/);
  }, 60_000);
});
