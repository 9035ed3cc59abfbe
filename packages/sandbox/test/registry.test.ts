import { describe, expect, it } from 'vitest';
import { fixtureCredentials, listApis, loadApi } from '../src/index.js';

describe('the public registry', () => {
  it('lists every API the sandbox serves and loads each module', async () => {
    expect([...listApis()].sort()).toEqual(['lucent', 'luludesk', 'lumiqtrace']);
    for (const name of listApis()) expect((await loadApi(name)).credentials.size).toBeGreaterThan(0);
    await expect(loadApi('nope')).rejects.toThrow(/Unknown API "nope"/);
  });

  it('exposes the documented fixture credentials', async () => {
    expect((await fixtureCredentials('lucent')).get('luc_api_sandbox_read')).toMatchObject({ org: 'acme', scopes: ['read:lucent'] });
    expect((await fixtureCredentials('lucent')).get('luc_api_sandbox_revoked')?.revoked).toBe(true);
    expect((await fixtureCredentials('luludesk')).get('lld_0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a')?.org).toBe('550e8400-e29b-41d4-a716-446655440000');
  });
});
