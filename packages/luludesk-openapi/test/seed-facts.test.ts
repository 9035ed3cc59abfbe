// The facts LuluDesk documents for its Insights API (seed 002) must be stated by the bundled spec, and
// everything the documentation is silent on must be marked as our assumption and asked of no server.
import { loadBundledSpec, specReader } from '@apiforge/spec-build/testing';
import { describe, expect, it } from 'vitest';

type Json = any;
const spec: Json = loadBundledSpec(new URL('../dist/openapi.json', import.meta.url));
const { deref } = specReader(spec);
const BASE = '/api/v1/workspaces/{id}';
const op = (name: string) => spec.paths[`${BASE}/${name}`].get;
const param = (operation: Json, name: string) => (operation.parameters ?? []).map(deref).find((p: Json) => p.name === name);
const response = (operation: Json, status: string) => deref(operation.responses[status]);
const namedExamples = (res: Json): Record<string, Json> =>
  Object.fromEntries(Object.entries(res.content['application/json'].examples).map(([name, e]) => [name, deref(e).value]));
const exampleBodies = (res: Json) => Object.values(namedExamples(res));
const bodySchema = (operation: Json, status = '200') => deref(response(operation, status).content['application/json'].schema);
const prop = (schema: Json, ...keys: string[]) => keys.reduce((node, key) => deref(deref(node).properties[key]), schema);

const SCOPES = [
  ['insights', 'read:insights'],
  ['conversations', 'read:conversations'],
  ['handoffs', 'read:handoffs'],
  ['usage', 'read:usage'],
  ['knowledge-sources', 'read:knowledge'],
] as const;
const LISTS = ['conversations', 'handoffs', 'knowledge-sources'];
const DOCS = 'luludesk-insights-api';
const sourceOf = (node: Json) => deref(node)['x-source'];
const assumptionOf = (node: Json) => deref(node)['x-assumption'];

/** Every object in the bundle, with its JSON pointer. */
function* walk(node: Json, pointer = ''): Generator<[string, Json]> {
  if (!node || typeof node !== 'object') return;
  yield [pointer, node];
  for (const [key, value] of Object.entries(node)) yield* walk(value, `${pointer}/${key}`);
}

describe('operations, server and workspace id', () => {
  it('has exactly the five documented GET operations on https://luluclaw.com', () => {
    const ops = Object.entries(spec.paths).flatMap(([path, item]: [string, Json]) =>
      Object.keys(item).filter((k) => ['get', 'post', 'put', 'patch', 'delete'].includes(k)).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(ops.sort()).toEqual(SCOPES.map(([name]) => `GET ${BASE}/${name}`).sort());
    expect(spec.servers.map((s: Json) => s.url)).toEqual(['https://luluclaw.com']);
  });

  it.each(SCOPES.map(([name]) => name))('%s takes the workspace id as a path parameter; its UUID form is our assumption', (name) => {
    const [id] = spec.paths[`${BASE}/${name}`].parameters.map(deref);
    expect(id).toMatchObject({ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });
    expect(id['x-source']).toBe(DOCS);
    expect(id.schema['x-assumption']).toMatch(/UUID/);
    expect(id['x-invalid-response']).toEqual({ status: 404, example: 'workspaceNotFound' });
  });
});

describe('keys and scopes', () => {
  const scheme = spec.components.securitySchemes.bearerAuth;

  it('takes lld_ bearer keys with five scopes, all granted by the default read_only_insights preset', () => {
    expect(scheme).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(scheme['x-token-prefixes']).toEqual(['lld_']);
    const five = SCOPES.map(([, scope]) => scope);
    expect(Object.keys(scheme['x-scopes']).sort()).toEqual([...five].sort());
    expect(scheme['x-scope-presets'].read_only_insights).toEqual({ default: true, scopes: five });
  });

  it.each(SCOPES)('%s needs %s, named in the 403 insufficient_scope example and the sandbox\'s optional 401 challenge', (name, scope) => {
    const operation = op(name);
    expect(operation.security).toEqual([{ bearerAuth: [scope] }]);
    const unauthorized = response(operation, '401');
    const challenge = deref(unauthorized.headers['WWW-Authenticate']);
    expect(challenge.required).toBe(false);
    expect(challenge['x-assumption']).toMatch(/documents no WWW-Authenticate/);
    expect(challenge.schema.const).toBe(`Bearer realm="luludesk", scope="${scope}"`);
    expect(exampleBodies(unauthorized).map((b) => b.error)).toEqual(['auth_required']);
    const forbidden = namedExamples(response(operation, '403'));
    expect(forbidden.forbidden.error).toBe('forbidden');
    expect(forbidden.insufficientScope.error).toBe('insufficient_scope');
    expect(forbidden.insufficientScope.message).toContain(scope);
  });
});

describe('conversations: page, limit and cursor', () => {
  const conversations = op('conversations');

  it('page is 1-based, limit 1-100 default 20, cursor an opaque base64url string that overrides page', () => {
    expect(param(conversations, 'page').schema).toMatchObject({ type: 'integer', minimum: 1, default: 1 });
    expect(param(conversations, 'limit').schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 100, default: 20 });
    const cursor = param(conversations, 'cursor');
    expect(cursor.schema).toEqual({ type: 'string', pattern: '^[A-Za-z0-9_-]+$' });
    expect(cursor.description).toMatch(/overrides `page`/);
    for (const name of ['page', 'limit', 'cursor']) expect(param(conversations, name)['x-source']).toBe(DOCS);
  });

  it('answers {data, pagination: {page, limit, total, has_more, next_cursor}}', () => {
    const body = bodySchema(conversations);
    expect(body.required).toEqual(['data', 'pagination']);
    const pagination = prop(body, 'pagination');
    expect(pagination.required).toEqual(['page', 'limit', 'total', 'has_more', 'next_cursor']);
    expect(pagination.properties.next_cursor.type).toEqual(['string', 'null']);
    const conversation = deref(prop(body, 'data').items);
    expect(conversation.required).toEqual(['id', 'workspace_id', 'started_at', 'ended_at', 'message_count', 'handoff_id', 'status']);
    expect(conversation.properties.handoff_id.type).toEqual(['string', 'null']);
    // Only `closed` is documented and no list of values is: the status is an open string.
    const status = deref(conversation.properties.status);
    expect(status.enum).toBeUndefined();
    expect(status.type).toBe('string');
    expect(status.examples[0]).toBe('closed');
    expect(sourceOf(body)).toBe(DOCS);
    expect(conversations['x-pagination']).toMatchObject({
      strategy: 'cursor', cursorParam: 'cursor', nextCursorField: 'pagination.next_cursor', pageParam: 'page', itemsField: 'data',
    });
    expect(conversations['x-pagination'].order[0]).toEqual({ field: 'started_at', direction: 'desc' });
  });
});

