import { describe, expect, it } from 'vitest';
import { curlSample } from '../src/curl-sample.mjs';
import { operations } from '../src/spec-walk.mjs';
import { readBundledSpec, apiNames } from '../src/workspace.mjs';

const entry = (spec, operationId) => [...operations(spec)].find((e) => e.operation.operationId === operationId);

const synthetic = {
  openapi: '3.1.0',
  info: { title: 'Synthetic', version: '1' },
  servers: [{ url: 'https://{region}.example.test/v{major}', variables: { region: { default: 'eu' }, major: { default: '2' } } }],
  security: [{ token: [] }],
  components: {
    securitySchemes: {
      token: { type: 'http', scheme: 'bearer', 'x-token-prefixes': ['tok_'] },
      queryKey: { type: 'apiKey', in: 'query', name: 'key' },
      basic: { type: 'http', scheme: 'basic' },
    },
    parameters: { Id: { name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: 'a b/c' } },
  },
  paths: {
    '/things/{id}': {
      parameters: [{ $ref: '#/components/parameters/Id' }],
      get: {
        operationId: 'getThing',
        summary: 'Get a thing',
        parameters: [
          { name: 'expand', in: 'query', schema: { type: 'string', enum: ['x', 'y'] } },
          { name: 'page', in: 'query', schema: { type: 'integer', default: 1 } },
          { name: 'X-Trace', in: 'header', required: true, schema: { type: 'string' }, example: "it's" },
        ],
        responses: { 200: { description: 'ok' } },
      },
    },
    '/uploads': {
      servers: [{ url: 'https://upload.example.test/' }],
      post: {
        operationId: 'upload',
        summary: 'Upload',
        security: [{ queryKey: [] }],
        requestBody: { content: { 'text/plain': { example: 'hello' } } },
        responses: { 201: { description: 'created' } },
      },
    },
    '/admin': {
      delete: { operationId: 'wipe', summary: 'Wipe', security: [{ basic: [] }], responses: { 204: { description: 'gone' } } },
    },
  },
};

describe('curl samples from a spec', () => {
  it('uses server variables, path examples, defaults and required headers, and skips optional values it cannot know', () => {
    expect(curlSample(synthetic, entry(synthetic, 'getThing'))).toBe(
      [
        "curl 'https://eu.example.test/v2/things/a%20b%2Fc?page=1'",
        "-H 'Authorization: Bearer tok_YOUR_KEY'",
        `-H 'X-Trace: it'\\''s'`,
      ].join(' \\\n  '),
    );
  });

  it('honours path-level servers, query-string credentials and non-JSON bodies', () => {
    expect(curlSample(synthetic, entry(synthetic, 'upload'))).toBe(
      ["curl -X POST 'https://upload.example.test/uploads?key=YOUR_TOKEN'", "-H 'Content-Type: text/plain'", "--data 'hello'"].join(' \\\n  '),
    );
  });

  it('uses --user for basic auth', () => {
    expect(curlSample(synthetic, entry(synthetic, 'wipe'))).toBe(
      ["curl -X DELETE 'https://eu.example.test/v2/admin'", "--user 'USERNAME:PASSWORD'"].join(' \\\n  '),
    );
  });
});

describe.each(await apiNames())('curl samples of the bundled %s spec', (api) => {
  const spec = readBundledSpec(api);

  it.each([...operations(spec)].map((e) => [e.operation.operationId, e]))('%s targets its own server and sends its example body', (_, e) => {
    const sample = curlSample(spec, e);
    const servers = e.operation.servers ?? e.pathItem.servers ?? spec.servers;
    expect(sample).toContain(`'${servers[0].url.replace(/\/$/, '')}${e.path.split('{')[0]}`);
    if (e.method !== 'get') expect(sample.startsWith(`curl -X ${e.method.toUpperCase()} `)).toBe(true);
    if (e.operation.requestBody) expect(sample).toMatch(/--data(-binary)? '/);
    // An NDJSON body is one JSON document per line.
    if (/ndjson/.test(sample)) for (const line of sample.split("--data-binary '")[1].slice(0, -1).split('\n')) expect(() => JSON.parse(line)).not.toThrow();
    expect(sample).not.toMatch(/\{[A-Za-z]+\}/);
  });
});
