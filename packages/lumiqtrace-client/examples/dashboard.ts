import { LumiqTraceClient, PermissionDeniedError } from '@apiforge/lumiqtrace-client';

const client = new LumiqTraceClient({ sessionToken: process.env.LUMIQTRACE_SESSION_TOKEN! });

// One page (newest first), or every matching event across pages.
const page = await client.events.list({ projectId: 'proj_acme', status: 'error', limit: 50 });
console.log(`${page.total} failed calls`);
for await (const event of client.events.list({ projectId: 'proj_acme', model: 'gpt-4o' })) {
  // Events from POST /v1/otel may have no model or provider; operation is then the span name.
  if ((event.latency_ms ?? 0) > 10_000) console.log('slow call', event.event_id, event.model ?? event.operation);
}

const spans = await client.traces.get('run-2026-04-20-0042', { projectId: 'proj_acme' });
const overview = await client.projects.overview('proj_acme');
const costs = await client.costs.get({ projectId: 'proj_acme', start: '2026-04-01T00:00:00Z' });
const performance = await client.performance.get({ projectId: 'proj_acme' });
// The cost and performance field names are the spec's assumptions (LumiqTrace does not publish them): all optional.
console.log(spans.length, overview.kpis.errorRate, costs.forecast30d, performance.latency?.p99);

try {
  await client.projects.overview('proj_of_another_org');
} catch (error) {
  if (error instanceof PermissionDeniedError) console.log('not a member of that organization');
}
