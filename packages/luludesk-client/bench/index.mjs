/**
 * `pnpm bench` rows for the built client (dist/), on the shared harness (@apiforge/bench/harness):
 * - client-overhead: client.usage.get() vs raw fetch of the same URL;
 * - pagination-overhead: `for await` over conversations.list() vs a loop following pagination.next_cursor;
 * - bundle-size: min+gzip of a browser consumer importing one operation (/operations), plus the
 *   class-based consumer (`new LuluDeskClient(...)` + usage.get()) as bundle-size-client.
 */
import { fileURLToPath } from 'node:url';
import { runClientBench } from '@apiforge/bench/harness';
import { build } from 'esbuild';
import { LuluDeskClient } from '../dist/index.js';
import { WORKSPACE_ID } from './responder.mjs';

const API_KEY = 'lld_bench_key';
const headers = { authorization: `Bearer ${API_KEY}` };

async function fetchJson(url) {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${url}`);
  return response.json();
}

const newClient = (baseUrl) => new LuluDeskClient({ apiKey: API_KEY, workspaceId: WORKSPACE_ID, baseUrl });

export const luludeskBenchSpec = {
  client: 'luludesk-client',
  responder: fileURLToPath(new URL('./responder.mjs', import.meta.url)),
  packageDir: fileURLToPath(new URL('..', import.meta.url)),
  build,
  overhead: {
    operation: 'usage.get',
    raw: (baseUrl) => () => fetchJson(`${baseUrl}/api/v1/workspaces/${WORKSPACE_ID}/usage`),
    client: (baseUrl) => {
      const client = newClient(baseUrl);
      return () => client.usage.get();
    },
  },
  pagination: {
    items: 'conversations',
    pageSize: 100,
    async handWritten(baseUrl, pageSize) {
      let count = 0;
      let cursor = null;
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
      for await (const conversation of newClient(baseUrl).conversations.list({ limit: pageSize })) if (conversation.id) count++;
      return count;
    },
  },
  bundles: [
    {
      key: 'one-operation',
      name: 'one operation: createLuluDeskDataClient + getUsage (/operations)',
      source: [
        "import { createLuluDeskDataClient, getUsage } from '@apiforge/luludesk-client/operations';",
        `const luludesk = createLuluDeskDataClient({ apiKey: 'lld_example', workspaceId: '${WORKSPACE_ID}' });`,
        'console.log(await getUsage(luludesk));',
      ].join('\n'),
    },
    {
      key: 'client',
      name: 'client: LuluDeskClient + usage.get',
      source: [
        "import { LuluDeskClient } from '@apiforge/luludesk-client';",
        `const client = new LuluDeskClient({ apiKey: 'lld_example', workspaceId: '${WORKSPACE_ID}' });`,
        'console.log(await client.usage.get());',
      ].join('\n'),
    },
  ],
};

/** @param {{ quick?: boolean; only?: string[]; requests?: number; items?: number }} [options] */
export function runBench(options = {}) {
  return runClientBench(luludeskBenchSpec, options);
}
