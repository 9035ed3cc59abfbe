// Each house rule must fire on a spec that breaks it, and stay quiet on one that follows them all.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lint } from '@apiforge/spec-build';
import { beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';

const pluginPath = new URL('../plugin.js', import.meta.url).pathname;

const config = {
  plugins: [pluginPath],
  extends: ['recommended'],
  rules: {
    'no-server-example.com': 'off',
    'house/response-example': 'error',
    'house/error-response-schema': { severity: 'error', schema: 'ErrorResponse' },
    'house/error-no-store': 'error',
    'house/unauthorized-challenge': 'error',
    'house/rate-limit-headers': 'error',
    'house/list-pagination': { severity: 'error', limitParam: 'limit', cursorParams: ['cursor'] },
    'house/no-nullable': 'error',
    'house/operation-scopes': 'error',
    'house/provenance': 'error',
  },
};

const errorBody = (message) => ({
  'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' }, example: { error: message } },
});
const noStore = { 'Cache-Control': { $ref: '#/components/headers/NoStore' } };

/** A small spec that follows every house rule. Each case below breaks exactly one. */
function goodSpec() {
  return {
    openapi: '3.1.0',
    info: { title: 'Fixture', version: '1.0.0', license: { name: 'MIT', identifier: 'MIT' } },
    'x-sources': { vendor: { title: 'Vendor reference', url: 'https://docs.fixture.test/api' } },
    servers: [{ url: 'https://api.fixture.test' }],
    security: [{ bearerAuth: ['read:things'] }],
    tags: [{ name: 'Things', description: 'Things.' }],
    paths: {
      '/things': {
        get: {
          operationId: 'listThings',
          'x-source': 'vendor',
          summary: 'List things',
          description: 'Lists things.',
          tags: ['Things'],
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 }, 'x-source': 'vendor' },
            { name: 'cursor', in: 'query', schema: { type: 'string' }, 'x-source': 'vendor' },
          ],
          responses: {
            200: {
              description: 'A page.',
              'x-source': 'vendor',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    'x-source': 'vendor',
                    properties: {
                      things: { type: 'array', items: { type: 'string' } },
                      nextCursor: { type: ['string', 'null'] },
                    },
                  },
                  example: { things: ['a'], nextCursor: null },
                },
              },
            },
            401: {
              description: 'No token.',
              'x-source': 'vendor',
              headers: { ...noStore, 'WWW-Authenticate': { schema: { type: 'string' }, example: 'Bearer', 'x-source': 'vendor' } },
              content: errorBody('Missing token'),
            },
            429: {
              description: 'Slow down.',
              'x-assumption': 'The vendor names no rate limit; the sandbox answers 429 past its own limit.',
              headers: {
                ...noStore,
                'Retry-After': { schema: { type: 'integer' }, example: 1, 'x-source': 'vendor' },
                'X-RateLimit-Limit': { schema: { type: 'integer' }, example: 10, 'x-assumption': 'Conventional header; optional.' },
                'X-RateLimit-Remaining': { schema: { type: 'integer' }, example: 0, 'x-assumption': 'Conventional header; optional.' },
                'X-RateLimit-Reset': { schema: { type: 'integer' }, example: 1, 'x-assumption': 'Conventional header; optional.' },
              },
              content: errorBody('Rate limit exceeded'),
            },
          },
        },
      },
    },
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
      headers: { NoStore: { schema: { type: 'string', const: 'no-store' }, example: 'no-store', 'x-source': 'vendor' } },
      schemas: {
        ErrorResponse: { type: 'object', 'x-source': 'vendor', required: ['error'], properties: { error: { type: 'string' } } },
      },
    },
  };
}

const listThings = (spec) => spec.paths['/things'].get;

