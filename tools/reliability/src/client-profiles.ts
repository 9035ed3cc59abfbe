/**
 * How to make one read call with each API's client: the per-API knowledge the client-fault test needs.
 * `operationId` picks the fixture credential from the sandbox module (a live one that may call it);
 * `tenant` is that credential's tenant (a LuluDesk workspace id), for clients constructed with it.
 */
export interface ClientProfile {
  operationId: string;
  call(baseUrl: string, token: string, options: { maxRetries: number; timeoutMs: number }, tenant: string): Promise<unknown>;
}

export const CLIENT_PROFILES: Record<string, ClientProfile> = {
  lucent: {
    operationId: 'listIssues',
    async call(baseUrl, token, options) {
      const { LucentClient } = await import('@apiforge/lucent-client');
      return new LucentClient({ apiKey: token, baseUrl, ...options }).issues.list({ limit: 5 });
    },
  },
  luludesk: {
    operationId: 'getUsage',
    async call(baseUrl, token, options, tenant) {
      const { LuluDeskClient } = await import('@apiforge/luludesk-client');
      return new LuluDeskClient({ apiKey: token, workspaceId: tenant, baseUrl, ...options }).usage.get();
    },
  },
  lumiqtrace: {
    operationId: 'getProjectOverview',
    async call(baseUrl, token, options) {
      const { LumiqTraceClient } = await import('@apiforge/lumiqtrace-client');
      return new LumiqTraceClient({ sessionToken: token, baseUrl, ...options }).projects.overview('proj_acme');
    },
  },
};
