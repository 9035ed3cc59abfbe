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
    servers: [{ url: 'https://api.fixture.test' }],
    security: [{ bearerAuth: ['read:things'] }],
    tags: [{ name: 'Things', description: 'Things.' }],
    paths: {
      '/things': {
        get: {
          operationId: 'listThings',
          summary: 'List things',
          description: 'Lists things.',
          tags: ['Things'],
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
            { name: 'cursor', in: 'query', schema: { type: 'string' } },
          ],
          responses: {
            200: {
              description: 'A page.',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
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
              headers: { ...noStore, 'WWW-Authenticate': { schema: { type: 'string' }, example: 'Bearer' } },
              content: errorBody('Missing token'),
            },
            429: {
              description: 'Slow down.',
              headers: {
                ...noStore,
                'Retry-After': { schema: { type: 'integer' }, example: 1 },
                'X-RateLimit-Limit': { schema: { type: 'integer' }, example: 10 },
                'X-RateLimit-Remaining': { schema: { type: 'integer' }, example: 0 },
                'X-RateLimit-Reset': { schema: { type: 'integer' }, example: 1 },
              },
              content: errorBody('Rate limit exceeded'),
            },
          },
        },
      },
    },
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
      headers: { NoStore: { schema: { type: 'string', const: 'no-store' }, example: 'no-store' } },
      schemas: {
        ErrorResponse: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
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
      listThings(spec).responses[401].content['application/json'].schema = { type: 'object', properties: { message: { type: 'string' } } };
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
