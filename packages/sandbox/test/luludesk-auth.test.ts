import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINTS, expectLuluError, FIRST, KEYS, SECOND, startLuluDesk, type LuluDeskSandbox } from './support/luludesk.js';

let sandbox: LuluDeskSandbox;
beforeAll(async () => {
  sandbox = await startLuluDesk({ rateLimitScale: 100 });
});
afterAll(() => sandbox.close());

const SCOPE_OF = {
  insights: 'read:insights',
  conversations: 'read:conversations',
  handoffs: 'read:handoffs',
  usage: 'read:usage',
  'knowledge-sources': 'read:knowledge',
} as const;

describe('LuluDesk authentication and workspaces', () => {
  it('serves every endpoint to a read_only_insights key of the workspace', async () => {
    for (const endpoint of ENDPOINTS) {
      const answer = await sandbox.get(endpoint);
      expect(answer.status, endpoint).toBe(200);
      expect(answer.headers.get('cache-control')).toBeNull();
    }
  });

  it.each([
    ['no Authorization header', {}],
    ['Basic credentials', { authorization: 'Basic bGxkOng=' }],
    ['"Bearer" without a key', { authorization: 'Bearer' }],
    ['trailing text', { authorization: `Bearer ${KEYS.all} extra` }],
  ])('answers 401 auth_required, with the sandbox\'s challenge naming the scope, for %s', async (_case, headers) => {
    for (const endpoint of ENDPOINTS) {
      const answer = await sandbox.get(endpoint, { key: null, headers });
      expectLuluError(answer, 401, 'auth_required');
      expect(answer.headers.get('www-authenticate')).toBe(`Bearer realm="luludesk", scope="${SCOPE_OF[endpoint]}"`);
    }
  });

  it.each([
    ['an unknown key', 'lld_ffffffffffffffffffffffffffffffff'],
    ['a revoked key', KEYS.revoked],
    ['a key without the lld_ prefix', '0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a'],
    ['a key of the other workspace', KEYS.second],
  ])('answers 403 forbidden to %s', async (_case, key) => {
    for (const endpoint of ENDPOINTS) expectLuluError(await sandbox.get(endpoint, { key }), 403, 'forbidden');
  });

  it('answers 403 insufficient_scope when the key lacks the one scope the endpoint needs', async () => {
    for (const endpoint of ENDPOINTS) {
      const answer = await sandbox.get(endpoint, { key: KEYS.usageOnly });
      if (endpoint === 'usage') expect(answer.status).toBe(200);
      else {
        expectLuluError(answer, 403, 'insufficient_scope');
        expect(answer.json.message).toContain(SCOPE_OF[endpoint]);
      }
    }
  });

  it('answers 404 workspace_not_found for an unknown or non-UUID workspace id, even with an unusable key', async () => {
    for (const workspace of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', '550E8400']) {
      for (const key of [KEYS.all, KEYS.revoked, 'lld_unknown']) {
        expectLuluError(await sandbox.get('insights', { workspace, key }), 404, 'workspace_not_found');
      }
    }
  });

  it('checks in the sandbox\'s order (the spec\'s assumption): header, workspace, key, scope, query', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expectLuluError(await sandbox.get('conversations?limit=0', { workspace: unknown, key: null }), 401, 'auth_required');
    expectLuluError(await sandbox.get('conversations?limit=0', { workspace: unknown, key: KEYS.revoked }), 404, 'workspace_not_found');
    expectLuluError(await sandbox.get('conversations?limit=0', { key: KEYS.revoked }), 403, 'forbidden');
    expectLuluError(await sandbox.get('conversations?limit=0', { key: KEYS.usageOnly }), 403, 'insufficient_scope');
    expectLuluError(await sandbox.get('conversations?limit=0'), 422, 'invalid_params');
  });

  it('serves the second workspace its own records only', async () => {
    const first = (await sandbox.get('conversations?limit=100')).json.data.map((c: any) => c.id);
    const second = await sandbox.get('conversations?limit=100', { workspace: SECOND, key: KEYS.second });
    expect(second.status).toBe(200);
    expect(second.json.data.every((c: any) => c.workspace_id === SECOND)).toBe(true);
    expect(second.json.data.some((c: any) => first.includes(c.id))).toBe(false);
    expectLuluError(await sandbox.get('usage', { workspace: SECOND, key: KEYS.all }), 403, 'forbidden');
  });
});
