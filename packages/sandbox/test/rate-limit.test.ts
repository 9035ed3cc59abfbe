import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectIngestError, startTestSandbox, TOKENS, validBatch, type CallResult, type TestSandbox } from './support/http.js';

const WINDOW_MS = 1500;
let sandbox: TestSandbox;
let issueId: string;
beforeAll(async () => {
  // 0.02 x the documented limits: reads 6, writes 2 (60 x 0.02 = 1.2, rounded up), ingest 2.
  sandbox = await startTestSandbox({ rateLimitScale: 0.02, rateLimitWindowMs: WINDOW_MS });
  issueId = (await sandbox.get('/api/v1/issues?limit=1', TOKENS.legacy)).json.issues[0].id;
});
afterAll(() => sandbox.close());

async function reset(): Promise<void> {
  await sandbox.call('POST', '/_sandbox/reset', { unchecked: true });
}

function expectLimited(result: CallResult, limit: number): void {
  expectError(result, 429, 'Rate limit exceeded');
  expect(result.headers.get('x-ratelimit-limit')).toBe(String(limit));
  expect(result.headers.get('x-ratelimit-remaining')).toBe('0');
  const retryAfter = Number(result.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(Math.ceil(WINDOW_MS / 1000));
  const reset = Number(result.headers.get('x-ratelimit-reset'));
  const nowSeconds = Date.now() / 1000;
  expect(reset).toBeGreaterThanOrEqual(Math.floor(nowSeconds));
  expect(reset).toBeLessThanOrEqual(Math.ceil(nowSeconds + WINDOW_MS / 1000) + 1);
}

describe('rate limits (scaled down)', () => {
  it('allows 6 reads per window per token, shared across read endpoints, then 429 with headers', async () => {
    await reset();
    const paths = ['/api/v1/issues', '/api/v1/signals', '/api/v1/insights', `/api/v1/issues/${issueId}`, '/api/v1/issues', '/api/v1/signals'];
    for (const [i, path] of paths.entries()) {
      const ok = await sandbox.get(path, TOKENS.read);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('x-ratelimit-limit')).toBe('6');
      expect(ok.headers.get('x-ratelimit-remaining')).toBe(String(5 - i));
    }
    expectLimited(await sandbox.get('/api/v1/issues', TOKENS.read), 6);
    // Another token of the same organization has its own window.
    expect((await sandbox.get('/api/v1/issues', TOKENS.oauth)).status).toBe(200);
  });

  it('allows 2 writes per window, counted apart from reads', async () => {
    await reset();
    for (let i = 0; i < 2; i++) {
      expect((await sandbox.call('PATCH', `/api/v1/issues/${issueId}`, { token: TOKENS.write, body: { status: 'resolved' } })).status).toBe(200);
    }
    expectLimited(await sandbox.call('PATCH', `/api/v1/issues/${issueId}`, { token: TOKENS.write, body: { status: 'resolved' } }), 2);
    expect((await sandbox.get('/api/v1/issues', TOKENS.write)).status).toBe(200);
  });

  it('allows 2 ingest requests per key per window; the 429 carries Retry-After and CORS, nothing else', async () => {
    await reset();
    const send = () => sandbox.call('POST', '/api/sdk/replay', { headers: { 'x-lucent-api-key': TOKENS.ingest }, body: validBatch('s_rl', 1) });
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
    const limited = await send();
    expectIngestError(limited, 429, 'Rate limit exceeded');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(Math.ceil(WINDOW_MS / 1000));
    for (const name of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']) expect(limited.headers.get(name), name).toBeNull();
  });

  it('frees the window once it slides past, and reset clears it at once', async () => {
    await reset();
    for (let i = 0; i < 6; i++) await sandbox.get('/api/v1/signals', TOKENS.legacy);
    const limited = await sandbox.get('/api/v1/signals', TOKENS.legacy);
    expect(limited.status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 100));
    expect((await sandbox.get('/api/v1/signals', TOKENS.legacy)).status).toBe(200);
    for (let i = 0; i < 6; i++) await sandbox.get('/api/v1/signals', TOKENS.legacy);
    expect((await sandbox.get('/api/v1/signals', TOKENS.legacy)).status).toBe(429);
    await reset();
    expect((await sandbox.get('/api/v1/signals', TOKENS.legacy)).status).toBe(200);
  });

  it('counts refused requests of an authenticated token, but never unauthenticated ones', async () => {
    await reset();
    for (let i = 0; i < 6; i++) expect((await sandbox.get('/api/v1/issues?limit=0', TOKENS.read)).status).toBe(400);
    expect((await sandbox.get('/api/v1/issues', TOKENS.read)).status).toBe(429);
    for (let i = 0; i < 10; i++) expect((await sandbox.get('/api/v1/issues')).status).toBe(401);
  });
});
