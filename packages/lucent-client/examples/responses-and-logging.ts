import { LucentClient, RateLimitError } from '@apiforge/lucent-client';

// No apiKey or baseUrl here: they come from LUCENT_API_KEY and LUCENT_BASE_URL (options win when given).
const client = new LucentClient({
  defaultHeaders: { 'X-Partner-Job': 'nightly-sync' }, // on every call
  logLevel: 'info', // or LUCENT_LOG=info / APIFORGE_LOG=info; default 'off'
  logger: console,
  onResponse: ({ method, url, status, requestId, durationMs }) => console.log(method, url, status, requestId, durationMs),
});

// Data plus status, headers and the request id.
const { data: page, headers, requestId } = await client.issues.list({ limit: 10 }).withResponse();
console.log(`${page.issues.length} issues, ${headers.get('x-ratelimit-remaining')} requests left (request ${requestId})`);

try {
  // Per-call headers, e.g. asking a Prism mock for its documented 429.
  await client.signals.list({}, { headers: { Prefer: 'code=429' }, maxRetries: 0 });
} catch (error) {
  if (error instanceof RateLimitError) console.log(`rate limited; quote request id ${error.requestId ?? 'n/a'}`);
  else throw error;
}
