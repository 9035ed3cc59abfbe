import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { inspect } from 'node:util';
import { ApiAbortError, ApiConnectionError, InvalidResponseError, NotFoundError, createFetchWithRetries, createSdkClient, type SdkSecurityScheme } from '../src/index.js';
import { startFaultServer, type FaultServer } from './fault-server.js';

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());
afterEach(() => {
  server.requests.length = 0;
  server.respond({ status: 200, body: { ok: true } });
});

const TOKEN = 'sk_live_sdkclient_secret';
const bearer: SdkSecurityScheme[] = [{ type: 'http', scheme: 'bearer' }];

function sdkClient(auth?: (scheme: SdkSecurityScheme) => string | undefined) {
  return createSdkClient({ baseUrl: `${server.url}/`, fetch: createFetchWithRetries({ maxRetries: 0 }), auth: auth ?? (() => TOKEN) });
}

describe('createSdkClient (what hey-api generated functions call)', () => {
  it('expands encoded path parameters and form/deepObject query parameters, leaving out null and undefined', async () => {
    await sdkClient().get({
      url: '/v1/items/{itemId}/tags',
      path: { itemId: 'a b/c' },
      query: { limit: 5, status: ['open', 'closed'], filter: { owner: 'me' }, cursor: undefined, empty: null },
    });
    expect(server.requests[0]!.url).toBe('/v1/items/a%20b%2Fc/tags?limit=5&status=open&status=closed&filter%5Bowner%5D=me');
  });

  it('refuses a missing or empty path parameter before sending (it would address another resource)', async () => {
    for (const itemId of ['', undefined, null]) {
      await expect(sdkClient().get({ url: '/v1/items/{itemId}', path: { itemId } })).rejects.toThrow(/itemId must be a non-empty value/);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('answers each security scheme from the auth callback: bearer, api-key header, query; skips undefined', async () => {
    const seen: SdkSecurityScheme[] = [];
    const client = sdkClient((scheme) => {
      seen.push(scheme);
      return scheme.in === 'query' ? undefined : TOKEN;
    });
    await client.get({ url: '/a', security: [...bearer, { type: 'apiKey', name: 'X-Api-Key' }, { type: 'apiKey', in: 'query', name: 'api_key' }] });
    const request = server.requests[0]!;
    expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request.headers['x-api-key']).toBe(TOKEN);
    expect(request.url).toBe('/a');
    expect(seen).toHaveLength(3);

    await sdkClient().get({ url: '/b', security: [{ type: 'apiKey', in: 'query', name: 'api_key' }] });
    expect(server.requests[1]!.url).toBe(`/b?api_key=${TOKEN}`);
  });

  it('keeps a header the call already set instead of the scheme credential', async () => {
    await sdkClient().get({ url: '/a', security: bearer, headers: { Authorization: 'Bearer other_token_value' } });
    expect(server.requests[0]!.headers.authorization).toBe('Bearer other_token_value');
  });

  it('sends a JSON body with its content type, a serialized body as given, and no content type without a body', async () => {
    const client = sdkClient();
    await client.patch({ url: '/a', body: { status: 'resolved' }, headers: { 'Content-Type': 'application/json' } });
    await client.post({ url: '/b', body: { x: 1 }, bodySerializer: () => 'x=1', headers: { 'content-type': 'text/plain', 'X-Drop': null } });
    await client.get({ url: '/c', headers: { 'Content-Type': 'application/json', 'X-Trace': 'abc' } });
    const [patch, post, get] = server.requests;
    expect([patch!.method, patch!.headers['content-type'], patch!.body.toString()]).toEqual(['PATCH', 'application/json', '{"status":"resolved"}']);
    expect([post!.headers['content-type'], post!.body.toString(), post!.headers['x-drop']]).toEqual(['text/plain', 'x=1', undefined]);
    expect([get!.headers['content-type'], get!.headers['x-trace']]).toEqual([undefined, 'abc']);
  });

  it('parses JSON, returns {} for an empty body, and text only where the operation documents text', async () => {
    const client = sdkClient();
    server.respond({ status: 200, body: { id: 7 } });
    expect((await client.get({ url: '/json' })).data).toEqual({ id: 7 });
    server.respond({ status: 200, body: 'plain words' });
    expect((await client.get({ url: '/text', parseAs: 'text' })).data).toBe('plain words');
    server.respond({ status: 204 });
    expect((await client.get({ url: '/none' })).data).toEqual({});
  });

  it('a 2xx that is not JSON ("OK" as text/plain, or no content type) is an InvalidResponseError, with the token scrubbed before the body is cut', async () => {
    const client = createSdkClient({ baseUrl: server.url, fetch: (input, init) => fetch(input, init), auth: () => TOKEN });
    server.respond({ status: 200, body: 'OK' });
    await expect(client.get({ url: '/ok', security: bearer })).rejects.toBeInstanceOf(InvalidResponseError);
    // The token straddles the 2,048-character cut: scrubbing after cutting would leave most of it.
    server.respond({ status: 200, body: `${'x'.repeat(2040)}${TOKEN}` });
    const error = await client.get({ url: '/ok', security: bearer }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(JSON.stringify(error)).not.toContain(TOKEN.slice(0, 8));
  });

  it('an NDJSON 2xx is not a JSON body: InvalidResponseError, or its text where the operation documents text', async () => {
    const client = createSdkClient({ baseUrl: server.url, fetch: (input, init) => fetch(input, init), auth: () => TOKEN });
    server.respond({ status: 200, headers: { 'content-type': 'application/x-ndjson' }, body: '{"a":1}\n' });
    await expect(client.get({ url: '/lines' })).rejects.toBeInstanceOf(InvalidResponseError);
    server.respond({ status: 200, headers: { 'content-type': 'application/x-ndjson' }, body: '{"a":1}\n{"a":2}\n' });
    await expect(client.get({ url: '/lines', parseAs: 'text' })).resolves.toMatchObject({ data: '{"a":1}\n{"a":2}\n' });
  });

  it('throws typed, redacted errors even with a plain fetch', async () => {
    const client = createSdkClient({ baseUrl: server.url, fetch: (input, init) => fetch(input, init), auth: () => TOKEN });
    server.respond({ status: 404, body: { error: `No item for key ${TOKEN}` } });
    const error = await client.get({ url: '/a', security: bearer }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(JSON.stringify(error)).not.toContain(TOKEN);
    expect(String((error as Error).message)).not.toContain(TOKEN);
  });

  it('sends through the per-call fetch when one is given', async () => {
    const calls: string[] = [];
    const perCall = createFetchWithRetries({ fetch: async (input) => (calls.push((input as Request).url), fetch(input)) });
    await sdkClient().get({ url: '/a', fetch: perCall });
    expect(calls).toEqual([`${server.url}/a`]);
  });
});

describe('createSdkClient: broken 2xx bodies are typed errors without secrets', () => {
  function everyRendering(error: unknown): string {
    const e = error as Error;
    return [String(e), e.message, e.stack ?? '', JSON.stringify(e), inspect(e, { depth: 5 })].join('\n');
  }

  it('a connection dropped in the middle of a 200 body is an ApiConnectionError', async () => {
    server.respond({ truncate: true, status: 200 });
    const error = await sdkClient().get({ url: '/v1/issues', security: bearer }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiConnectionError);
    expect(everyRendering(error)).not.toContain(TOKEN);
  });

  it('with a plain fetch too (it is sent through a transport without retries, which reads the body in its attempt)', async () => {
    server.respond({ truncate: true, status: 200 });
    const client = createSdkClient({ baseUrl: server.url, fetch: (input, init) => fetch(input, init), auth: () => TOKEN });
    const error = await client.get({ url: '/v1/issues', security: bearer }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiConnectionError);
    expect((error as ApiConnectionError).message).toMatch(/^Connection error: /);
    expect(server.requests).toHaveLength(1);
    expect(everyRendering(error)).not.toContain(TOKEN);
  });

  it('a 200 that says JSON but does not parse is an InvalidResponseError, even when it echoes the token', async () => {
    server.respond({ status: 200, headers: { 'content-type': 'application/json' }, body: `{"echo": "Bearer ${TOKEN}", oops` });
    const error = await sdkClient().get({ url: '/v1/issues', security: bearer }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).status).toBe(200);
    expect(everyRendering(error)).not.toContain(TOKEN);
  });
});

describe('createSdkClient on the transport: the 2xx body is read inside the attempt', () => {
  const noWait = { sleep: async () => {}, random: () => 0 };

  it('retries a GET whose 200 body is cut mid-read, like any connection error', async () => {
    server.respond({ truncate: true, status: 200 }, { status: 200, body: { ok: 'second' } });
    const client = createSdkClient({ baseUrl: server.url, fetch: createFetchWithRetries({ maxRetries: 1, ...noWait }), auth: () => TOKEN });
    const { data } = await client.get({ url: '/v1/issues', security: bearer });
    expect(data).toEqual({ ok: 'second' });
    expect(server.requests).toHaveLength(2);
  });

  it('gives up after maxRetries with an ApiConnectionError without the token', async () => {
    server.respond({ truncate: true, status: 200 });
    const client = createSdkClient({ baseUrl: server.url, fetch: createFetchWithRetries({ maxRetries: 1, ...noWait }), auth: () => TOKEN });
    const error = await client.get({ url: '/v1/issues', security: bearer }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiConnectionError);
    expect(server.requests).toHaveLength(2);
    expect(inspect(error, { showHidden: true, depth: 5 }) + JSON.stringify(error)).not.toContain(TOKEN);
  });

  it('never retries a non-idempotent POST whose body is cut', async () => {
    server.respond({ truncate: true, status: 200 });
    const client = createSdkClient({ baseUrl: server.url, fetch: createFetchWithRetries({ maxRetries: 2, ...noWait }), auth: () => TOKEN });
    const error = await client.post({ url: '/v1/issues', body: { a: 1 }, security: bearer }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiConnectionError);
    expect(server.requests).toHaveLength(1);
  });

  it('a caller abort while the body is being read is an ApiAbortError, not retried', async () => {
    server.respond({ stallBody: true, status: 200 });
    const controller = new AbortController();
    const transport = createFetchWithRetries({ maxRetries: 2, ...noWait }).withOptions({ signal: controller.signal });
    const client = createSdkClient({ baseUrl: server.url, fetch: transport, auth: () => TOKEN });
    const pending = client.get({ url: '/v1/issues', security: bearer }).catch((e: unknown) => e);
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 30));
    controller.abort();
    expect(await pending).toBeInstanceOf(ApiAbortError);
    expect(server.requests).toHaveLength(1);
  });

  it('a caller abort (init signal) while a plain fetch body is read is an ApiAbortError', async () => {
    server.respond({ stallBody: true, status: 200 });
    const controller = new AbortController();
    const client = createSdkClient({ baseUrl: server.url, fetch: (input, init) => fetch(input, init), auth: () => TOKEN });
    const pending = client.get({ url: '/v1/issues', security: bearer, signal: controller.signal }).catch((e: unknown) => e);
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 30));
    controller.abort();
    expect(await pending).toBeInstanceOf(ApiAbortError);
  });
});
