import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConformanceChecker, startServer, type ApiModule } from '../src/engine/index.js';
import { loadApi } from '../src/index.js';

/** The API module with one handler replaced by one that throws: the test-only way to reach the 500 path. */
async function startWithFailingHandler(api: string, operationId: string) {
  const module = (await loadApi(api)) as ApiModule<unknown>;
  expect(module.handlers[operationId], operationId).toBeTypeOf('function');
  const failing: ApiModule<unknown> = {
    ...module,
    handlers: {
      ...module.handlers,
      [operationId]: () => {
        throw new Error('handler exploded');
      },
    },
  };
  return { module, server: await startServer(failing, { port: 0, host: '127.0.0.1' }) };
}

const CASES = [
  {
    api: 'luludesk',
    operationId: 'getUsage',
    path: '/api/v1/workspaces/550e8400-e29b-41d4-a716-446655440000/usage',
    token: 'lld_0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a',
    body: { error: 'internal_error', message: 'Something went wrong on our side; retry with exponential backoff.' },
    documented: true,
  },
  {
    api: 'lumiqtrace',
    operationId: 'getProjectOverview',
    path: '/v1/projects/proj_acme/overview',
    token: 'lumiq_session_acme',
    body: { error: 'Internal server error' },
    documented: true,
    // LumiqTrace documents no caching header, so its sandbox sends only the headers its spec declares.
    cacheControl: null,
  },
  {
    api: 'lucent',
    operationId: 'listIssues',
    path: '/api/v1/issues',
    token: 'luc_api_sandbox_read',
    body: { error: 'Internal server error' },
    documented: false,
  },
] as const;

describe('a handler that throws', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
    vi.restoreAllMocks();
  });

  it.each(CASES)('$api answers its documented 500 (via its error hook), with the Cache-Control it declares', async (c) => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { module, server } = await startWithFailingHandler(c.api, c.operationId);
    close = () => server.close();
    const response = await fetch(`${server.url}${c.path}`, { headers: { authorization: `Bearer ${c.token}` } });
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(JSON.parse(text)).toEqual(c.body);
    expect(response.headers.get('cache-control')).toBe('cacheControl' in c ? c.cacheControl : 'no-store');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(logged).toHaveBeenCalled();
    if (c.documented) {
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => (headers[name] = value));
      expect(createConformanceChecker(module.loadSpec()).check({ method: 'GET', path: c.path, status: 500, headers, body: text })).toEqual([]);
    }
    // The server keeps serving after the failure.
    expect((await fetch(`${server.url}${c.path}`, { headers: { authorization: `Bearer ${c.token}` } })).status).toBe(500);
  });

  it("Lucent's ingest answers its documented 500 with CORS and none of the Data API's headers", async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { module, server } = await startWithFailingHandler('lucent', 'submitReplayBatch');
    close = () => server.close();
    const path = '/api/sdk/replay';
    const batch = {
      session: { id: 's_500', windowId: 'w', startedAt: 1771929000000, lastActivityAt: 1771929000000, url: 'https://shop.example.com/' },
      user: { anonymousId: 'anon' },
      page: { url: 'https://shop.example.com/' },
      replay: { events: [{ timestamp: 1771929000000, type: 4, data: {} }], sequence: 1 },
    };
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'x-lucent-api-key': 'luc_pk_sandbox', 'content-type': 'application/json' },
      body: JSON.stringify(batch),
    });
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(JSON.parse(text)).toEqual({ error: 'Failed to store replay batch' });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toBeNull();
    expect(logged).toHaveBeenCalled();
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    expect(createConformanceChecker(module.loadSpec()).check({ method: 'POST', path, status: 500, headers, body: text })).toEqual([]);
  });
});
