import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, startTestSandbox, TOKENS, type TestSandbox } from './support/http.js';

let sandbox: TestSandbox;
let issueId: string;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  issueId = (await sandbox.get('/api/v1/issues?limit=1', TOKENS.read)).json.issues[0].id;
});
afterAll(() => sandbox.close());

const READ_CHALLENGE = 'Bearer scope="read:lucent"';

describe('Data API authentication', () => {
  it.each([
    ['API key', TOKENS.read],
    ['OAuth access token', TOKENS.oauth],
    ['legacy static key', TOKENS.legacy],
  ])('accepts a %s with read:lucent on every read endpoint', async (_kind, token) => {
    for (const path of ['/api/v1/issues', '/api/v1/signals', '/api/v1/insights', `/api/v1/issues/${issueId}`]) {
      expect((await sandbox.get(path, token)).status).toBe(200);
    }
  });

  it.each([
    ['no Authorization header', {}],
    ['an unknown token', { authorization: 'Bearer luc_api_nobody' }],
    ['a revoked token', { authorization: `Bearer ${TOKENS.revoked}` }],
    ['an ingest key as bearer token', { authorization: `Bearer ${TOKENS.ingest}` }],
    ['trailing text', { authorization: `Bearer ${TOKENS.read} extra` }],
    ['Basic credentials', { authorization: 'Basic bHVjOng=' }],
    ['an empty token', { authorization: 'Bearer ' }],
    ['a token without a Data API prefix', { authorization: 'Bearer sandbox_read' }],
  ])('answers 401 with the challenge for %s', async (_case, headers) => {
    const result = await sandbox.call('GET', '/api/v1/issues', { headers });
    expectError(result, 401, 'Missing or invalid bearer token');
    expect(result.headers.get('www-authenticate')).toBe(READ_CHALLENGE);
  });

  it.each([
    ['a lowercase scheme', `bearer ${TOKENS.read}`],
    ['an uppercase scheme', `BEARER ${TOKENS.read}`],
    ['two spaces', `Bearer  ${TOKENS.read}`],
  ])('accepts %s (RFC 9110: the scheme is case-insensitive, one or more spaces)', async (_case, authorization) => {
    expect((await sandbox.call('GET', '/api/v1/issues', { headers: { authorization } })).status).toBe(200);
  });

  it('names write:issues in the challenge of the write endpoint', async () => {
    const result = await sandbox.call('PATCH', `/api/v1/issues/${issueId}`, { body: { status: 'resolved' } });
    expectError(result, 401, 'Missing or invalid bearer token');
    expect(result.headers.get('www-authenticate')).toBe('Bearer scope="write:issues"');
  });

  it('answers 403 when a valid token lacks read:lucent', async () => {
    for (const path of ['/api/v1/issues', '/api/v1/signals', '/api/v1/insights', `/api/v1/issues/${issueId}`]) {
      expectError(await sandbox.get(path, TOKENS.noScope), 403, 'Missing required scope: read:lucent');
    }
  });

  it('answers 403 write:issues to a read-only token on PATCH, and leaves the issue alone', async () => {
    const before = (await sandbox.get(`/api/v1/issues/${issueId}`, TOKENS.read)).json;
    const result = await sandbox.call('PATCH', `/api/v1/issues/${issueId}`, { token: TOKENS.oauth, body: { status: 'transient' } });
    expectError(result, 403, 'Missing required scope: write:issues');
    expect((await sandbox.get(`/api/v1/issues/${issueId}`, TOKENS.read)).json).toEqual(before);
  });

  it('checks authentication before validating parameters', async () => {
    expectError(await sandbox.get('/api/v1/issues?limit=0'), 401, 'Missing or invalid bearer token');
    expectError(await sandbox.get('/api/v1/issues?limit=0', TOKENS.noScope), 403, 'Missing required scope: read:lucent');
  });
});

describe('request ids', () => {
  it('every answer carries an X-Request-Id shaped like the spec example, unique across answers (errors too)', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const result = await sandbox.get('/api/v1/issues?limit=1', i % 2 ? TOKENS.read : 'luc_api_nobody');
      const id = result.headers.get('x-request-id')!;
      expect(id).toMatch(/^req_[0-9a-f]{16}$/);
      ids.add(id);
    }
    expect(ids.size).toBe(50);
  });
});