describe('handoffs: status filter, limit and before', () => {
  const handoffs = op('handoffs');

  it('filters by pending|accepted|resolved|rejected, limit 1-200 default 50, before an ISO 8601 date-time', () => {
    expect(deref(param(handoffs, 'status').schema).enum).toEqual(['pending', 'accepted', 'resolved', 'rejected']);
    expect(param(handoffs, 'limit').schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 200, default: 50 });
    expect(param(handoffs, 'before').schema).toEqual({ type: 'string', format: 'date-time' });
    expect(param(handoffs, 'before').description).toMatch(/strictly earlier/);
  });

  it('pages newest first by created_at with the before cursor', () => {
    expect(handoffs['x-pagination']).toMatchObject({ strategy: 'before', cursorParam: 'before', cursorFromItemField: 'created_at', itemsField: 'data' });
    expect(handoffs['x-pagination'].order).toEqual([{ field: 'created_at', direction: 'desc' }]);
    for (const name of ['status', 'limit', 'before']) expect(param(handoffs, name)['x-source']).toBe(DOCS);
  });

  it('models the undocumented handoff body as an open assumption that requires nothing; created_at is documented', () => {
    const list = bodySchema(handoffs);
    expect(assumptionOf(list)).toMatch(/not its response body/);
    expect(list.required).toBeUndefined();
    expect(prop(list, 'meta').required).toBeUndefined();
    const handoff = deref(prop(list, 'data').items);
    expect(assumptionOf(handoff)).toMatch(/shows no handoff record/);
    expect(handoff.required).toBeUndefined();
    expect(handoff.properties.created_at['x-source']).toBe(DOCS);
    expect(handoff.properties.status.enum).toBeUndefined();
    expect(handoff.properties.workspace_id.$ref).toBeUndefined();
  });
});

