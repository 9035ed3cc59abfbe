import type { ApiProfile } from './types.js';

const FIRST_WORKSPACE = '550e8400-e29b-41d4-a716-446655440000';
const SECOND_WORKSPACE = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
const ALL = ['read:insights', 'read:conversations', 'read:handoffs', 'read:usage', 'read:knowledge'];

/**
 * LuluDesk Insights: the sandbox keys, workspaces named in the path, and LuluDesk's error model
 * (an unusable or foreign key is 403 `forbidden`; 422 details echo each rejected value).
 */
export const luludeskProfile: ApiProfile = {
  api: 'luludesk',
  specModule: '@apiforge/luludesk-openapi/openapi.json',
  homeTenant: FIRST_WORKSPACE,
  errorBodyMatch: 'subset',
  echoKeys: ['value'],
  tokens: [
    { name: 'all-scopes', value: 'lld_0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a', env: 'LULUDESK_CONTRACT_TOKEN', tenant: FIRST_WORKSPACE, scopes: ALL },
    { name: 'usage-only', value: 'lld_0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b', env: 'LULUDESK_CONTRACT_USAGE_TOKEN', tenant: FIRST_WORKSPACE, scopes: ['read:usage'] },
    { name: 'revoked', value: 'lld_0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c', env: 'LULUDESK_CONTRACT_REVOKED_TOKEN', scopes: [], revoked: true },
    { name: 'second-workspace', value: 'lld_0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d', env: 'LULUDESK_CONTRACT_SECOND_TOKEN', tenant: SECOND_WORKSPACE, scopes: ALL },
  ],
  unusableCredential: { status: 403, example: 'forbidden' },
  missingScopeExample: 'insufficientScope',
  pathParams: { id: { tenant: true } },
  liveEnv: {},
};
