import { createLumiqTraceDataClient, getPerformance, listEvents, NotFoundError } from '@apiforge/lumiqtrace-client/operations';

// One function per operation: a bundle ships only the operations it imports.
const lumiqtrace = createLumiqTraceDataClient({ sessionToken: process.env.LUMIQTRACE_SESSION_TOKEN!, timeoutMs: 10_000 });

const performance = await getPerformance(lumiqtrace, { projectId: 'proj_acme' }, { maxRetries: 1 });
console.log(`p99 ${performance.latency?.p99 ?? 'n/a'} ms`);

try {
  for await (const event of listEvents(lumiqtrace, { projectId: 'proj_acme', status: 'error', limit: 50 })) {
    console.log(event.event_id, event.model);
  }
} catch (error) {
  if (!(error instanceof NotFoundError)) throw error; // unknown project
}
