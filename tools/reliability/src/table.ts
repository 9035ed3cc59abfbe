/**
 * The little the suite must know per API beyond its spec and the sandbox module (credentials, tenant
 * path parameter): ids no answer reveals before they are known. Ingest and client knowledge live in
 * ingest-profiles.ts and client-profiles.ts.
 */
export interface ApiTable {
  /** Parameter values per tenant that the API only takes, never lists (e.g. LumiqTrace project ids). */
  knownValues?: Record<string, Record<string, string[]>>;
}

export const API_TABLE: Record<string, ApiTable> = {
  lucent: {},
  luludesk: {},
  lumiqtrace: {
    // The project id is `projectId` in queries and `id` in the overview's path (the reference's names).
    knownValues: {
      projectId: { acme: ['proj_acme'], globex: ['proj_globex'], smallco: ['proj_smallco'] },
      id: { acme: ['proj_acme'], globex: ['proj_globex'], smallco: ['proj_smallco'] },
    },
  },
};

export function tableFor(api: string): ApiTable {
  return API_TABLE[api] ?? {};
}
