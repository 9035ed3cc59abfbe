import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApiConnection,
  callWithBody,
  AuthenticationError,
  callOperation,
  createConnection,
  cursorPages,
  paginateOperation,
  readFixedPath,
  refuseOtherClients,
  sendLines,
  type ClientDefinition,
  type OperationMeta,
  type RequestEvent,
  type ResponseEvent,
  type Transport,
} from '../src/index.js';

class KeyError extends TypeError {}

const DEFINITION: ClientDefinition = {
  name: 'WidgetClient',
  envPrefix: 'WIDGET',
  credential: { option: 'apiKey', env: 'WIDGET_API_KEY', label: 'a widget key', prefixes: ['wid_'], others: [{ client: 'WidgetIngestClient', label: 'an ingest key', prefixes: ['wpk_'] }] },
  baseUrl: { default: 'https://api.widgets.test', env: 'WIDGET_BASE_URL', aliases: ['widgetBaseUrl'] },
  CredentialError: KeyError,
  refuseOthers: refuseOtherClients,
};
const GET: OperationMeta = { method: 'GET', idempotent: true, pagination: null, maxBodyBytes: null, ndjson: null, retry: {} };
const LIST: OperationMeta = { ...GET, pagination: { strategy: 'cursor', cursorParam: 'cursor', nextCursorField: 'next', itemsField: 'items' }, pages: cursorPages };
const LINES: OperationMeta = { ...GET, method: 'POST', idempotent: false, ndjson: { mediaType: 'application/x-ndjson', maxItems: 2 }, contentType: 'application/x-ndjson', gzip: true };
const SECRET = 'wid_supersecretvalue';

// What hey-api generates for an operation: the client's method with the URL and security.
const security = [{ scheme: 'bearer', type: 'http' }] as const;
const getWidget = (options: { client: { get: (o: unknown) => Promise<unknown> } }) => options.client.get({ security, url: '/widgets/{id}', ...options });
const listWidgets = (options: { client: { get: (o: unknown) => Promise<unknown> } }) => options.client.get({ security, url: '/widgets', ...options });
const sendWidgets = (options: { client: { post: (o: unknown) => Promise<unknown> } }) => options.client.post({ security, url: '/widgets/ingest', ...options });

/** A fetch that records requests and answers from `reply`. */
function fakeFetch(reply: (request: Request) => { status?: number; body?: unknown; headers?: Record<string, string> } = () => ({ body: { id: 'w1' } })) {
  const requests: Request[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push(request);
    const { status = 200, body, headers } = reply(request);
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'x-request-id': `req_${requests.length}`, ...headers } });
  });
  return { requests, fetch: fetch as unknown as typeof globalThis.fetch };
}

