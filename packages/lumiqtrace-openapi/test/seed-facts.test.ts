// The facts LumiqTrace documents (seed 003 and its public API reference pages) must be stated by the
// bundled spec, and nothing undocumented may be required of a real server.
import { collectFacts, provenanceReport } from '@apiforge/spec-build/provenance';
import { loadBundledSpec, specReader } from '@apiforge/spec-build/testing';
import { describe, expect, it } from 'vitest';

type Json = any;
const spec: Json = loadBundledSpec(new URL('../dist/openapi.json', import.meta.url));
const { deref, op, param, response, exampleBodies, namedExamples, operations, headerNames } = specReader(spec);

const INGEST = ['post /v1/ingest', 'post /v1/otel'];
const BEARER = ['get /v1/events', 'get /v1/traces/{traceId}', 'get /v1/projects/{id}/overview', 'get /v1/costs', 'get /v1/performance'];
const key = (o: { method: string; path: string }) => `${o.method} ${o.path}`;
const split = (name: string) => name.split(' ') as [string, string];
const schemas = spec.components.schemas;

/** Every response of every operation, dereferenced: [label, status, response]. */
const responses = operations.flatMap(({ method, path, operation }) =>
  Object.entries(operation.responses).map(([status, res]) => [`${method.toUpperCase()} ${path} ${status}`, status, deref(res), res] as const),
);

/** Every schema object reachable from the document (components and inline), with where it is. */
function schemaNodes(): Array<[string, Json]> {
  const nodes: Array<[string, Json]> = [];
  const walk = (node: Json, at: string) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${at}/${i}`));
    if (node.type !== undefined || node.properties || node.allOf) nodes.push([at, node]);
    for (const [k, v] of Object.entries(node)) if (k !== 'examples' && k !== 'example') walk(v, `${at}/${k}`);
  };
  walk(spec.paths, '#/paths');
  walk(spec.components, '#/components');
  return nodes;
}

describe('operations and server', () => {
  it('covers the documented endpoints, all on https://api.lumiqtrace.com', () => {
    expect(operations.map(key).sort()).toEqual([...INGEST, ...BEARER].sort());
    expect(spec.servers.map((s: Json) => s.url)).toEqual(['https://api.lumiqtrace.com']);
    expect(operations.every(({ path }) => spec.paths[path].servers === undefined)).toBe(true);
  });

  it('lists every endpoint in info.description, what goes beyond the documentation, and the missing fourth metrics endpoint', () => {
    for (const name of [...INGEST, ...BEARER]) {
      const [method, path] = split(name);
      expect(spec.info.description).toContain(`\`${method.toUpperCase()} ${path}\``);
    }
    expect(spec.info.description).toContain("## Where this description goes beyond LumiqTrace's documentation");
    expect(spec.info.description).toMatch(/fourth metrics endpoint[\s\S]*known gap/);
    expect(spec.info['x-maintainer-notes']).toMatch(/fourth metrics endpoint[\s\S]*was not found/);
    // Tooling and mock notes are for maintainers only.
    expect(spec.info.description).not.toMatch(/Prism|Tooling notes/);
    expect(spec.info['x-maintainer-notes']).toMatch(/Prism 5\.14/);
  });

  it('the project overview names its path parameter `id`, as the reference does', () => {
    expect(spec.paths['/v1/projects/{id}/overview'].parameters.map(deref)).toMatchObject([{ name: 'id', in: 'path', required: true }]);
  });
});

