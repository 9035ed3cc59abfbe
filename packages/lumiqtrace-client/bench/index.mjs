/**
 * `pnpm bench` rows for the built client (dist/), on the shared harness (@apiforge/bench/harness):
 * - client-overhead: client.performance.get({ projectId }) vs raw fetch of the same URL;
 * - pagination-overhead: `for await` over events.list({ projectId }) vs a loop following nextCursor;
 * - bundle-size: min+gzip of a browser consumer importing one operation (/operations), plus the
 *   class-based consumer (`new LumiqTraceClient(...)` + performance.get()) as bundle-size-client.
 */
import { fileURLToPath } from 'node:url';
import { runClientBench } from '@apiforge/bench/harness';
import { build } from 'esbuild';
import { LumiqTraceClient } from '../dist/index.js';
import { PROJECT_ID } from './responder.mjs';

const SESSION_TOKEN = 'bench-session-token';
const headers = { authorization: `Bearer ${SESSION_TOKEN}` };

async function fetchJson(url) {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${url}`);
  return response.json();
}

const newClient = (baseUrl) => new LumiqTraceClient({ sessionToken: SESSION_TOKEN, baseUrl });

export const lumiqtraceBenchSpec = {
  client: 'lumiqtrace-client',
  responder: fileURLToPath(new URL('./responder.mjs', import.meta.url)),
  packageDir: fileURLToPath(new URL('..', import.meta.url)),
  build,
  overhead: {
    operation: 'performance.get',
    raw: (baseUrl) => () => fetchJson(`${baseUrl}/v1/performance?${new URLSearchParams({ projectId: PROJECT_ID })}`),
    client: (baseUrl) => {
      const client = newClient(baseUrl);
      return () => client.performance.get({ projectId: PROJECT_ID });
    },
  },
  pagination: {
    items: 'events',
    pageSize: 100,
    async handWritten(baseUrl, pageSize) {
      let count = 0;
      let cursor = null;
      do {
        const query = new URLSearchParams({ projectId: PROJECT_ID, limit: String(pageSize) });
        if (cursor) query.set('cursor', cursor);
        const page = await fetchJson(`${baseUrl}/v1/events?${query}`);
        for (const event of page.events) if (event.event_id) count++;
        cursor = page.nextCursor;
      } while (cursor);
      return count;
    },
    async auto(baseUrl, pageSize) {
      let count = 0;
      for await (const event of newClient(baseUrl).events.list({ projectId: PROJECT_ID, limit: pageSize })) if (event.event_id) count++;
      return count;
    },
  },
  bundles: [
    {
      key: 'one-operation',
      name: 'one operation: createLumiqTraceDataClient + getPerformance (/operations)',
      source: [
        "import { createLumiqTraceDataClient, getPerformance } from '@apiforge/lumiqtrace-client/operations';",
        "const lumiqtrace = createLumiqTraceDataClient({ sessionToken: 'session-example' });",
        `console.log(await getPerformance(lumiqtrace, { projectId: '${PROJECT_ID}' }));`,
      ].join('\n'),
    },
    {
      key: 'client',
      name: 'client: LumiqTraceClient + performance.get',
      source: [
        "import { LumiqTraceClient } from '@apiforge/lumiqtrace-client';",
        "const client = new LumiqTraceClient({ sessionToken: 'session-example' });",
        `console.log(await client.performance.get({ projectId: '${PROJECT_ID}' }));`,
      ].join('\n'),
    },
  ],
};

/** @param {{ quick?: boolean; only?: string[]; requests?: number; items?: number }} [options] */
export function runBench(options = {}) {
  return runClientBench(lumiqtraceBenchSpec, options);
}
