import { isMonthlyQuotaExceeded, LumiqTraceClient, LumiqTraceIngestClient } from '@apiforge/lumiqtrace-client';

// sessionToken / apiKey and baseUrl come from LUMIQTRACE_SESSION_TOKEN / LUMIQTRACE_API_KEY and LUMIQTRACE_BASE_URL.
const client = new LumiqTraceClient({ logLevel: 'info' }); // or LUMIQTRACE_LOG=info / APIFORGE_LOG=info
const ingest = new LumiqTraceIngestClient({
  defaultHeaders: { 'X-Service': 'checkout' },
  onResponse: ({ status, requestId, durationMs }) => console.log('ingest', status, requestId, durationMs),
});

const { data: performance, headers, requestId } = await client.performance.get({ projectId: 'proj_acme' }).withResponse();
console.log(performance.latency?.p99, headers.get('x-ratelimit-remaining'), requestId);

try {
  await ingest.otel.export({ resourceSpans: [] }, { headers: { Prefer: 'code=429' }, maxRetries: 0 });
} catch (error) {
  console.log(isMonthlyQuotaExceeded(error) ? 'out of monthly events' : error, 'request id:', (error as { requestId?: string }).requestId);
}
