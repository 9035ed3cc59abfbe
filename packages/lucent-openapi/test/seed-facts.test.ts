// The facts Lucent documents (seeds 000 and 001) must be stated by the bundled spec.
import { loadBundledSpec, specReader } from '@apiforge/spec-build/testing';
import { describe, expect, it } from 'vitest';

type Json = any;
const spec: Json = loadBundledSpec(new URL('../dist/openapi.json', import.meta.url));
const { deref, op, param, response, exampleBodies, headerNames } = specReader(spec);

const DATA = 'https://app.lucenthq.com';
const INGEST = 'https://batch-jobs-lucent.onrender.com';

describe('Lucent operations and servers', () => {
  it('has exactly the five Data operations and the Ingest operation', () => {
    const ops = Object.entries(spec.paths).flatMap(([path, item]: [string, Json]) =>
      Object.keys(item).filter((k) => ['get', 'post', 'patch', 'put', 'delete'].includes(k)).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(ops.sort()).toEqual(
      ['GET /api/v1/insights', 'GET /api/v1/issues', 'GET /api/v1/issues/{issueId}', 'GET /api/v1/signals', 'PATCH /api/v1/issues/{issueId}', 'POST /api/sdk/replay'].sort(),
    );
  });

  it('sends Data calls to app.lucenthq.com and ingest to its own path-level server', () => {
    expect(spec.servers.map((s: Json) => s.url)).toEqual([DATA]);
    expect(spec.paths['/api/sdk/replay'].servers.map((s: Json) => s.url)).toEqual([INGEST]);
  });
});

describe('limits and defaults', () => {
  it.each([
    ['/api/v1/issues', 25, 200, 'limit must be an integer between 1 and 200'],
    ['/api/v1/signals', 50, 200, 'limit must be an integer between 1 and 200'],
    ['/api/v1/insights', 25, 100, 'limit must be an integer between 1 and 100'],
  ])('%s: default %i, max %i, documented 400', (path, def, max, message) => {
    const operation = op('get', path);
    const limit = param(operation, 'limit');
    expect(limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: max, default: def });
    expect(param(operation, 'cursor')).toBeDefined();
    expect(exampleBodies(response(operation, '400'))).toContainEqual({ error: message });
    expect(exampleBodies(response(operation, '400'))).toContainEqual({ error: 'Invalid cursor' });
  });

  it('list responses carry nextCursor that may be null, ordered createdAt desc then id desc', () => {
    for (const [path, items] of [['/api/v1/issues', 'issues'], ['/api/v1/signals', 'signals'], ['/api/v1/insights', 'insights']]) {
      const operation = op('get', path);
      const schema = deref(response(operation, '200').content['application/json'].schema);
      expect(schema.required).toEqual(expect.arrayContaining([items, 'nextCursor']));
      expect(schema.properties.nextCursor.type).toEqual(['string', 'null']);
      expect(operation['x-pagination'].order).toEqual([
        { field: 'createdAt', direction: 'desc' },
        { field: 'id', direction: 'desc' },
      ]);
    }
  });

  it('status filter and PATCH body use the four documented statuses', () => {
    const statuses = ['unresolved', 'ticket_created', 'transient', 'resolved'];
    expect(deref(param(op('get', '/api/v1/issues'), 'status').schema).enum).toEqual(statuses);
    const body = deref(op('patch', '/api/v1/issues/{issueId}').requestBody.content['application/json'].schema);
    expect(deref(body.properties.status).enum).toEqual(statuses);
    expect(body.required).toEqual(['status']);
    const patch400 = exampleBodies(response(op('patch', '/api/v1/issues/{issueId}'), '400'));
    expect(patch400).toContainEqual({ error: 'Request body must be valid JSON' });
    expect(patch400).toContainEqual({ error: 'status must be one of: unresolved, ticket_created, transient, resolved' });
  });

  it('issueId is a UUID path parameter', () => {
    const issueId = deref(spec.paths['/api/v1/issues/{issueId}'].parameters[0]);
    expect(issueId).toMatchObject({ name: 'issueId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });
  });
});

describe('auth, scopes and prefixes', () => {
  const schemes = spec.components.securitySchemes;

  it('bearer scheme accepts luc_api_, luc_oat_ and legacy luc_mcp_', () => {
    expect(schemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(schemes.bearerAuth['x-token-prefixes']).toEqual(['luc_api_', 'luc_oat_', 'luc_mcp_']);
  });

  it('ingest takes a luc_pk_ key in X-Lucent-Api-Key or the api_key query parameter', () => {
    expect(schemes.ingestKeyHeader).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-Lucent-Api-Key', 'x-token-prefixes': ['luc_pk_'] });
    expect(schemes.ingestKeyQuery).toMatchObject({ type: 'apiKey', in: 'query', name: 'api_key', 'x-token-prefixes': ['luc_pk_'] });
    expect(op('post', '/api/sdk/replay').security).toEqual([{ ingestKeyHeader: [] }, { ingestKeyQuery: [] }]);
  });

  it.each([
    ['get', '/api/v1/issues', 'read:lucent'],
    ['get', '/api/v1/issues/{issueId}', 'read:lucent'],
    ['patch', '/api/v1/issues/{issueId}', 'write:issues'],
    ['get', '/api/v1/signals', 'read:lucent'],
    ['get', '/api/v1/insights', 'read:lucent'],
  ])('%s %s needs %s: 401 challenge and 403 message name it', (method, path, scope) => {
    const operation = op(method, path);
    expect(operation.security).toEqual([{ bearerAuth: [scope] }]);
    const unauthorized = response(operation, '401');
    expect(deref(unauthorized.headers['WWW-Authenticate']).schema.const).toBe(`Bearer scope="${scope}"`);
    expect(exampleBodies(unauthorized)).toEqual([{ error: 'Missing or invalid bearer token' }]);
    expect(exampleBodies(response(operation, '403'))).toEqual([{ error: `Missing required scope: ${scope}` }]);
  });
});

describe('errors and rate limits', () => {
  const allErrors = Object.entries(spec.paths).flatMap(([path, item]: [string, Json]) =>
    Object.entries(item)
      .filter(([k]) => ['get', 'post', 'patch'].includes(k))
      .flatMap(([method, operation]: [string, Json]) =>
        Object.entries(operation.responses)
          .filter(([status]) => Number(status) >= 400)
          .map(([status, res]) => [`${method.toUpperCase()} ${path} ${status}`, deref(res)] as const),
      ),
  );

  it.each(allErrors)('%s is JSON ErrorResponse with Cache-Control: no-store', (_, res) => {
    expect(deref(res.headers['Cache-Control']).schema.const).toBe('no-store');
    expect(res.content['application/json'].schema.$ref).toBe('#/components/schemas/ErrorResponse');
  });

  it('404 says "Issue not found"', () => {
    expect(exampleBodies(response(op('get', '/api/v1/issues/{issueId}'), '404'))).toEqual([{ error: 'Issue not found' }]);
  });

  it.each([
    ['get', '/api/v1/issues', 300],
    ['get', '/api/v1/issues/{issueId}', 300],
    ['get', '/api/v1/signals', 300],
    ['get', '/api/v1/insights', 300],
    ['patch', '/api/v1/issues/{issueId}', 60],
    ['post', '/api/sdk/replay', 100],
  ])('%s %s: %i requests per minute, 429 with Retry-After and X-RateLimit-*', (method, path, limit) => {
    const operation = op(method, path);
    expect(operation['x-rate-limit']).toMatchObject({ limit, windowSeconds: 60 });
    const tooMany = response(operation, '429');
    expect(headerNames(tooMany)).toEqual(expect.arrayContaining(['Retry-After', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset']));
    expect(exampleBodies(tooMany)).toEqual([{ error: 'Rate limit exceeded' }]);
  });
});

describe('ingest', () => {
  const replay = op('post', '/api/sdk/replay');

  it('accepts JSON or gzip JSON and answers {"ok": true}', () => {
    expect(deref(param(replay, 'Content-Encoding')).schema.enum).toContain('gzip');
    expect(exampleBodies(response(replay, '200'))).toEqual([{ ok: true }]);
  });

  it('batch has session, user, page, replay with events and sequence, metadata, flush normal|final', () => {
    const batch = deref(replay.requestBody.content['application/json'].schema);
    expect(batch.required).toEqual(['session', 'user', 'page', 'replay']);
    expect(Object.keys(batch.properties)).toEqual(['session', 'user', 'page', 'replay', 'metadata', 'flush']);
    expect(batch.properties.replay.required).toEqual(['events', 'sequence']);
    expect(batch.properties.flush.enum).toEqual(['normal', 'final']);
  });

  it('documents both 401 messages, the 400 details and the body limit', () => {
    expect(exampleBodies(response(replay, '401'))).toEqual([{ error: 'Missing API key' }, { error: 'Invalid or revoked API key' }]);
    expect(exampleBodies(response(replay, '400'))[0].details.length).toBeGreaterThan(0);
    expect(replay['x-max-body-bytes']).toBe(5 * 1024 * 1024);
    expect(response(replay, '413').description).toMatch(/5 MiB/);
  });

  it('is idempotent per (session id, sequence) and CORS-open', () => {
    expect(replay['x-idempotent']).toBe(true);
    expect(replay.description).toMatch(/idempotent per \(`session\.id`,\s+`replay\.sequence`\)/i);
    expect(deref(response(replay, '200').headers['Access-Control-Allow-Origin']).schema.const).toBe('*');
  });
});