const connect = (options: Record<string, unknown>) => createConnection(DEFINITION, { apiKey: SECRET, maxRetries: 0, ...options });

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('withResponse', () => {
  it('gives data, status, headers and the request id; await alone gives the data', async () => {
    const { fetch } = fakeFetch(() => ({ body: { id: 'w1' }, headers: { 'x-ratelimit-remaining': '41' } }));
    const client = connect({ fetch });
    expect(await callOperation(client, 'getWidget', GET, getWidget, { path: { id: 'w1' } })).toEqual({ id: 'w1' });
    const answer = await callOperation(client, 'getWidget', GET, getWidget, { path: { id: 'w1' } }).withResponse();
    expect(answer).toMatchObject({ data: { id: 'w1' }, status: 200, requestId: 'req_2' });
    expect(answer.headers.get('x-ratelimit-remaining')).toBe('41');
  });

  it('works on a list (the first page) and on calls with a body', async () => {
    const { fetch, requests } = fakeFetch((request) => (request.method === 'POST' ? { status: 202 } : { body: { items: [1], next: null } }));
    const client = connect({ fetch, gzip: false });
    const page = await paginateOperation(client, 'listWidgets', LIST, listWidgets, {}, {}).withResponse();
    expect(page).toMatchObject({ data: { items: [1] }, status: 200, requestId: 'req_1' });
    expect(await sendLines(client, 'sendWidgets', LINES, sendWidgets, [{ a: 1 }, { a: 2 }, { a: 3 }])).toEqual({ batches: 2, events: 3 });
    expect(requests.slice(1).map((request) => request.headers.get('content-type'))).toEqual(['application/x-ndjson', 'application/x-ndjson']);
    expect(await requests[2]!.text()).toBe('{"a":3}\n');
  });

  it('a list follows its pagination strategy (the meta carries its code) and refuses a meta without one', async () => {
    const { fetch, requests } = fakeFetch((request) => ({ body: new URL(request.url).searchParams.get('cursor') ? { items: [2], next: null } : { items: [1], next: 'c2' } }));
    const client = connect({ fetch });
    const items: unknown[] = [];
    for await (const item of paginateOperation(client, 'listWidgets', LIST, listWidgets, {}, {})) items.push(item);
    expect(items).toEqual([1, 2]);
    expect(requests.map((request) => new URL(request.url).search)).toEqual(['', '?cursor=c2']);
    const { pages: _pages, ...withoutStrategy } = LIST;
    expect(() => paginateOperation(client, 'listWidgets', withoutStrategy, listWidgets, {}, {})).toThrow('listWidgets has no pagination strategy in its meta');
  });

  it('a failed call rejects once, through withResponse, with the request id on the typed error', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    const { fetch } = fakeFetch(() => ({ status: 401, body: { error: 'bad key' } }));
    const error = await callOperation(connect({ fetch }), 'getWidget', GET, getWidget, { path: { id: 'w1' } }).withResponse().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).requestId).toBe('req_1');
    await new Promise((resolve) => setTimeout(resolve, 20));
    process.off('unhandledRejection', unhandled);
    expect(unhandled).not.toHaveBeenCalled();
  });
});

describe('request bodies', () => {
  it('follows the spec: media type, gzip where Content-Encoding is documented, the body limit before sending', async () => {
    const { fetch, requests } = fakeFetch(() => ({ status: 202 }));
    const POST: OperationMeta = { ...GET, method: 'POST', contentType: 'application/json', gzip: true, maxBodyBytes: 20 };
    const client = connect({ fetch });
    await callWithBody(client, 'sendWidgets', POST, sendWidgets, { body: { a: 1 } });
    await callWithBody(client, 'sendWidgets', POST, sendWidgets, { body: { a: 2 } }, { gzip: false });
    expect(requests.map((request) => [request.headers.get('content-type'), request.headers.get('content-encoding')])).toEqual([
      ['application/json', 'gzip'],
      ['application/json', null],
    ]);
    expect(await requests[1]!.text()).toBe('{"a":2}');
    const tooLarge = await callWithBody(client, 'sendWidgets', POST, sendWidgets, { body: { a: 'x'.repeat(20) } }).catch((e: unknown) => e);
    expect((tooLarge as Error).message).toBe('The sendWidgets body is 28 bytes; the API accepts at most 20. Send less per request.');
    expect(requests).toHaveLength(2);
  });
});

