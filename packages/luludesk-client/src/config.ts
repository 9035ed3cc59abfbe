import { assertCredentialPrefix, listOr, type ClientTransportOptions } from '@apiforge/client-core';
import { OPERATION_META, type OperationId } from './generated/spec-meta.gen.js';

export interface LuluDeskClientOptions extends ClientTransportOptions {
  /** Workspace API key (`lld_…`) with the scopes of the endpoints you call (`read_only_insights` has all five). */
  apiKey: string;
  /** The workspace's UUID, from the dashboard URL or the workspace settings; the key must belong to it. */
  workspaceId: string;
  /** Default: the spec's server (https://luluclaw.com). Point it at the sandbox or a Prism mock. */
  baseUrl?: string | undefined;
}

/** Thrown at construction when the key or workspace id is missing or malformed. Never contains the key. */
export class LuluDeskCredentialError extends TypeError {
  override name = 'LuluDeskCredentialError';
}

/** Key prefixes the spec's `x-token-prefixes` accept (`lld_`). */
export const TOKEN_PREFIXES: readonly string[] = [
  ...new Set((Object.keys(OPERATION_META) as OperationId[]).flatMap((id) => OPERATION_META[id].tokenPrefixes)),
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertApiKey(apiKey: unknown): string {
  return assertCredentialPrefix(
    apiKey,
    TOKEN_PREFIXES,
    `LuluDeskClient needs a workspace API key starting with ${listOr(TOKEN_PREFIXES)} in \`apiKey\``,
    LuluDeskCredentialError,
  );
}

export function assertWorkspaceId(workspaceId: unknown): string {
  if (typeof workspaceId !== 'string' || !UUID.test(workspaceId)) {
    throw new LuluDeskCredentialError('LuluDeskClient needs the workspace UUID (e.g. 550e8400-e29b-41d4-a716-446655440000) in `workspaceId`.');
  }
  return workspaceId;
}
