import createClient from 'openapi-fetch';
import type { paths } from '../../generated/luludesk.js';
import { importWorkspacePackage } from '../../harness/import-package.js';
import type { BenchOptions, BenchResult } from '../../types.js';
import { LULUDESK_WORKSPACE_ID as WORKSPACE_ID } from './responder.js';
import { rawJsonFetch, runClientSuite, type ClientSuiteSpec } from './suite.js';

const API_KEY = 'lld_bench_key';
const headers = { authorization: `Bearer ${API_KEY}` };

interface LuluDeskPackage {
  LuluDeskClient: new (options: { apiKey: string; workspaceId: string; baseUrl?: string }) => {
    usage: { get(): Promise<unknown> };
    conversations: { list(params: { limit: number }): AsyncIterable<{ id?: string }> };
  };
}
const newClient = async (baseUrl: string) =>
  new (await importWorkspacePackage<LuluDeskPackage>('@apiforge/luludesk-client')).LuluDeskClient({ apiKey: API_KEY, workspaceId: WORKSPACE_ID, baseUrl });

const fetchJson = rawJsonFetch(headers);

export const luludeskSuite: ClientSuiteSpec = {
  client: 'luludesk-client',
  packageName: '@apiforge/luludesk-client',
  api: 'luludesk',
  overhead: {
    operation: 'usage.get (GET /api/v1/workspaces/{id}/usage)',
    raw: (baseUrl) => (signal) => fetchJson(`${baseUrl}/api/v1/workspaces/${WORKSPACE_ID}/usage`, signal),
    peer: (baseUrl) => {
      const client = createClient<paths>({ baseUrl, headers });
      return async () => {
        const { data, error } = await client.GET('/api/v1/workspaces/{id}/usage', { params: { path: { id: WORKSPACE_ID } } });
        if (error !== undefined) throw new Error('openapi-fetch call failed');
        return data;
      };
    },
    client: async (baseUrl) => {
      const client = await newClient(baseUrl);
      return () => client.usage.get();
    },
  },
  pagination: {
    items: 'conversations',
    pageSize: 100,
    async handWritten(baseUrl, pageSize) {
      let count = 0;
      let cursor: string | null = null;
      do {
        const query = new URLSearchParams({ limit: String(pageSize) });
        if (cursor) query.set('cursor', cursor);
        const page = await fetchJson(`${baseUrl}/api/v1/workspaces/${WORKSPACE_ID}/conversations?${query}`);
        for (const conversation of page.data) if (conversation.id) count++;
        cursor = page.pagination.next_cursor;
      } while (cursor);
      return count;
    },
    async auto(baseUrl, pageSize) {
      let count = 0;
      for await (const conversation of (await newClient(baseUrl)).conversations.list({ limit: pageSize })) if (conversation.id) count++;
      return count;
    },
  },
  bundles: {
    oneOperation: {
      name: 'one operation: createLuluDeskDataClient + getUsage (/operations)',
      source: [
        "import { createLuluDeskDataClient, getUsage } from '@apiforge/luludesk-client/operations';",
        `const luludesk = createLuluDeskDataClient({ apiKey: 'lld_example', workspaceId: '${WORKSPACE_ID}' });`,
        'console.log(await getUsage(luludesk));',
      ].join('\n'),
    },
    wholeClient: {
      name: 'whole client: LuluDeskClient + usage.get',
      source: [
        "import { LuluDeskClient } from '@apiforge/luludesk-client';",
        `const client = new LuluDeskClient({ apiKey: 'lld_example', workspaceId: '${WORKSPACE_ID}' });`,
        'console.log(await client.usage.get());',
      ].join('\n'),
    },
    peer: {
      name: 'peer: openapi-fetch + one GET',
      source: [
        "import createClient from 'openapi-fetch';",
        "const client = createClient({ baseUrl: 'https://luluclaw.com', headers: { authorization: 'Bearer lld_example' } });",
        `const { data, error } = await client.GET('/api/v1/workspaces/{id}/usage', { params: { path: { id: '${WORKSPACE_ID}' } } });`,
        'console.log(data ?? error);',
      ].join('\n'),
    },
  },
};

export function runBench(options?: BenchOptions): Promise<BenchResult[]> {
  return runClientSuite(luludeskSuite, options);
}
