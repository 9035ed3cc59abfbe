import type { Credential } from '../../engine/index.js';

const READ = ['read:lucent'];
const WRITE = ['read:lucent', 'write:issues'];

/** Fixed sandbox credentials (documented in the README; the list is part of the interface contract). */
export const lucentCredentials: ReadonlyMap<string, Credential> = new Map<string, Credential>([
  ['luc_api_sandbox_read', { org: 'acme', scopes: READ, kind: 'API key' }],
  ['luc_api_sandbox_write', { org: 'acme', scopes: WRITE, kind: 'API key' }],
  ['luc_oat_sandbox_read', { org: 'acme', scopes: READ, kind: 'OAuth access token' }],
  ['luc_mcp_sandbox_legacy', { org: 'acme', scopes: READ, kind: 'legacy static key' }],
  ['luc_api_sandbox_noscope', { org: 'acme', scopes: [], kind: 'API key' }],
  ['luc_api_sandbox_revoked', { org: 'acme', scopes: WRITE, kind: 'API key', revoked: true }],
  ['luc_api_sandbox_globex', { org: 'globex', scopes: WRITE, kind: 'API key' }],
  ['luc_pk_sandbox', { org: 'acme', scopes: [], kind: 'ingest public key' }],
  ['luc_pk_sandbox_revoked', { org: 'acme', scopes: [], kind: 'ingest public key', revoked: true }],
]);
