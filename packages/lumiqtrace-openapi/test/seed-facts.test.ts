// The facts LumiqTrace documents (seed 003 and its public API reference) must be stated by the bundled spec.
import { loadBundledSpec, specReader } from '@apiforge/spec-build/testing';
import { describe, expect, it } from 'vitest';

type Json = any;
const spec: Json = loadBundledSpec(new URL('../dist/openapi.json', import.meta.url));
const { deref, op, param, response, exampleBodies, namedExamples, operations } = specReader(spec);

const INGEST = ['post /v1/ingest', 'post /v1/otel'];
const BEARER = ['get /v1/events', 'get /v1/traces/{traceId}', 'get /v1/projects/{projectId}/overview', 'get /v1/costs', 'get /v1/performance'];
const key = (o: { method: string; path: string }) => `${o.method} ${o.path}`;

describe('operations and server', () => {
  it('covers the documented endpoints, all on https://api.lumiqtrace.com', () => {
    expect(operations.map(key).sort()).toEqual([...INGEST, ...BEARER].sort());
    expect(spec.servers.map((s: Json) => s.url)).toEqual(['https://api.lumiqtrace.com']);
    expect(operations.every(({ path }) => spec.paths[path].servers === undefined)).toBe(true);
  });

  it('lists every endpoint in info.description, with the design choices section', () => {
    for (const name of [...INGEST, ...BEARER]) {
      const [method, path] = name.split(' ');
      expect(spec.info.description).toContain(`\`${method!.toUpperCase()} ${path}\``);
    }
    expect(spec.info.description).toContain('## Design choices where the public documentation is silent');
  });
});

