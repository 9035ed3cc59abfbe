import type { Credential } from '../../engine/index.js';
import { FIRST_WORKSPACE, SECOND_WORKSPACE } from './model.js';

/** The `read_only_insights` preset: every scope of the Insights API. */
export const ALL_SCOPES = ['read:insights', 'read:conversations', 'read:handoffs', 'read:usage', 'read:knowledge'] as const;

/** Fixed sandbox keys (documented in the README; the list is part of the interface contract). */
export const luludeskCredentials: ReadonlyMap<string, Credential> = new Map<string, Credential>([
  ['lld_0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a', { org: FIRST_WORKSPACE, scopes: ALL_SCOPES, kind: 'workspace API key (read_only_insights)' }],
  ['lld_0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b', { org: FIRST_WORKSPACE, scopes: ['read:usage'], kind: 'workspace API key (read:usage only)' }],
  ['lld_0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c', { org: FIRST_WORKSPACE, scopes: ALL_SCOPES, kind: 'workspace API key', revoked: true }],
  ['lld_0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d', { org: SECOND_WORKSPACE, scopes: ALL_SCOPES, kind: 'workspace API key (read_only_insights)' }],
]);
