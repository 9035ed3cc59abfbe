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

  it.each(CASES)('$api answers its documented 500 (via its error hook), with Cache-Control: no-store', async (c) => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { module, server } = await startWithFailingHandler(c.api, c.operationId);
    close = () => server.close();
    const response = await fetch(`${server.url}${c.path}`, { headers: { authorization: `Bearer ${c.token}` } });
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(JSON.parse(text)).toEqual(c.body);
    expect(response.headers.get('cache-control')).toBe('no-store');
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
});