describe('ingest', () => {
  const ingest = op('post', '/v1/ingest');

  it('authenticates with an lqt_ key in the x-api-key header', () => {
    expect(spec.components.securitySchemes.projectApiKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-api-key', 'x-token-prefixes': ['lqt_'] });
    for (const name of INGEST) {
      const [method, path] = name.split(' ');
      expect(op(method!, path!).security).toEqual([{ projectApiKey: [] }]);
    }
  });

  it('takes NDJSON whose schema is one event per line, at most 100 lines', () => {
    const media = ingest.requestBody.content;
    expect(Object.keys(media)).toEqual(['application/x-ndjson']);
    expect(deref(media['application/x-ndjson'].schema).description).toMatch(/each line of the NDJSON body is one such object/);
    expect(media['application/x-ndjson']['x-ndjson']).toEqual({ maxItems: 100 });
    expect(ingest.description).toMatch(/each line is one\s+`Event` object/);
  });

  it('refuses more than 100 events with "Max 100 events per batch" and never retries a 400', () => {
    const badRequest = response(ingest, '400');
    expect(namedExamples(badRequest).tooManyEvents).toEqual({ error: 'Max 100 events per batch' });
    expect(badRequest['x-retry']).toEqual({ retry: 'never' });
  });

  it('recommends gzip through the Content-Encoding header', () => {
    const encoding = param(ingest, 'Content-Encoding');
    expect(encoding).toMatchObject({ in: 'header', required: false });
    expect(encoding.schema.enum).toContain('gzip');
    expect(encoding.description).toMatch(/Recommended/);
  });

  it('is idempotent, deduplicated by event_id', () => {
    expect(ingest['x-idempotent']).toBe(true);
    expect(ingest['x-dedupe-field']).toBe('event_id');
    expect(deref(spec.components.schemas.EventFields).properties.event_id).toMatchObject({ type: 'string', format: 'uuid' });
  });

  it('event schema: documented identity fields required, documented enums', () => {
    const fields = deref(spec.components.schemas.EventFields);
    expect(fields.required).toEqual(expect.arrayContaining(['event_id', 'trace_id', 'span_id', 'timestamp', 'provider']));
    expect(deref(fields.properties.provider).enum).toEqual(['openai', 'anthropic', 'google', 'custom']);
    expect(deref(fields.properties.operation).enum).toEqual(['chat', 'embed', 'tool', 'agent', 'custom']);
    expect(deref(fields.properties.status).enum).toEqual(['success', 'error', 'timeout', 'rate_limited', 'cancelled']);
    expect(fields.properties.error_message.maxLength).toBe(500);
    expect(fields.properties.parent_span_id.type).toEqual(['string', 'null']);
  });

  it('answers 401 "Invalid API key" with an ApiKey challenge', () => {
    for (const name of INGEST) {
      const [method, path] = name.split(' ');
      const unauthorized = response(op(method!, path!), '401');
      expect(exampleBodies(unauthorized)).toEqual([{ error: 'Invalid API key' }]);
      expect(deref(unauthorized.headers['WWW-Authenticate']).schema.const).toBe('ApiKey realm="lumiqtrace-ingest"');
    }
  });
});

describe('bearer endpoints', () => {
  it('use the http bearer scheme with the org:member pseudo-scope', () => {
    const bearer = spec.components.securitySchemes.sessionBearer;
    expect(bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(bearer['x-scopes'])).toEqual(['org:member']);
    expect(bearer.description).toMatch(/Opaque/);
    for (const name of BEARER) {
      const [method, path] = name.split(' ');
      expect(op(method!, path!).security).toEqual([{ sessionBearer: ['org:member'] }]);
    }
  });

  it.each(BEARER)('%s: 401 "Not authenticated" with a Bearer challenge, 403 "Not a member of this organization"', (name) => {
    const [method, path] = name.split(' ');
    const operation = op(method!, path!);
    const unauthorized = response(operation, '401');
    expect(exampleBodies(unauthorized)).toEqual([{ error: 'Not authenticated' }]);
    expect(deref(unauthorized.headers['WWW-Authenticate']).schema.const).toBe('Bearer realm="lumiqtrace"');
    expect(exampleBodies(response(operation, '403'))).toEqual([{ error: 'Not a member of this organization' }]);
  });

  it.each(['/v1/events', '/v1/traces/{traceId}', '/v1/costs', '/v1/performance'])('%s requires projectId (400 when missing)', (path) => {
    const operation = op('get', path);
    expect(param(operation, 'projectId')).toMatchObject({ in: 'query', required: true });
    expect(param(operation, 'projectId')['x-invalid-response']).toEqual({ status: 400, example: 'missingProjectId' });
    expect(namedExamples(response(operation, '400')).missingProjectId).toBeDefined();
  });

  it('project overview names the project in the path', () => {
    expect(spec.paths['/v1/projects/{projectId}/overview'].parameters.map(deref)).toMatchObject([{ name: 'projectId', in: 'path', required: true }]);
  });

  it('cost window defaults to the last 30 days', () => {
    expect(param(op('get', '/v1/costs'), 'start').description).toMatch(/30 days ago/);
    expect(param(op('get', '/v1/costs'), 'end').description).toMatch(/now/);
  });
});

describe('events list', () => {
  const events = op('get', '/v1/events');

  it('filters by model, status, start, end, environment and userId', () => {
    for (const name of ['model', 'status', 'start', 'end', 'environment', 'userId']) {
      expect(param(events, name)).toMatchObject({ in: 'query', required: false });
    }
  });

  it('limit defaults to 50, at most 200; cursor paging with nextCursor and total', () => {
    expect(param(events, 'limit').schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 200, default: 50 });
    expect(param(events, 'cursor')).toMatchObject({ in: 'query', required: false });
    const list = deref(response(events, '200').content['application/json'].schema);
    expect(list.required).toEqual(['events', 'nextCursor', 'total']);
    expect(list.properties.nextCursor.type).toEqual(['string', 'null']);
    expect(events['x-pagination']).toMatchObject({ strategy: 'cursor', cursorParam: 'cursor', nextCursorField: 'nextCursor', itemsField: 'events', totalField: 'total' });
  });

  it('every x-invalid-response names an example of that status', () => {
    for (const { path, operation } of operations) {
      for (const p of [...(spec.paths[path].parameters ?? []), ...(operation.parameters ?? [])].map(deref)) {
        const invalid = p['x-invalid-response'];
        if (!invalid) continue;
        expect(namedExamples(response(operation, String(invalid.status)))[invalid.example]).toBeDefined();
      }
    }
  });
});

