// The facts Lucent documents (seeds 000 and 001) must be stated by the bundled spec.
import { loadBundledSpec, specReader } from '@apiforge/spec-build/testing';
import { describe, expect, it } from 'vitest';

type Json = any;
const spec: Json = loadBundledSpec(new URL('../dist/openapi.json', import.meta.url));
const { deref, op, param, response, namedExamples, exampleBodies, headerNames } = specReader(spec);

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

  it('issueId is a UUID path parameter; a value that is not a UUID is 400, not 404', () => {
    const issueId = deref(spec.paths['/api/v1/issues/{issueId}'].parameters[0]);
    expect(issueId).toMatchObject({ name: 'issueId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });
    expect(issueId['x-invalid-response']).toEqual({ status: 400, example: 'invalidIssueId' });
    for (const method of ['get', 'patch']) {
      const badRequest = response(op(method, '/api/v1/issues/{issueId}'), '400');
      expect(namedExamples(badRequest).invalidIssueId).toEqual({ error: 'issueId must be a UUID' });
    }
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
    const challenge = deref(unauthorized.headers['WWW-Authenticate']);
    expect(challenge).toMatchObject({ required: true, schema: { type: 'string' }, example: `Bearer scope="${scope}"` });
    expect(exampleBodies(unauthorized)).toEqual([{ error: 'Missing or invalid bearer token' }]);
    expect(exampleBodies(response(operation, '403'))).toEqual([{ error: `Missing required scope: ${scope}` }]);
  });
});