describe('insights, usage and knowledge sources', () => {
  it('insights summarises conversations, handoffs and messages for the billing period', () => {
    const body = bodySchema(op('insights'));
    expect(body.required).toEqual(['data', 'workspace_id', 'meta']);
    expect(prop(body, 'data', 'conversations').required).toEqual(['total', 'period_start', 'period_end']);
    expect(prop(body, 'data', 'handoffs').required).toEqual(['total', 'pending', 'resolved']);
    expect(prop(body, 'data', 'messages').required).toEqual(['total', 'limit']);
    expect(prop(body, 'meta').required).toEqual(['generated_at', 'period_type']);
    expect(exampleBodies(response(op('insights'), '200'))[0].meta.period_type).toBe('billing_period');
    expect(deref(prop(body, 'meta', 'period_type')).examples).toEqual(['billing_period']);
    expect(sourceOf(body)).toBe(DOCS);
  });

  it('usage reports messages, utilisation and spend in integer USD micros', () => {
    const usage = op('usage');
    const data = prop(bodySchema(usage), 'data');
    expect(data.required).toEqual(['messages_used', 'messages_limit', 'messages_utilisation', 'period_start', 'period_end', 'cost_micros', 'cap_micros', 'pct_used']);
    expect(data.properties.cost_micros.type).toBe('integer');
    expect(data.properties.cap_micros.type).toBe('integer');
    expect(data.properties.messages_utilisation.type).toBe('number');
    expect(usage.description).toMatch(/three\s+times the plan price, and 30 USD on the free tier/);
    const [example] = exampleBodies(response(usage, '200'));
    expect(example.data).toMatchObject({ messages_used: 891, messages_limit: 3000, messages_utilisation: 0.297, cost_micros: 4200000, cap_micros: 87000000, pct_used: 4.83 });
  });

  it('knowledge sources have status ready|crawling|error|pending, an open type, and meta {total, page, limit}', () => {
    const sources = op('knowledge-sources');
    const body = bodySchema(sources);
    const source = deref(prop(body, 'data').items);
    expect(deref(source.properties.status).enum).toEqual(['ready', 'crawling', 'error', 'pending']);
    const type = deref(source.properties.type);
    expect(type.enum).toBeUndefined();
    expect(type.examples[0]).toBe('website');
    expect(source.required).toEqual(['id', 'workspace_id', 'name', 'type', 'url', 'chunk_count', 'status', 'created_at', 'updated_at']);
    expect(prop(body, 'meta').required).toEqual(['total', 'page', 'limit']);
    expect(sources['x-pagination']).toMatchObject({ strategy: 'page', pageParam: 'page', totalField: 'meta.total' });
  });

  it('knowledge sources document no query parameters: page and limit (and their 422) are our assumptions', () => {
    const sources = op('knowledge-sources');
    expect(param(sources, 'page').schema).toMatchObject({ minimum: 1, default: 1 });
    expect(param(sources, 'limit').schema).toMatchObject({ minimum: 1, maximum: 100, default: 20 });
    for (const name of ['page', 'limit']) {
      expect(param(sources, name)['x-source']).toBeUndefined();
      expect(param(sources, name)['x-assumption']).toMatch(/documents no query parameters/);
    }
    expect(response(sources, '422')['x-assumption']).toMatch(/documents no query parameters/);
  });
});

