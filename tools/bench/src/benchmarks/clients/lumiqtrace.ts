import createClient from 'openapi-fetch';
import type { paths } from '../../generated/lumiqtrace.js';
import { importWorkspacePackage } from '../../harness/import-package.js';
import type { BenchOptions, BenchResult } from '../../types.js';
import { LUMIQTRACE_PROJECT_ID as PROJECT_ID } from './responder.js';
import { rawJsonFetch, runClientSuite, type ClientSuiteSpec } from './suite.js';

const SESSION_TOKEN = 'bench-session-token';
const headers = { authorization: `Bearer ${SESSION_TOKEN}` };

interface LumiqTracePackage {
  LumiqTraceClient: new (options: { sessionToken: string; baseUrl?: string }) => {
    performance: { get(params: { projectId: string }): Promise<unknown> };
    events: { list(params: { projectId: string; limit: number }): AsyncIterable<{ event_id?: string }> };
  };
}
const newClient = async (baseUrl: string) =>
  new (await importWorkspacePackage<LumiqTracePackage>('@apiforge/lumiqtrace-client')).LumiqTraceClient({ sessionToken: SESSION_TOKEN, baseUrl });

const fetchJson = rawJsonFetch(headers);

export const lumiqtraceSuite: ClientSuiteSpec = {
  client: 'lumiqtrace-client',
  packageName: '@apiforge/lumiqtrace-client',
  api: 'lumiqtrace',
  overhead: {
    operation: 'performance.get (GET /v1/performance)',
    raw: (baseUrl) => (signal) => fetchJson(`${baseUrl}/v1/performance?${new URLSearchParams({ projectId: PROJECT_ID })}`, signal),
    peer: (baseUrl) => {
      const client = createClient<paths>({ baseUrl, headers });
      return async () => {
        const { data, error } = await client.GET('/v1/performance', { params: { query: { projectId: PROJECT_ID } } });
        if (error !== undefined) throw new Error('openapi-fetch call failed');
        return data;
      };
    },
    client: async (baseUrl) => {
      const client = await newClient(baseUrl);
      return () => client.performance.get({ projectId: PROJECT_ID });
    },
  },
  pagination: {
    items: 'events',
    pageSize: 100,
    async handWritten(baseUrl, pageSize) {
      let count = 0;
      let cursor: string | null = null;
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
      for await (const event of (await newClient(baseUrl)).events.list({ projectId: PROJECT_ID, limit: pageSize })) if (event.event_id) count++;
      return count;
    },
  },
  bundles: {
    oneOperation: {
      name: 'one operation: createLumiqTraceDataClient + getPerformance (/operations)',
      source: [
        "import { createLumiqTraceDataClient, getPerformance } from '@apiforge/lumiqtrace-client/operations';",
        "const lumiqtrace = createLumiqTraceDataClient({ sessionToken: 'session-example' });",
        `console.log(await getPerformance(lumiqtrace, { projectId: '${PROJECT_ID}' }));`,
      ].join('\n'),
    },
    wholeClient: {
      name: 'whole client: LumiqTraceClient + performance.get',
      source: [
        "import { LumiqTraceClient } from '@apiforge/lumiqtrace-client';",
        "const client = new LumiqTraceClient({ sessionToken: 'session-example' });",
        `console.log(await client.performance.get({ projectId: '${PROJECT_ID}' }));`,
      ].join('\n'),
    },
    peer: {
      name: 'peer: openapi-fetch + one GET',
      source: [
        "import createClient from 'openapi-fetch';",
        "const client = createClient({ baseUrl: 'https://api.lumiqtrace.com', headers: { authorization: 'Bearer session-example' } });",
        `const { data, error } = await client.GET('/v1/performance', { params: { query: { projectId: '${PROJECT_ID}' } } });`,
        'console.log(data ?? error);',
      ].join('\n'),
    },
  },
};

export function runBench(options?: BenchOptions): Promise<BenchResult[]> {
  return runClientSuite(lumiqtraceSuite, options);
}