describe('errors, rate limits and retry guidance', () => {
  const errors = operations.flatMap(({ method, path, operation }) =>
    Object.entries(operation.responses)
      .filter(([status]) => Number(status) >= 400)
      .map(([status, res]) => [`${method.toUpperCase()} ${path} ${status}`, status, deref(res)] as const),
  );

  it.each(errors)('%s: single-field JSON ErrorResponse, Cache-Control: no-store, an x-retry policy', (_, status, res) => {
    expect(res.content['application/json'].schema.$ref).toBe('#/components/schemas/ErrorResponse');
    expect(deref(res.headers['Cache-Control']).schema.const).toBe('no-store');
    expect(res['x-retry']).toBeDefined();
    for (const body of exampleBodies(res)) expect(Object.keys(body)).toEqual(['error']);
    if (['400', '401', '403', '404'].includes(status)) expect(res['x-retry']).toEqual({ retry: 'never' });
  });

  it('the error schema has exactly one field, error', () => {
    const schema = spec.components.schemas.ErrorResponse;
    expect(schema).toMatchObject({ type: 'object', required: ['error'], additionalProperties: false });
    expect(Object.keys(schema.properties)).toEqual(['error']);
  });

  it('every operation documents 500 with exponential backoff from 1 second', () => {
    for (const { operation } of operations) {
      expect(response(operation, '500')['x-retry']).toMatchObject({ retry: 'exponential-backoff', initialDelayMs: 1000 });
    }
  });

  it('ingest 429 tells "Rate limit exceeded" from "Monthly quota exceeded"; the quota is never retried', () => {
    for (const name of INGEST) {
      const [method, path] = name.split(' ');
      const tooMany = response(op(method!, path!), '429');
      expect(namedExamples(tooMany)).toEqual({ rateLimited: { error: 'Rate limit exceeded' }, quotaExceeded: { error: 'Monthly quota exceeded' } });
      expect(tooMany['x-retry']).toEqual({ retry: 'after-retry-after', except: ['Monthly quota exceeded'] });
    }
  });

  it.each(operations.map((o) => [key(o), o.operation] as const))('%s: 429 with Retry-After and X-RateLimit-*', (_, operation) => {
    const tooMany = response(operation, '429');
    expect(Object.keys(tooMany.headers)).toEqual(expect.arrayContaining(['Retry-After', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset']));
    expect(exampleBodies(tooMany)).toContainEqual({ error: 'Rate limit exceeded' });
    expect(tooMany['x-retry'].retry).toBe('after-retry-after');
  });

  it('ingest: 1,000 requests per minute per API key, sliding window', () => {
    expect(op('post', '/v1/ingest')['x-rate-limit']).toEqual({ group: 'ingest', limit: 1000, windowSeconds: 60, per: 'key', algorithm: 'sliding-window' });
  });

  it.each(BEARER)('%s: dashboard group, 300 requests per minute per session, sliding window', (name) => {
    const [method, path] = name.split(' ');
    expect(op(method!, path!)['x-rate-limit']).toEqual({ group: 'dashboard', limit: 300, windowSeconds: 60, per: 'session', algorithm: 'sliding-window' });
  });

  it('AI endpoints under /v1/ai: 20 requests per hour per organization, sliding window', () => {
    expect(spec['x-rate-limit-groups'].ai).toEqual({ limit: 20, windowSeconds: 3600, per: 'organization', algorithm: 'sliding-window', paths: ['/v1/ai/*'] });
    expect(spec.info.description).toMatch(/AI endpoints\*\* \(`\/v1\/ai\/\*`\)/);
    expect(spec.components.securitySchemes.sessionBearer).toBeDefined();
  });
});

describe('upload limits and encodings (our documented choices)', () => {
  it.each(['post /v1/ingest', 'post /v1/otel'])('%s: 1 MiB after decompression, 413, 415 and the gzip 400', (which) => {
    const [method, path] = which.split(' ') as [string, string];
    const operation = op(method, path);
    expect(operation['x-max-body-bytes']).toBe(1048576);
    expect(exampleBodies(response(operation, '413'))).toEqual([{ error: 'Request body too large: the limit is 1048576 bytes after decompression' }]);
    expect(exampleBodies(response(operation, '415'))).toEqual([{ error: 'Unsupported Content-Encoding: use gzip or identity' }]);
    expect(exampleBodies(response(operation, '400'))).toContainEqual({ error: 'Request body could not be decompressed as gzip' });
    expect(deref(param(operation, 'Content-Encoding'))['x-invalid-response']).toEqual({ status: 415, example: 'unsupportedEncoding' });
  });
});
