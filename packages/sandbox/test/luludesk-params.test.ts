import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectLuluError, startLuluDesk, type LuluDeskSandbox } from './support/luludesk.js';

let sandbox: LuluDeskSandbox;
beforeAll(async () => {
  sandbox = await startLuluDesk({ rateLimitScale: 100 });
});
afterAll(() => sandbox.close());

const PAGE = 'integer greater than or equal to 1';
const LIMIT_100 = 'integer between 1 and 100';

describe('LuluDesk query validation: 422 invalid_params with details', () => {
  it.each([
    ['conversations', 'limit', '1e2', LIMIT_100],
    ['conversations', 'limit', '-5', LIMIT_100],
    ['conversations', 'limit', '101', LIMIT_100],
    ['conversations', 'limit', '0', LIMIT_100],
    ['conversations', 'limit', '20.5', LIMIT_100],
    ['conversations', 'page', '1.5', PAGE],
    ['conversations', 'page', '0', PAGE],
    ['conversations', 'page', 'two', PAGE],
    ['knowledge-sources', 'limit', '1e1', LIMIT_100],
    ['knowledge-sources', 'page', '-1', PAGE],
    ['handoffs', 'limit', '201', 'integer between 1 and 200'],
    ['handoffs', 'status', 'closed', 'one of pending, accepted, resolved, rejected'],
    ['handoffs', 'before', 'yesterday', 'ISO 8601 date-time'],
  ])('%s?%s=%s', async (endpoint, field, value, constraint) => {
    const answer = await sandbox.get(`${endpoint}?${field}=${encodeURIComponent(value)}`);
    expectLuluError(answer, 422, 'invalid_params');
    expect(answer.json).toEqual({ error: 'invalid_params', message: 'One or more query parameters are invalid.', details: [{ field, value, constraint }] });
  });

  it('lists every rejected parameter at once, in the order of the spec', async () => {
    const answer = await sandbox.get('conversations?limit=20.5&page=0');
    expect(answer.json.details).toEqual([
      { field: 'page', value: '0', constraint: PAGE },
      { field: 'limit', value: '20.5', constraint: LIMIT_100 },
    ]);
  });

  it('accepts the bounds and ignores unknown parameters', async () => {
    for (const query of ['limit=1', 'limit=100', 'page=1', 'unknown=1']) expect((await sandbox.get(`conversations?${query}`)).status).toBe(200);
    expect((await sandbox.get('handoffs?limit=200&before=2026-05-10T00:00:00Z')).status).toBe(200);
    expect((await sandbox.get('handoffs?limit=200')).json.data.length).toBeLessThanOrEqual(200);
  });

  it('refuses a repeated parameter rather than guessing', async () => {
    const answer = await sandbox.get('conversations?limit=5&limit=6');
    expectLuluError(answer, 422, 'invalid_params');
    expect(answer.json.details[0]).toMatchObject({ field: 'limit', value: '5,6' });
  });
});

// LuluDesk publishes no limit for this API; 60 per minute per key is the sandbox's (the spec's 429 assumption).
describe('LuluDesk sandbox rate limit: 60 per minute per key across every endpoint', () => {
  it('answers 429 rate_limited with Retry-After and X-RateLimit-* once the scaled limit is used, per key', async () => {
    const limited = await startLuluDesk({ rateLimitScale: 0.05, rateLimitWindowMs: 60_000 });
    try {
      for (const endpoint of ['insights', 'usage', 'handoffs']) expect((await limited.get(endpoint)).status).toBe(200);
      const refused = await limited.get('conversations');
      expectLuluError(refused, 429, 'rate_limited');
      expect(refused.headers.get('x-ratelimit-limit')).toBe('3');
      expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await limited.get('usage', { key: 'lld_0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b' })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