const cases = [
  {
    rule: 'house/response-example',
    message: 'Response 200 (application/json) needs at least one example.',
    breakIt: (spec) => delete listThings(spec).responses[200].content['application/json'].example,
  },
  {
    rule: 'house/error-response-schema',
    message: 'Error response 401 (application/json) must use the shared ErrorResponse schema by $ref.',
    breakIt: (spec) => {
      listThings(spec).responses[401].content['application/json'].schema = { type: 'object', 'x-source': 'vendor', properties: { message: { type: 'string' } } };
      listThings(spec).responses[401].content['application/json'].example = { message: 'x' };
    },
  },
  {
    rule: 'house/error-no-store',
    message: 'Error response 429 must declare the header Cache-Control: no-store.',
    breakIt: (spec) => delete listThings(spec).responses[429].headers['Cache-Control'],
  },
  {
    rule: 'house/unauthorized-challenge',
    message: 'Response 401 must declare the WWW-Authenticate header.',
    breakIt: (spec) => delete listThings(spec).responses[401].headers['WWW-Authenticate'],
  },
  {
    rule: 'house/rate-limit-headers',
    message: 'Response 429 must declare the headers Retry-After, X-RateLimit-Reset.',
    breakIt: (spec) => {
      delete listThings(spec).responses[429].headers['Retry-After'];
      delete listThings(spec).responses[429].headers['X-RateLimit-Reset'];
    },
  },
  {
    rule: 'house/list-pagination',
    message: 'List operation listThings must have a cursor query parameter (cursor).',
    breakIt: (spec) => listThings(spec).parameters.pop(),
  },
  {
    rule: 'house/no-nullable',
    message: 'Use type: [<type>, "null"] instead of the OpenAPI 3.0 keyword `nullable`.',
    breakIt: (spec) => {
      listThings(spec).responses[200].content['application/json'].schema.properties.nextCursor = { type: 'string', nullable: true };
    },
  },
  {
    rule: 'house/operation-scopes',
    message: 'Operation listThings must list the scopes it needs for "bearerAuth" in its security requirement.',
    breakIt: (spec) => {
      listThings(spec).security = [{ bearerAuth: [] }];
    },
  },
  {
    rule: 'house/provenance',
    message: 'Operation needs x-source (a documented fact) or x-assumption (our choice).',
    breakIt: (spec) => delete listThings(spec)['x-source'],
  },
  {
    rule: 'house/provenance',
    message: 'Parameter "limit" needs x-source (a documented fact) or x-assumption (our choice).',
    breakIt: (spec) => delete listThings(spec).parameters[0]['x-source'],
  },
  {
    rule: 'house/provenance',
    message: 'Response 200 needs x-source (a documented fact) or x-assumption (our choice).',
    breakIt: (spec) => delete listThings(spec).responses[200]['x-source'],
  },
  {
    rule: 'house/provenance',
    message: 'Header "Retry-After" needs x-source (a documented fact) or x-assumption (our choice).',
    breakIt: (spec) => delete listThings(spec).responses[429].headers['Retry-After']['x-source'],
  },
  {
    rule: 'house/provenance',
    message: 'Property "things" needs x-source or x-assumption (on itself or on an enclosing schema).',
    breakIt: (spec) => delete listThings(spec).responses[200].content['application/json'].schema['x-source'],
  },
  {
    rule: 'house/provenance',
    message: 'x-source "blog" is not an id of the root x-sources registry.',
    breakIt: (spec) => (listThings(spec)['x-source'] = 'blog'),
  },
  {
    rule: 'house/provenance',
    message: 'Use either x-source or x-assumption on one node, not both.',
    breakIt: (spec) => (listThings(spec)['x-assumption'] = 'We chose this because every source is silent.'),
  },
  {
    rule: 'house/provenance',
    message: 'x-assumption is a sentence saying what we chose and why.',
    breakIt: (spec) => (listThings(spec).responses[429]['x-assumption'] = 'ours'),
  },
  {
    rule: 'house/provenance',
    message: 'The root needs an x-sources registry: <id>: { title, url, seed? }.',
    breakIt: (spec) => delete spec['x-sources'],
  },
];

let dir;
async function lintSpec(name, spec) {
  const file = join(dir, `${name}.yaml`);
  await writeFile(file, YAML.stringify(spec));
  return lint(file, { config: join(dir, 'redocly.yaml'), cwd: dir });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'house-rules-'));
  await writeFile(join(dir, 'redocly.yaml'), YAML.stringify(config));
});

describe('house rules', () => {
  it('a spec that follows every rule lints with zero problems', async () => {
    expect(await lintSpec('good', goodSpec())).toEqual([]);
  });

  it.each(cases)('$rule fires with its message', async ({ rule, message, breakIt }) => {
    const spec = goodSpec();
    breakIt(spec);
    const problems = await lintSpec(rule.replace('/', '-'), spec);
    const ours = problems.filter((p) => p.ruleId === rule);
    expect(ours.map((p) => p.message)).toContain(message);
    // The broken spec must not trip other house rules: each fixture isolates one rule.
    expect(problems.filter((p) => p.ruleId.startsWith('house/') && p.ruleId !== rule)).toEqual([]);
  });
});

describe('rules that apply only to operations secured by some schemes', () => {
  it('skips responses of operations secured otherwise, and still fires on the named scheme', async () => {
    const scoped = {
      ...config,
      rules: {
        ...config.rules,
        'house/unauthorized-challenge': { severity: 'error', schemes: ['bearerAuth'] },
        'house/error-no-store': { severity: 'error', schemes: ['bearerAuth'] },
      },
    };
    const scopedDir = await mkdtemp(join(tmpdir(), 'house-rules-scoped-'));
    await writeFile(join(scopedDir, 'redocly.yaml'), YAML.stringify(scoped));
    const lintScoped = async (name, spec) => {
      const file = join(scopedDir, `${name}.yaml`);
      await writeFile(file, YAML.stringify(spec));
      return lint(file, { config: join(scopedDir, 'redocly.yaml'), cwd: scopedDir });
    };
    const keyed = goodSpec();
    keyed.components.securitySchemes.apiKey = { type: 'apiKey', in: 'header', name: 'X-Key' };
    keyed.security = [{ apiKey: [] }];
    listThings(keyed).security = [{ apiKey: [] }];
    delete listThings(keyed).responses[401].headers['WWW-Authenticate'];
    delete listThings(keyed).responses[401].headers['Cache-Control'];
    expect((await lintScoped('keyed', keyed)).filter((p) => p.ruleId.startsWith('house/'))).toEqual([]);
    const bearer = goodSpec();
    delete listThings(bearer).responses[401].headers['WWW-Authenticate'];
    expect((await lintScoped('bearer', bearer)).map((p) => p.ruleId)).toContain('house/unauthorized-challenge');
  });
});