describe('errors', () => {
  const allErrors = SCOPES.flatMap(([name]) =>
    Object.entries(op(name).responses)
      .filter(([status]) => Number(status) >= 400)
      .map(([status, res]) => [`GET ${name} ${status}`, deref(res)] as const),
  );

  it.each(allErrors)('%s is a JSON ErrorResponse; its Cache-Control is an optional assumption', (_, res) => {
    const cacheControl = deref(res.headers['Cache-Control']);
    expect(cacheControl.required).toBe(false);
    expect(cacheControl['x-assumption']).toMatch(/documents no Cache-Control/);
    expect(res.content['application/json'].schema.$ref).toBe('#/components/schemas/ErrorResponse');
  });

  it('the error body: documented codes in an open string, a documented details array, the rest ours and not required', () => {
    const schema = spec.components.schemas.ErrorResponse;
    expect(schema.required).toBeUndefined();
    expect(schema['x-assumption']).toBeDefined();
    const code = schema.properties.error;
    expect(code.enum).toBeUndefined();
    expect(code.type).toBe('string');
    expect(code['x-assumption']).toMatch(/Gateway API/);
    for (const documented of ['auth_required', 'forbidden', 'insufficient_scope', 'workspace_not_found', 'invalid_params', 'internal_error']) {
      expect(code.description).toContain(`\`${documented}\``);
    }
    expect(schema.properties.message['x-assumption']).toBeDefined();
    expect(schema.properties.details['x-source']).toBe(DOCS);
    const detail = deref(schema.properties.details.items);
    expect(detail.required).toBeUndefined();
    expect(detail['x-assumption']).toMatch(/our names/);
    for (const [, res] of allErrors) {
      for (const body of exampleBodies(res)) {
        expect(Object.keys(body)).toEqual(body.error === 'invalid_params' ? ['error', 'message', 'details'] : ['error', 'message']);
      }
    }
  });

  it.each(SCOPES.map(([name]) => name))('%s documents 401, 403, 404 and 500 with their codes; its 429 is ours', (name) => {
    const operation = op(name);
    const codes = (status: string) => exampleBodies(response(operation, status)).map((b) => b.error);
    expect(codes('401')).toEqual(['auth_required']);
    expect(codes('403')).toEqual(['forbidden', 'insufficient_scope']);
    expect(codes('404')).toEqual(['workspace_not_found']);
    expect(codes('429')).toEqual(['rate_limited']);
    expect(codes('500')).toEqual(['internal_error']);
    for (const status of ['200', '401', '403', '404', '500']) expect(sourceOf(operation.responses[status]), status).toBe(DOCS);
    expect(sourceOf(operation.responses['429'])).toBeUndefined();
  });

  it.each(LISTS)('%s: 422 invalid_params lists {field, value, constraint} for each parameter', (name) => {
    const operation = op(name);
    const examples = namedExamples(response(operation, '422'));
    for (const body of Object.values(examples)) {
      expect(body.error).toBe('invalid_params');
      expect(body.details.length).toBeGreaterThan(0);
    }
    for (const parameter of operation.parameters.map(deref)) {
      const invalid = parameter['x-invalid-response'];
      expect(invalid.status).toBe(422);
      expect(examples[invalid.example].details.map((d: Json) => d.field)).toContain(parameter.name);
    }
  });

  it('rejects floats, negatives and scientific notation with 422', () => {
    for (const name of ['conversations', 'knowledge-sources']) {
      const values = exampleBodies(response(op(name), '422')).flatMap((b) => b.details.map((d: Json) => d.value));
      expect(values).toEqual(expect.arrayContaining(['1.5', '-5', '1e2']));
    }
  });

  it.each(SCOPES.map(([name]) => name))('%s: the sandbox\'s 429 (60 per minute per key) and its headers are optional assumptions', (name) => {
    const operation = op(name);
    expect(operation['x-rate-limit']).toMatchObject({ limit: 60, windowSeconds: 60, per: 'key' });
    const limited = response(operation, '429');
    expect(limited['x-assumption']).toMatch(/publishes no limit for this API/);
    expect(limited['x-assumption']).toMatch(/Gateway/);
    const headers = limited.headers;
    expect(Object.keys(headers)).toEqual(expect.arrayContaining(['Retry-After', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset']));
    for (const header of Object.values(headers).map(deref)) {
      expect(header.required).toBe(false);
      expect(header['x-assumption']).toBeDefined();
    }
  });

  it('every response of every operation has at least one example', () => {
    for (const [name] of SCOPES) {
      for (const res of Object.values(op(name).responses).map(deref)) {
        expect(Object.keys(res.content['application/json'].examples).length).toBeGreaterThan(0);
      }
    }
  });
});

describe('provenance', () => {
  it('registers the Insights API reference with its seed, and the Gateway page the rate-limit note refers to', () => {
    expect(spec['x-sources'][DOCS]).toEqual({
      title: expect.any(String),
      url: 'https://luluclaw.com/docs/insights-api',
      seed: '002_15141930fe237b2f.txt',
    });
    expect(spec['x-sources']['luludesk-gateway'].url).toBe('https://luluclaw.com/docs/gateway');
    expect(spec.components.securitySchemes.bearerAuth['x-source']).toBe(DOCS);
  });

  it.each(SCOPES.map(([name]) => name))('%s is documented by the Insights API reference', (name) => {
    expect(op(name)['x-source']).toBe(DOCS);
  });

  it('requires no header of any response, and closes no response object', () => {
    for (const [pointer, node] of walk(spec)) {
      if (pointer.includes('/headers/')) expect(node.required === true, pointer).toBe(false);
      expect(node.additionalProperties, pointer).not.toBe(false);
    }
  });

  it('says where it goes beyond the documentation, and keeps maintainer notes apart', () => {
    const { description } = spec.info;
    expect(description).toMatch(/## Where this description goes beyond LuluDesk's documentation/);
    expect(description).toMatch(/60 requests per minute/);
    expect(description).toMatch(/per-workspace hour/);
    expect(description).not.toMatch(/Prism|redocly|house\//i);
    expect(spec.info['x-maintainer-notes']).toMatch(/house\/rate-limit-headers/);
  });
});
