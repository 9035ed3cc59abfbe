/**
 * `pnpm bench` rows for the built client (dist/), on the shared harness (@apiforge/bench/harness):
 * - client-overhead: client.issues.get vs raw fetch of the same URL;
 * - pagination-overhead: `for await` over every issue vs a hand-written cursor loop;
 * - bundle-size: min+gzip of a browser consumer importing one operation (/operations), plus the
 *   class-based data and ingest consumers as bundle-size-data / bundle-size-ingest.
 */
import { fileURLToPath } from 'node:url';
import { runClientBench } from '@apiforge/bench/harness';
import { build } from 'esbuild';
import { LucentClient } from '../dist/index.js';

const TOKEN = 'luc_api_bench_token';
const ISSUE_ID = '87b3a6b6-5af5-438b-a39c-eff148a68ccb';
const headers = { authorization: `Bearer ${TOKEN}` };

async function fetchJson(url) {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${url}`);
  return response.json();
}

export const lucentBenchSpec = {
  client: 'lucent-client',
  responder: fileURLToPath(new URL('./responder.mjs', import.meta.url)),
  packageDir: fileURLToPath(new URL('..', import.meta.url)),
  build,
  overhead: {
    operation: 'issues.get',
    raw: (baseUrl) => () => fetchJson(`${baseUrl}/api/v1/issues/${ISSUE_ID}`),
    client: (baseUrl) => {
      const client = new LucentClient({ apiKey: TOKEN, baseUrl });
      return () => client.issues.get(ISSUE_ID);
    },
  },
  pagination: {
    items: 'issues',
    pageSize: 100,
    async handWritten(baseUrl, pageSize) {
      let count = 0;
      let cursor = null;
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
      const client = new LucentClient({ apiKey: TOKEN, baseUrl });
      let count = 0;
      for await (const issue of client.issues.list({ limit: pageSize })) if (issue.id) count++;
      return count;
    },
  },
  bundles: [
    {
      key: 'one-operation',
      name: 'one operation: createLucentDataClient + getIssue (/operations)',
      source: [
        "import { createLucentDataClient, getIssue } from '@apiforge/lucent-client/operations';",
        "const lucent = createLucentDataClient({ apiKey: 'luc_api_example' });",
        `console.log(await getIssue(lucent, '${ISSUE_ID}'));`,
      ].join('\n'),
    },
    {
      key: 'data',
      name: 'data: LucentClient + issues.get',
      source: [
        "import { LucentClient } from '@apiforge/lucent-client';",
        "const client = new LucentClient({ apiKey: 'luc_api_example' });",
        `console.log(await client.issues.get('${ISSUE_ID}'));`,
      ].join('\n'),
    },
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
};

/** @param {{ quick?: boolean; only?: string[]; requests?: number; items?: number }} [options] */
export function runBench(options = {}) {
  return runClientBench(lucentBenchSpec, options);
}