describe('the connection', () => {
  it('fills fixed path parameters and hands each operation its own transport: its idempotency, the client settings, per-call overrides', async () => {
    const definition: ClientDefinition = { ...DEFINITION, fixedPath: { workspace: { option: 'workspaceId', env: 'WIDGET_WORKSPACE', label: 'a workspace id' } }, readFixedPath };
    const client = createConnection(definition, { apiKey: SECRET, workspaceId: 'w1', maxRetries: 3 });
    const seen: Array<Record<string, unknown>> = [];
    const operation = async (options: Record<string, unknown>) => (seen.push(options), { data: 'ok', response: new Response() });
    expect(await callOperation(client, 'getThing', GET, operation, { path: { thingId: 't1' }, query: { limit: 5 } }, { timeoutMs: 100 })).toBe('ok');
    await callOperation(client, 'postThing', { idempotent: false }, operation, { body: { name: 'n' } });
    await callOperation(client, 'postThing', { idempotent: false }, operation, { body: { name: 'm' } });
    expect(seen[0]).toMatchObject({ throwOnError: true, path: { workspace: 'w1', thingId: 't1' }, query: { limit: 5 } });
    expect(seen[1]).toMatchObject({ path: { workspace: 'w1' }, body: { name: 'n' } });
    const transportOf = (options: Record<string, unknown>) => options.transport as Transport;
    expect(transportOf(seen[0]!).options).toMatchObject({ idempotent: true, maxRetries: 3, timeoutMs: 100 });
    expect(transportOf(seen[1]!).options).toMatchObject({ idempotent: false, maxRetries: 3 });
    expect(transportOf(seen[2]!)).toBe(transportOf(seen[1]!));
  });

  it('refuses an empty fixed path value even when its pattern would match one, and takes null call options', async () => {
    const definition: ClientDefinition = { ...DEFINITION, fixedPath: { workspace: { option: 'workspaceId', env: 'WIDGET_WORKSPACE', label: 'a workspace id', pattern: '^[a-z]*$' } }, readFixedPath };
    expect(() => createConnection(definition, { apiKey: SECRET, workspaceId: '' })).toThrow('WidgetClient needs a workspace id in `workspaceId` (or WIDGET_WORKSPACE).');
    const client = createConnection(definition, { apiKey: SECRET, workspaceId: 'w' });
    const operation = async () => ({ data: 'ok', response: new Response() });
    expect(await callOperation(client, 'getThing', GET, operation, {}, null as unknown as undefined)).toBe('ok');
  });

  it('ignores what is not a client option: a signal or a retry hook given to the client applies to no call', async () => {
    const seen: Array<Record<string, unknown>> = [];
    const operation = async (options: Record<string, unknown>) => (seen.push(options), { data: 'ok', response: new Response() });
    const client = connect({ signal: AbortSignal.abort(), retry: { sleep: async () => undefined, initialRetryDelayMs: 7 } });
    await callOperation(client, 'getThing', GET, operation, {});
    const options = (seen[0]!.transport as Transport).options;
    expect(options.signal).toBeUndefined();
    expect(options).not.toHaveProperty('sleep');
    expect(options.initialRetryDelayMs).toBe(7);
  });

  it('shows only where it sends, and operation functions refuse anything that is not a connection', () => {
    const client = connect({});
    expect(JSON.stringify(client)).not.toContain(SECRET);
    expect(() => callOperation({ baseUrl: 'https://api.widgets.test' }, 'getWidget', GET, getWidget, {})).toThrow(/create…Client\(options\)/);
  });
});

