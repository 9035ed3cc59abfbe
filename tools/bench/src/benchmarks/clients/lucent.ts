import createClient from 'openapi-fetch';
import type { paths } from '../../generated/lucent.js';
import { importWorkspacePackage } from '../../harness/import-package.js';
import type { BenchOptions, BenchResult } from '../../types.js';
import { LUCENT_ISSUE_ID as ISSUE_ID } from './responder.js';
import { rawJsonFetch, runClientSuite, type ClientSuiteSpec } from './suite.js';

const TOKEN = 'luc_api_bench_token';
const headers = { authorization: `Bearer ${TOKEN}` };

interface LucentPackage {
  LucentClient: new (options: { apiKey: string; baseUrl?: string }) => {
    issues: { get(id: string): Promise<unknown>; list(params: { limit: number }): AsyncIterable<{ id?: string }> };
  };
}
const load = () => importWorkspacePackage<LucentPackage>('@apiforge/lucent-client');

const fetchJson = rawJsonFetch(headers);

export const lucentSuite: ClientSuiteSpec = {
  client: 'lucent-client',
  packageName: '@apiforge/lucent-client',
  api: 'lucent',
  overhead: {
    operation: 'issues.get (GET /api/v1/issues/{issueId})',
    raw: (baseUrl) => (signal) => fetchJson(`${baseUrl}/api/v1/issues/${ISSUE_ID}`, signal),
    peer: (baseUrl) => {
      const client = createClient<paths>({ baseUrl, headers });
      return async () => {
        const { data, error } = await client.GET('/api/v1/issues/{issueId}', { params: { path: { issueId: ISSUE_ID } } });
        if (error !== undefined) throw new Error('openapi-fetch call failed');
        return data;
      };
    },
    client: async (baseUrl) => {
      const client = new (await load()).LucentClient({ apiKey: TOKEN, baseUrl });
      return () => client.issues.get(ISSUE_ID);
    },
  },
  pagination: {
    items: 'issues',
    pageSize: 100,
    async handWritten(baseUrl, pageSize) {
      let count = 0;
      let cursor: string | null = null;
      do {
        const query = new URLSearchParams({ limit: String(pageSize) });
        if (cursor) query.set('cursor', cursor);
        const page = await fetchJson(`${baseUrl}/api/v1/issues?${query}`);
        for (const issue of page.issues) if (issue.id) count++;
        cursor = page.nextCursor;
      } while (cursor);
      return count;
    },
    async auto(baseUrl, pageSize) {
      const client = new (await load()).LucentClient({ apiKey: TOKEN, baseUrl });
      let count = 0;
      for await (const issue of client.issues.list({ limit: pageSize })) if (issue.id) count++;
      return count;
    },
  },
  bundles: {
    oneOperation: {
      name: 'one operation: createLucentDataClient + getIssue (/operations)',
      source: [
        "import { createLucentDataClient, getIssue } from '@apiforge/lucent-client/operations';",
        "const lucent = createLucentDataClient({ apiKey: 'luc_api_example' });",
        `console.log(await getIssue(lucent, '${ISSUE_ID}'));`,
      ].join('\n'),
    },
    wholeClient: {
      name: 'whole client: LucentClient + issues.get',
      source: [
        "import { LucentClient } from '@apiforge/lucent-client';",
        "const client = new LucentClient({ apiKey: 'luc_api_example' });",
        `console.log(await client.issues.get('${ISSUE_ID}'));`,
      ].join('\n'),
    },
    extra: [
      {
        key: 'ingest',
        name: 'ingest: LucentIngestClient + batcher',
        source: [
          "import { LucentIngestClient } from '@apiforge/lucent-client';",
          "const ingest = new LucentIngestClient({ publicKey: 'luc_pk_example' });",
          "const batcher = ingest.createBatcher({ session: { id: 's' }, user: { anonymousId: 'a' }, page: { url: location.href } });",
          'batcher.add({ timestamp: Date.now(), type: 3, data: {} });',
        ].join('\n'),
      },
    ],
    peer: {
      name: 'peer: openapi-fetch + one GET',
      source: [
        "import createClient from 'openapi-fetch';",
        "const client = createClient({ baseUrl: 'https://app.lucenthq.com', headers: { authorization: 'Bearer luc_api_example' } });",
        `const { data, error } = await client.GET('/api/v1/issues/{issueId}', { params: { path: { issueId: '${ISSUE_ID}' } } });`,
        'console.log(data ?? error);',
      ].join('\n'),
    },
  },
};

export function runBench(options?: BenchOptions): Promise<BenchResult[]> {
  return runClientSuite(lucentSuite, options);
}