describe('errors and rate limits', () => {
  const errorsOf = (filter: (path: string) => boolean) =>
    Object.entries(spec.paths)
      .filter(([path]) => filter(path))
      .flatMap(([path, item]: [string, Json]) =>
        Object.entries(item)
          .filter(([k]) => ['get', 'post', 'patch'].includes(k))
          .flatMap(([method, operation]: [string, Json]) =>
            Object.entries(operation.responses)
              .filter(([status]) => Number(status) >= 400)
              .map(([status, res]) => [`${method.toUpperCase()} ${path} ${status}`, deref(res)] as const),
          ),
      );
  const dataErrors = errorsOf((path) => path.startsWith('/api/v1/'));
  const ingestErrors = errorsOf((path) => path === '/api/sdk/replay');

  it.each(dataErrors)('Data API: %s is JSON ErrorResponse with Cache-Control: no-store', (_, res) => {
    expect(deref(res.headers['Cache-Control']).schema.const).toBe('no-store');
    expect(res.content['application/json'].schema.$ref).toBe('#/components/schemas/ErrorResponse');
  });

  it.each(ingestErrors)('Ingest API: %s is a JSON error body with Access-Control-Allow-Origin: * and no Data API headers', (_, res) => {
    expect(deref(res.headers['Access-Control-Allow-Origin']).schema.const).toBe('*');
    expect(headerNames(res)).not.toContain('Cache-Control');
    expect(headerNames(res)).not.toContain('WWW-Authenticate');
    const schema = deref(res.content['application/json'].schema);
    const base = schema.allOf ? schema.allOf[0].$ref : res.content['application/json'].schema.$ref;
    expect(base).toBe('#/components/schemas/ErrorResponse');
  });

  it('covers the documented ingest statuses, 500 included; 409, 413 and 415 are marked as our assumptions', () => {
    const responses = op('post', '/api/sdk/replay').responses;
    expect(Object.keys(responses).sort()).toEqual(['200', '400', '401', '409', '413', '415', '429', '500']);
    for (const status of ['409', '413', '415']) expect(response(op('post', '/api/sdk/replay'), status)['x-assumption']).toEqual(expect.any(String));
    for (const status of ['200', '400', '401', '429', '500']) expect(response(op('post', '/api/sdk/replay'), status)['x-assumption']).toBeUndefined();
    expect(exampleBodies(response(op('post', '/api/sdk/replay'), '500'))).toEqual([{ error: 'Failed to store replay batch' }]);
  });

  it('404 says "Issue not found" on GET and PATCH', () => {
    for (const method of ['get', 'patch']) {
      expect(exampleBodies(response(op(method, '/api/v1/issues/{issueId}'), '404'))).toEqual([{ error: 'Issue not found' }]);
    }
  });

  it.each([
    ['get', '/api/v1/issues', 300],
    ['get', '/api/v1/issues/{issueId}', 300],
    ['get', '/api/v1/signals', 300],
    ['get', '/api/v1/insights', 300],
    ['patch', '/api/v1/issues/{issueId}', 60],
  ])('%s %s: %i requests per minute, 429 with Retry-After, X-RateLimit-* and Cache-Control', (method, path, limit) => {
    const operation = op(method, path);
    expect(operation['x-rate-limit']).toMatchObject({ limit, windowSeconds: 60 });
    const tooMany = response(operation, '429');
    expect(headerNames(tooMany, { assumptions: false }).sort()).toEqual(['Cache-Control', 'Retry-After', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset']);
    for (const name of headerNames(tooMany, { assumptions: false })) expect(deref(tooMany.headers[name]).required, name).toBe(true);
    expect(exampleBodies(tooMany)).toEqual([{ error: 'Rate limit exceeded' }]);
  });

  it('ingest: 100 requests per minute per key (sliding window), 429 with Retry-After only', () => {
    const operation = op('post', '/api/sdk/replay');
    expect(operation['x-rate-limit']).toMatchObject({ limit: 100, windowSeconds: 60, per: 'key', algorithm: 'sliding-window' });
    const tooMany = response(operation, '429');
    expect(headerNames(tooMany, { assumptions: false }).sort()).toEqual(['Access-Control-Allow-Origin', 'Retry-After']);
    expect(deref(tooMany.headers['Retry-After']).schema).toMatchObject({ type: 'integer', minimum: 1 });
    expect(exampleBodies(tooMany)).toEqual([{ error: 'Rate limit exceeded' }]);
    expect(deref(tooMany.content['application/json'].schema).allOf[1].properties.error.const).toBe('Rate limit exceeded');
  });
});

describe('models', () => {
  const schemas = spec.components.schemas;
  const props = (name: string) => Object.keys(schemas[name].properties);

  it('IssueSummary: the documented list fields, nullable description and previewUrl, optional nullable ticket fields', () => {
    const summary = schemas.IssueSummary;
    expect(summary.required).toEqual(['id', 'title', 'description', 'status', 'priority', 'previewUrl', 'createdAt', 'sessionCount']);
    expect(props('IssueSummary').sort()).toEqual(
      [...summary.required, 'ticketProvider', 'ticketUrl', 'ticketIdentifier'].sort(),
    );
    for (const field of ['description', 'previewUrl', 'ticketProvider', 'ticketUrl', 'ticketIdentifier']) {
      expect(summary.properties[field].type, field).toEqual(['string', 'null']);
    }
    expect(deref(summary.properties.priority).enum).toEqual(['low', 'medium', 'high', 'critical']);
    expect(summary.properties.sessionCount).toMatchObject({ type: 'integer', minimum: 0 });
  });

  it('Issue: IssueSummary plus stepsToReplicate, aiVerified (both nullable) and a required updatedAt', () => {
    const [base, own] = schemas.Issue.allOf;
    expect(base.$ref).toBe('#/components/schemas/IssueSummary');
    expect(own.required).toEqual(['updatedAt']);
    expect(own.properties.stepsToReplicate.type).toEqual(['string', 'null']);
    expect(own.properties.aiVerified.type).toEqual(['boolean', 'null']);
    expect(own.properties.updatedAt).toMatchObject({ type: 'string', format: 'date-time' });
  });

  it('GET and PATCH of one issue answer 200 {"issue": Issue}', () => {
    expect(schemas.IssueResponse).toMatchObject({ type: 'object', required: ['issue'], properties: { issue: { $ref: '#/components/schemas/Issue' } } });
    for (const method of ['get', 'patch']) {
      const ok = response(op(method, '/api/v1/issues/{issueId}'), '200');
      expect(ok.content['application/json'].schema.$ref).toBe('#/components/schemas/IssueResponse');
      for (const body of exampleBodies(ok)) expect(Object.keys(body)).toEqual(['issue']);
    }
    expect(exampleBodies(response(op('patch', '/api/v1/issues/{issueId}'), '200'))[0].issue.status).toBe('resolved');
  });

  it('the invented issue fields and the IssueDetail schema are gone', () => {
    expect(schemas.IssueDetail).toBeUndefined();
    const issueFields = [...props('IssueSummary'), ...Object.keys(schemas.Issue.allOf[1].properties)];
    for (const gone of ['severity', 'userCount', 'firstSeenAt', 'lastSeenAt', 'url', 'summary', 'affectedPages', 'sampleSessionIds']) {
      expect(issueFields).not.toContain(gone);
    }
  });

  it('Signal: id, name, prompt, status (open string), backfillStatus (nullable), createdAt, matchCount; lastMatchAt optional and nullable', () => {
    expect(schemas.Signal.required).toEqual(['id', 'name', 'prompt', 'status', 'backfillStatus', 'createdAt', 'matchCount']);
    expect(props('Signal').sort()).toEqual([...schemas.Signal.required, 'lastMatchAt'].sort());
    expect(schemas.Signal.properties.status).toMatchObject({ type: 'string' });
    expect(schemas.Signal.properties.status.enum).toBeUndefined();
    expect(schemas.Signal.properties.backfillStatus.type).toEqual(['string', 'null']);
    expect(schemas.Signal.properties.lastMatchAt.type).toEqual(['string', 'null']);
  });

  it('Insight: id, createdAt, intervalStart, intervalEnd, sessionsCount, contentPreview', () => {
    expect(schemas.Insight.required).toEqual(['id', 'createdAt', 'intervalStart', 'intervalEnd', 'sessionsCount', 'contentPreview']);
    expect(props('Insight').sort()).toEqual([...schemas.Insight.required].sort());
  });

  it('keeps every object open: no schema sets additionalProperties: false', () => {
    const closed: string[] = [];
    const walk = (node: Json, at: string) => {
      if (!node || typeof node !== 'object') return;
      if (node.additionalProperties === false) closed.push(at);
      for (const [key, child] of Object.entries(node)) walk(child, `${at}/${key}`);
    };
    walk(spec.components.schemas, '#/components/schemas');
    walk(spec.paths, '#/paths');
    expect(closed).toEqual([]);
  });

  it('the status update body needs only status; other fields are not refused', () => {
    const body = deref(op('patch', '/api/v1/issues/{issueId}').requestBody.content['application/json'].schema);
    expect(body.required).toEqual(['status']);
    expect(body.additionalProperties).toBeUndefined();
  });
});

describe('ingest', () => {
  const replay = op('post', '/api/sdk/replay');
  const batch = deref(replay.requestBody.content['application/json'].schema);
  const event = deref(batch.properties.replay.properties.events.items);

  it('accepts JSON or gzip JSON and answers {"ok": true}; any other Content-Encoding is our 415', () => {
    const encoding = deref(param(replay, 'Content-Encoding'));
    expect(encoding.schema.enum).toBeUndefined();
    expect(encoding.schema.examples).toEqual(['gzip']);
    expect(encoding['x-invalid-response']).toEqual({ status: 415, example: 'unsupportedEncoding' });
    expect(response(replay, '415')['x-assumption']).toBeTruthy();
    expect(exampleBodies(response(replay, '200'))).toEqual([{ ok: true }]);
  });

  it('batch has session, user, page, replay with events and sequence, metadata, flush normal|final', () => {
    expect(batch.required).toEqual(['session', 'user', 'page', 'replay']);
    expect(Object.keys(batch.properties)).toEqual(['session', 'user', 'page', 'replay', 'metadata', 'flush']);
    expect(batch.properties.replay.required).toEqual(['events', 'sequence']);
    expect(batch.properties.replay.properties.sequence).toMatchObject({ type: 'integer', minimum: 0 });
    expect(batch.properties.flush).toMatchObject({ enum: ['normal', 'final'], default: 'normal' });
  });

  it('session: id, windowId (non-empty), startedAt, lastActivityAt (numbers) and url are all required', () => {
    const session = batch.properties.session;
    expect(session.required).toEqual(['id', 'windowId', 'startedAt', 'lastActivityAt', 'url']);
    expect(session.properties.id.minLength).toBe(1);
    expect(session.properties.windowId).toMatchObject({ type: 'string', minLength: 1 });
    expect(session.properties.startedAt.type).toBe('number');
    expect(session.properties.lastActivityAt.type).toBe('number');
  });

  it('user.id, user.properties, page.referrer, page.viewport, metadata and its fields may be null', () => {
    const { user, page, metadata } = batch.properties;
    expect(user.required).toEqual(['anonymousId']);
    expect(user.properties.id.type).toEqual(['string', 'null']);
    expect(user.properties.properties.type).toEqual(['object', 'null']);
    expect(page.required).toEqual(['url']);
    expect(page.properties.referrer.type).toEqual(['string', 'null']);
    expect(page.properties.viewport.type).toEqual(['object', 'null']);
    expect(page.properties.viewport.properties.width.type).toBe('number');
    expect(page.properties.viewport.properties.height.type).toBe('number');
    expect(metadata.type).toEqual(['object', 'null']);
    expect(metadata.properties.userAgent.type).toEqual(['string', 'null']);
    expect(metadata.properties.language.type).toEqual(['string', 'null']);
  });

  it('events: at least one; an event has a number timestamp, any integer type and any data', () => {
    expect(batch.properties.replay.properties.events.minItems).toBe(1);
    expect(event.required).toEqual(['timestamp', 'type', 'data']);
    expect(event.properties.timestamp.type).toBe('number');
    expect(event.properties.type.type).toBe('integer');
    expect(event.properties.type.enum).toBeUndefined();
    expect(event.properties.data.type).toBeUndefined();
  });

  it('documents both 401 messages, the body limit and 400 details as Zod issues', () => {
    expect(exampleBodies(response(replay, '401'))).toEqual([{ error: 'Missing API key' }, { error: 'Invalid or revoked API key' }]);
    expect(deref(deref(response(replay, '401').content['application/json'].schema).allOf[1]).properties.error.enum).toEqual([
      'Missing API key',
      'Invalid or revoked API key',
    ]);
    expect(replay['x-max-body-bytes']).toBe(5 * 1024 * 1024);
    expect(response(replay, '413').description).toMatch(/5 MiB/);

    const invalid = response(replay, '400');
    const details = deref(invalid.content['application/json'].schema).allOf[1].properties.details;
    expect(details.items.$ref).toBe('#/components/schemas/ZodIssue');
    const zodIssue = spec.components.schemas.ZodIssue;
    expect(zodIssue.required).toEqual(['code', 'path', 'message']);
    expect(zodIssue.properties.path).toMatchObject({ type: 'array', items: { type: ['string', 'number'] } });
    expect(namedExamples(invalid).invalidJson).toEqual({ error: 'Invalid JSON body' });
    const example = namedExamples(invalid).invalidBatch;
    expect(example.error).toBe('Invalid replay batch');
    expect(example.details).toEqual([
      { code: 'too_small', minimum: 1, type: 'array', inclusive: true, exact: false, path: ['replay', 'events'], message: 'Array must contain at least 1 element(s)' },
      { code: 'invalid_type', expected: 'string', received: 'undefined', path: ['session', 'windowId'], message: 'Required' },
    ]);
  });

  it('is idempotent per (session id, sequence) and CORS-open', () => {
    expect(replay['x-idempotent']).toBe(true);
    expect(replay.description).toMatch(/idempotent per \(`session\.id`,\s+`replay\.sequence`\)/i);
    expect(deref(response(replay, '200').headers['Access-Control-Allow-Origin']).schema.const).toBe('*');
  });
});