describe('headers', () => {
  it('sends defaultHeaders on every call, per-call headers on one; the call wins', async () => {
    const { fetch, requests } = fakeFetch();
    const client = connect({ fetch, defaultHeaders: { 'X-Team': 'core', Prefer: 'code=200' } });
    await callOperation(client, 'getWidget', GET, getWidget, { path: { id: 'w1' } }, { headers: { Prefer: 'code=429' } });
    await callOperation(client, 'getWidget', GET, getWidget, { path: { id: 'w1' } });
    expect(requests.map((request) => [request.headers.get('prefer'), request.headers.get('x-team')])).toEqual([
      ['code=429', 'core'],
      ['code=200', 'core'],
    ]);
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${SECRET}`);
  });
});

describe('logging and hooks', () => {
  it('hooks and the logger see redacted requests and responses; nothing carries the credential', async () => {
    const { fetch } = fakeFetch((request) => (request.url.endsWith('/missing') ? { status: 404, body: { error: `no ${SECRET}` } } : { body: {} }));
    const lines: unknown[][] = [];
    const logger = { error: (...a: unknown[]) => lines.push(a), warn: (...a: unknown[]) => lines.push(a), info: (...a: unknown[]) => lines.push(a), debug: (...a: unknown[]) => lines.push(a) };
    const requests: RequestEvent[] = [];
    const responses: ResponseEvent[] = [];
    const client = connect({ fetch, logger, logLevel: 'debug', onRequest: (e: RequestEvent) => requests.push(e), onResponse: (e: ResponseEvent) => responses.push(e) });
    await callOperation(client, 'getWidget', GET, getWidget, { path: { id: 'w1' } });
    await callOperation(client, 'getWidget', GET, getWidget, { path: { id: 'missing' } }).catch(() => undefined);
    expect(requests.map((e) => e.url)).toEqual(['https://api.widgets.test/widgets/w1', 'https://api.widgets.test/widgets/missing']);
    expect(requests[0]!.headers.authorization).toBe('[REDACTED]');
    expect(responses.map((e) => [e.status, e.requestId])).toEqual([
      [200, 'req_1'],
      [404, 'req_2'],
    ]);
    expect(lines.map((line) => String(line[0]))).toEqual([
      expect.stringMatching(/^\[widget\] → GET https:\/\/api\.widgets\.test\/widgets\/w1$/),
      expect.stringMatching(/^\[widget\] ← GET .*\/w1 200 in \d+ ms \(request id req_1\)$/),
      expect.stringMatching(/^\[widget\] → GET .*\/missing$/),
      expect.stringMatching(/^\[widget\] ✕ GET .*\/missing: NotFoundError: no \[REDACTED\] \(request id req_2\)$/),
    ]);
    expect(JSON.stringify([lines, requests, responses])).not.toContain(SECRET);
  });

  it('takes the level from <API>_LOG, then APIFORGE_LOG; off by default; warns on retries', async () => {
    const { fetch } = fakeFetch();
    const warn = vi.fn();
    const info = vi.fn();
    const logger = { error: vi.fn(), warn, info, debug: vi.fn() };
    await callOperation(connect({ fetch, logger }), 'getWidget', GET, getWidget, { path: { id: 'w1' } });
    expect(info).not.toHaveBeenCalled();
    vi.stubEnv('APIFORGE_LOG', 'info');
    await callOperation(connect({ fetch, logger }), 'getWidget', GET, getWidget, { path: { id: 'w1' } });
    expect(info).toHaveBeenCalledTimes(1);
    vi.stubEnv('WIDGET_LOG', 'off');
    await callOperation(connect({ fetch, logger }), 'getWidget', GET, getWidget, { path: { id: 'w1' } });
    expect(info).toHaveBeenCalledTimes(1);
    vi.stubEnv('WIDGET_LOG', 'loud');
    expect(() => connect({ fetch, logger })).toThrow(/logLevel must be one of off, error, warn, info, debug; got "loud" from the environment/);
    vi.stubEnv('WIDGET_LOG', 'warn');
    let calls = 0;
    const flaky = fakeFetch(() => (calls++ === 0 ? { status: 503, body: {}, headers: { 'retry-after': '0' } } : { body: {} }));
    await callOperation(connect({ fetch: flaky.fetch, logger, maxRetries: 1 }), 'getWidget', GET, getWidget, { path: { id: 'w1' } });
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^\[widget\] retry 1 of GET https:\/\/api\.widgets\.test\/widgets\/w1 in 0 ms: InternalServerError/));
  });
});

describe('credentials and base URL from the environment', () => {
  it('reads the credential and base URL when the options leave them out; options win', async () => {
    vi.stubEnv('WIDGET_API_KEY', 'wid_from_env');
    vi.stubEnv('WIDGET_BASE_URL', 'http://127.0.0.1:4999/');
    const { fetch, requests } = fakeFetch();
    const fromEnv = createConnection(DEFINITION, { fetch });
    expect(fromEnv).toBeInstanceOf(ApiConnection);
    expect(fromEnv.baseUrl).toBe('http://127.0.0.1:4999');
    await callOperation(fromEnv, 'getWidget', GET, getWidget, { path: { id: 'w1' } });
    expect(requests[0]!.headers.get('authorization')).toBe('Bearer wid_from_env');
    expect(createConnection(DEFINITION, { apiKey: SECRET, baseUrl: 'http://127.0.0.1:1' }).baseUrl).toBe('http://127.0.0.1:1');
    expect(createConnection(DEFINITION, { apiKey: SECRET, widgetBaseUrl: 'http://127.0.0.1:2' }).baseUrl).toBe('http://127.0.0.1:2');
  });

  it('names the option and the variable when neither is set, and the other client for its credential', () => {
    expect(() => createConnection(DEFINITION, {})).toThrow(
      new KeyError('WidgetClient needs a widget key starting with wid_ in `apiKey`; none was given (pass it, or set the WIDGET_API_KEY environment variable).'),
    );
    expect(() => createConnection(DEFINITION, { apiKey: 'wpk_secretvalue' })).toThrow(
      new KeyError('WidgetClient needs a widget key starting with wid_ in `apiKey`; the value given is an ingest key, which only WidgetIngestClient accepts.'),
    );
  });
});
