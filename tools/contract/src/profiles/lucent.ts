import type { ApiProfile } from './types.js';

/** Lucent: the sandbox fixture credentials (see docs/interfaces) and where issue ids come from. */
export const lucentProfile: ApiProfile = {
  api: 'lucent',
  specModule: '@apiforge/lucent-openapi/openapi.json',
  homeTenant: 'acme',
  errorBodyMatch: 'exact',
  tokens: [
    { name: 'api-read', value: 'luc_api_sandbox_read', env: 'LUCENT_CONTRACT_READ_TOKEN', tenant: 'acme', scopes: ['read:lucent'] },
    { name: 'api-write', value: 'luc_api_sandbox_write', env: 'LUCENT_CONTRACT_WRITE_TOKEN', tenant: 'acme', scopes: ['read:lucent', 'write:issues'] },
    { name: 'oauth-read', value: 'luc_oat_sandbox_read', env: 'LUCENT_CONTRACT_OAUTH_TOKEN', tenant: 'acme', scopes: ['read:lucent'] },
    { name: 'legacy-read', value: 'luc_mcp_sandbox_legacy', env: 'LUCENT_CONTRACT_LEGACY_TOKEN', tenant: 'acme', scopes: ['read:lucent'] },
    { name: 'no-scope', value: 'luc_api_sandbox_noscope', env: 'LUCENT_CONTRACT_NOSCOPE_TOKEN', tenant: 'acme', scopes: [] },
    { name: 'revoked', value: 'luc_api_sandbox_revoked', env: 'LUCENT_CONTRACT_REVOKED_TOKEN', scopes: [], revoked: true },
    { name: 'foreign', value: 'luc_api_sandbox_globex', env: 'LUCENT_CONTRACT_FOREIGN_TOKEN', tenant: 'globex', scopes: ['read:lucent', 'write:issues'] },
    { name: 'ingest-key', value: 'luc_pk_sandbox', env: 'LUCENT_CONTRACT_INGEST_KEY', tenant: 'acme', scopes: [] },
    { name: 'ingest-revoked', value: 'luc_pk_sandbox_revoked', env: 'LUCENT_CONTRACT_REVOKED_INGEST_KEY', scopes: [], revoked: true },
  ],
  authErrorExamples: {
    ingestKeyHeader: { missing: 'missingApiKey', invalid: 'invalidApiKey' },
    ingestKeyQuery: { missing: 'missingApiKey', invalid: 'invalidApiKey' },
  },
  pathParams: { issueId: { operationId: 'listIssues', field: 'id' } },
  liveEnv: {
    hosts: [{ server: 'https://batch-jobs-lucent.onrender.com', env: 'LUCENT_CONTRACT_INGEST_URL', option: 'ingest-url', description: "Lucent's ingest host" }],
  },
};