describe('provenance', () => {
  it('has a registry of LumiqTrace sources; the errors page names seed 003', () => {
    const sources = spec['x-sources'];
    expect(Object.keys(sources).length).toBeGreaterThanOrEqual(8);
    for (const source of Object.values(sources) as Json[]) expect(source.url).toMatch(/^https:\/\/docs\.lumiqtrace\.com\//);
    expect(sources['lumiqtrace-errors']).toMatchObject({ url: 'https://docs.lumiqtrace.com/api-reference/errors', seed: '003_311bdd0228d1a993.txt' });
  });

  it('marks every operation, parameter, response, header and schema, each mark naming registered sources', () => {
    const report = provenanceReport(spec);
    expect(report.unmarked).toEqual([]);
    expect(report.counts.documented).toBeGreaterThan(report.counts.assumed);
    for (const fact of collectFacts(spec)) {
      if (fact.mark?.kind === 'source') for (const id of fact.mark.sources) expect(Object.keys(spec['x-sources'])).toContain(id);
    }
  });

  it.each([
    ['post /v1/ingest', '202'],
    ['post /v1/ingest', '413'],
    ['post /v1/ingest', '415'],
    ['post /v1/otel', '400'],
    ['post /v1/otel', '413'],
    ['post /v1/otel', '415'],
    ['get /v1/traces/{traceId}', '404'],
  ])('%s %s is marked as our assumption', (name, status) => {
    const [method, path] = split(name);
    const raw = op(method, path).responses[status];
    expect(raw['x-assumption'] ?? deref(raw)['x-assumption']).toMatch(/\w/);
  });

  it.each([
    ['post /v1/otel', '202', 'lumiqtrace-otel'],
    ['post /v1/otel', '401', 'lumiqtrace-otel'],
    ['post /v1/otel', '429', 'lumiqtrace-otel'],
    ['post /v1/ingest', '400', 'lumiqtrace-errors'],
    ['post /v1/ingest', '429', 'lumiqtrace-errors'],
    ['get /v1/events', '200', 'lumiqtrace-events'],
    ['get /v1/traces/{traceId}', '200', 'lumiqtrace-traces'],
    ['get /v1/projects/{id}/overview', '200', 'lumiqtrace-metrics'],
    ['get /v1/costs', '500', 'lumiqtrace-errors'],
  ])('%s %s cites %s', (name, status, source) => {
    const [method, path] = split(name);
    const raw = op(method, path).responses[status];
    expect([raw['x-source'] ?? deref(raw)['x-source']].flat()).toContain(source);
  });
});

describe('ingest', () => {
  const ingest = op('post', '/v1/ingest');
  const line = () => deref(ingest.requestBody.content['application/x-ndjson'].schema);

  it('authenticates with an lqt_ key in the x-api-key header', () => {
    expect(spec.components.securitySchemes.projectApiKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-api-key', 'x-token-prefixes': ['lqt_'] });
    for (const name of INGEST) expect(op(...split(name)).security).toEqual([{ projectApiKey: [] }]);
  });

  it('takes NDJSON whose schema is one event per line, at most 100 lines', () => {
    const media = ingest.requestBody.content;
    expect(Object.keys(media)).toEqual(['application/x-ndjson']);
    expect(line().description).toMatch(/each line of the NDJSON body is one such object/);
    expect(media['application/x-ndjson']['x-ndjson']).toEqual({ maxItems: 100 });
    expect(ingest.description).toMatch(/each line is one\s+`IngestEvent` object/);
  });

  it('refuses more than 100 events with "Max 100 events per batch" and never retries a 400', () => {
    const badRequest = response(ingest, '400');
    expect(namedExamples(badRequest).tooManyEvents).toEqual({ error: 'Max 100 events per batch' });
    expect(badRequest['x-retry']).toEqual({ retry: 'never' });
  });

  it('recommends gzip through the Content-Encoding header, naming no other coding', () => {
    const encoding = param(ingest, 'Content-Encoding');
    expect(encoding).toMatchObject({ in: 'header', required: false, 'x-source': 'lumiqtrace-ingest' });
    expect(encoding.schema.enum).toBeUndefined();
    expect(encoding.schema.examples).toEqual(['gzip']);
    expect(encoding.description).toMatch(/Recommended/);
    expect(param(op('post', '/v1/otel'), 'Content-Encoding')['x-assumption']).toMatch(/OTLP page does not mention compression/);
  });

  it('is idempotent, deduplicated by event_id (a UUID)', () => {
    expect(ingest['x-idempotent']).toBe(true);
    expect(ingest['x-dedupe-field']).toBe('event_id');
    expect(schemas.EventFields.properties.event_id).toMatchObject({ type: 'string', format: 'uuid' });
  });

  it('the line requires exactly the five fields the reference visibly marks required', () => {
    expect(line().required).toEqual(['event_id', 'trace_id', 'span_id', 'timestamp', 'provider']);
  });

  it('the line takes the documented provider, operation, status and span_kind values only', () => {
    const fields = line();
    expect(deref(fields.properties.provider).enum).toEqual(['openai', 'anthropic', 'google', 'custom']);
    expect(deref(fields.properties.operation).enum).toEqual(['chat', 'embed', 'tool', 'agent', 'custom']);
    expect(deref(schemas.EventFields.properties.status).enum).toEqual(['success', 'error', 'timeout', 'rate_limited', 'cancelled']);
    expect(deref(fields.properties.span_kind).enum).toEqual(['llm', 'agent', 'tool', 'planning', 'handoff', 'retriever', 'guardrail', 'general']);
    expect(fields.properties.parent_span_id.type).toBe('string');
  });

  it('the line is open: no source says unknown fields are refused', () => {
    expect(line().additionalProperties).toBeUndefined();
    expect(line().unevaluatedProperties).toBeUndefined();
    expect(schemas.EventFields.additionalProperties).toBeUndefined();
  });

  it('documents the concept fields, metadata and delegation_reason, with their sources', () => {
    const fields = schemas.EventFields.properties;
    for (const name of ['model', 'span_kind', 'latency_ms', 'ttft_ms', 'input_tokens', 'output_tokens', 'cached_tokens', 'cost_usd', 'status', 'error_code', 'error_message', 'environment', 'user_id', 'session_id', 'tags', 'prompt_hash']) {
      expect(fields[name], name).toBeDefined();
    }
    expect(fields.tags).toMatchObject({ type: 'object', additionalProperties: { type: 'string' } });
    expect(fields.metadata).toMatchObject({ type: 'object', 'x-source': 'lumiqtrace-pii-redaction' });
    expect(fields.delegation_reason).toMatchObject({ type: 'string', 'x-source': 'lumiqtrace-agent-tracing' });
    expect(fields.finish_reason['x-source']).toBe('lumiqtrace-otel');
    expect(fields.prompt_hash.pattern).toBeUndefined();
  });

  it('answers 401 "Invalid API key" and sends no challenge header LumiqTrace does not document', () => {
    for (const name of INGEST) {
      const unauthorized = response(op(...split(name)), '401');
      expect(exampleBodies(unauthorized)).toEqual([{ error: 'Invalid API key' }]);
      expect(headerNames(unauthorized, { assumptions: false })).toEqual([]);
    }
  });
});

describe('events read back', () => {
  const event = schemas.Event;

  it('come from either upload route: only identity fields and the timestamp are required', () => {
    expect(event.required).toEqual(['event_id', 'trace_id', 'span_id', 'timestamp']);
    expect(deref(event.allOf[0])).toBe(schemas.EventFields);
  });

  it('operation and provider are open strings, model optional (OTLP spans map span.name and gen_ai.system)', () => {
    const fields = schemas.EventFields.properties;
    expect(fields.operation).toMatchObject({ type: 'string' });
    expect(fields.operation.enum).toBeUndefined();
    expect(fields.provider).toMatchObject({ type: 'string' });
    expect(fields.provider.enum).toBeUndefined();
    expect(fields.model.type).toBe('string');
    expect(op('post', '/v1/otel').description).toMatch(/span name becomes `operation`/);
  });

  it('parent_span_id may be null; the stored error_message is at most 500 characters', () => {
    expect(event.properties.parent_span_id.type).toEqual(['string', 'null']);
    expect(event.properties.error_message).toMatchObject({ maxLength: 500, 'x-source': 'lumiqtrace-concepts' });
  });

  it('trace spans may carry children, which are not required', () => {
    const span = schemas.TraceSpan;
    expect(span.required).toBeUndefined();
    expect(span.properties.children.type).toBe('array');
  });

  it('an example event from an OTLP span without gen_ai attributes conforms (no model or provider)', () => {
    const page = spec.components.examples.EventListPage.value;
    expect(page.events.some((e: Json) => e.model === undefined && e.provider === undefined)).toBe(true);
  });
});

describe('no response object is closed and nothing invented is required', () => {
  it('no schema other than the single-field error body closes its object', () => {
    for (const [at, node] of schemaNodes()) {
      if (at === '#/components/schemas/ErrorResponse') continue;
      expect(node.additionalProperties, at).not.toBe(false);
      expect(node.unevaluatedProperties, at).toBeUndefined();
    }
    expect(schemas.ErrorResponse).toMatchObject({ type: 'object', required: ['error'], additionalProperties: false });
  });

  it('cost and performance fields are ours, lenient and never required', () => {
    for (const name of ['CostReport', 'PerformanceReport']) {
      const schema = schemas[name];
      expect(schema.required).toBeUndefined();
      expect(schema['x-source']).toBe('lumiqtrace-metrics');
      for (const [field, property] of Object.entries(schema.properties) as Array<[string, Json]>) expect(property['x-assumption'], field).toMatch(/ours/);
    }
  });

  it('the overview uses the field names of the reference example, typed as numbers', () => {
    const overview = schemas.ProjectOverview;
    expect(overview.required).toEqual(['kpis', 'timeline', 'topModels', 'recentErrors']);
    expect(overview.properties.kpis.required).toEqual(['totalRequests', 'totalCost', 'avgLatency', 'errorRate']);
    expect(overview.properties.kpis.properties.totalRequests.type).toBe('number');
    expect(Object.keys(overview.properties.timeline.items.properties)).toEqual(['hour', 'requests', 'cost', 'errors']);
    expect(overview.properties.timeline.items.required).toBeUndefined();
    expect(overview.properties.topModels.maxItems).toBe(5);
    expect(overview.properties.recentErrors.maxItems).toBe(10);
    expect(overview.properties.recentErrors.items.required).toBeUndefined();
  });

  it('no header but the documented Retry-After is required, and no WWW-Authenticate or Cache-Control is declared', () => {
    for (const [label, , res] of responses) {
      for (const [name, header] of Object.entries(res.headers ?? {}) as Array<[string, Json]>) {
        const resolved = deref(header);
        expect(['cache-control', 'www-authenticate'], label).not.toContain(name.toLowerCase());
        if (name === 'Retry-After') expect(resolved).toMatchObject({ required: true, 'x-source': 'lumiqtrace-errors' });
        else expect(resolved, `${label} ${name}`).toMatchObject({ required: false, 'x-assumption': expect.any(String) });
      }
    }
  });
});

describe('bearer endpoints', () => {
  it('use the http bearer scheme with the org:member pseudo-scope', () => {
    const bearer = spec.components.securitySchemes.sessionBearer;
    expect(bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(bearer['x-scopes'])).toEqual(['org:member']);
    expect(bearer.description).toMatch(/Opaque/);
    for (const name of BEARER) expect(op(...split(name)).security).toEqual([{ sessionBearer: ['org:member'] }]);
  });

  it.each(BEARER)('%s: 401 "Not authenticated", 403 "Not a member of this organization"', (name) => {
    const operation = op(...split(name));
    expect(exampleBodies(response(operation, '401'))).toEqual([{ error: 'Not authenticated' }]);
    expect(exampleBodies(response(operation, '403'))).toEqual([{ error: 'Not a member of this organization' }]);
  });

  it.each(['/v1/events', '/v1/traces/{traceId}', '/v1/costs', '/v1/performance'])('%s requires projectId (400 when missing)', (path) => {
    const operation = op('get', path);
    expect(param(operation, 'projectId')).toMatchObject({ in: 'query', required: true });
    expect(param(operation, 'projectId').schema).toEqual({ type: 'string' });
    expect(param(operation, 'projectId')['x-invalid-response']).toEqual({ status: 400, example: 'repeatedProjectId', whenMissing: 'missingProjectId' });
    expect(namedExamples(response(operation, '400')).missingProjectId).toBeDefined();
    expect(namedExamples(response(operation, '400')).repeatedProjectId).toBeDefined();
  });

  it('cost window defaults to the last 30 days; the window parameter names are ours', () => {
    const costs = op('get', '/v1/costs');
    expect(param(costs, 'start').description).toMatch(/30 days ago/);
    expect(param(costs, 'end').description).toMatch(/now/);
    for (const path of ['/v1/costs', '/v1/performance']) {
      for (const name of ['start', 'end']) expect(param(op('get', path), name)['x-assumption']).toMatch(/name is not in the part we could read/);
    }
  });
});

describe('events list', () => {
  const events = op('get', '/v1/events');

  it('filters by model, status, start, end, environment and userId, with the documented status values', () => {
    for (const name of ['model', 'status', 'start', 'end', 'environment', 'userId']) {
      expect(param(events, name)).toMatchObject({ in: 'query', required: false, 'x-source': 'lumiqtrace-events' });
    }
    expect(deref(param(events, 'status').schema).enum).toEqual(['success', 'error', 'timeout', 'rate_limited', 'cancelled']);
    for (const name of ['model', 'environment', 'userId']) expect(param(events, name).schema).toEqual({ type: 'string' });
  });

  it('limit defaults to 50, at most 200, no invented minimum; cursor paging with nextCursor and total', () => {
    const limit = param(events, 'limit').schema;
    expect(limit).toMatchObject({ type: 'integer', maximum: 200, default: 50 });
    expect(limit.minimum).toBeUndefined();
    expect(param(events, 'cursor')).toMatchObject({ in: 'query', required: false, schema: { type: 'string' } });
    const list = deref(response(events, '200').content['application/json'].schema);
    expect(list.required).toEqual(['events', 'nextCursor', 'total']);
    expect(list.properties.nextCursor.type).toEqual(['string', 'null']);
    expect(events['x-pagination']).toMatchObject({ strategy: 'cursor', cursorParam: 'cursor', nextCursorField: 'nextCursor', itemsField: 'events', totalField: 'total' });
    expect(spec.info.description).toMatch(/event list is ordered newest first/);
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
  const errors = responses.filter(([, status]) => Number(status) >= 400);

  it.each(errors)('%s: single-field JSON ErrorResponse and an x-retry policy', (_, status, res) => {
    expect(res.content['application/json'].schema.$ref).toBe('#/components/schemas/ErrorResponse');
    expect(res['x-retry']).toBeDefined();
    for (const body of exampleBodies(res)) expect(Object.keys(body)).toEqual(['error']);
    if (['400', '401', '403', '404', '413', '415'].includes(status)) expect(res['x-retry']).toEqual({ retry: 'never' });
  });

  it('every operation documents 500 with exponential backoff from 1 second, and no undocumented multiplier or cap', () => {
    for (const { operation } of operations) {
      expect(response(operation, '500')['x-retry']).toEqual({ retry: 'exponential-backoff', initialDelayMs: 1000 });
    }
  });

  it('ingest 429 tells "Rate limit exceeded" from "Monthly quota exceeded"; the quota is never retried', () => {
    const tooMany = response(op('post', '/v1/ingest'), '429');
    expect(namedExamples(tooMany)).toEqual({ rateLimited: { error: 'Rate limit exceeded' }, quotaExceeded: { error: 'Monthly quota exceeded' } });
    expect(tooMany['x-retry']).toEqual({ retry: 'after-retry-after', except: ['Monthly quota exceeded'] });
  });

  it('the OTLP 429 is the monthly event quota; no per-minute limit is published for it', () => {
    const otel = op('post', '/v1/otel');
    expect(namedExamples(response(otel, '429'))).toEqual({ quotaExceeded: { error: 'Monthly quota exceeded' } });
    expect(otel['x-rate-limit']).toBeUndefined();
    expect(spec['x-rate-limit-groups'].ingest.paths).toEqual(['/v1/ingest']);
  });

  it.each(operations.map((o) => [key(o), o.operation] as const))('%s: 429 with the documented Retry-After', (_, operation) => {
    const tooMany = response(operation, '429');
    expect(deref(tooMany.headers['Retry-After'])).toMatchObject({ required: true, schema: { type: 'integer' } });
    expect(tooMany['x-retry'].retry).toBe('after-retry-after');
  });

  it('ingest: 1,000 requests per minute per API key, sliding window', () => {
    expect(op('post', '/v1/ingest')['x-rate-limit']).toEqual({ group: 'ingest', limit: 1000, windowSeconds: 60, per: 'key', algorithm: 'sliding-window' });
  });

  it.each(BEARER)('%s: dashboard group, 300 requests per minute per session, sliding window', (name) => {
    expect(op(...split(name))['x-rate-limit']).toEqual({ group: 'dashboard', limit: 300, windowSeconds: 60, per: 'session', algorithm: 'sliding-window' });
    expect(response(op(...split(name)), '429')['x-retry']).toEqual({ retry: 'after-retry-after' });
  });

  it('AI endpoints under /v1/ai: 20 requests per hour per organization, sliding window', () => {
    expect(spec['x-rate-limit-groups'].ai).toEqual({ limit: 20, windowSeconds: 3600, per: 'organization', algorithm: 'sliding-window', paths: ['/v1/ai/*'] });
    expect(spec.info.description).toMatch(/AI endpoints\*\* \(`\/v1\/ai\/\*`\)/);
  });
});

describe('upload limits and encodings (our assumptions, answered by the sandbox)', () => {
  it.each(INGEST)('%s: 1 MiB after decompression, 413, 415 and the gzip 400', (which) => {
    const operation = op(...split(which));
    expect(operation['x-max-body-bytes']).toBe(1048576);
    expect(exampleBodies(response(operation, '413'))).toEqual([{ error: 'Request body too large: the limit is 1048576 bytes after decompression' }]);
    expect(exampleBodies(response(operation, '415'))).toEqual([{ error: 'Unsupported Content-Encoding: use gzip or send the body uncompressed' }]);
    expect(exampleBodies(response(operation, '400'))).toContainEqual({ error: 'Request body could not be decompressed as gzip' });
    expect(param(operation, 'Content-Encoding')['x-invalid-response']).toEqual({ status: 415, example: 'unsupportedEncoding' });
  });
});
