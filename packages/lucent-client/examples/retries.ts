import { LucentClient } from '@apiforge/lucent-client';

// Client-wide: up to 4 retries, 10 s per attempt.
const client = new LucentClient({
  apiKey: process.env.LUCENT_API_KEY!,
  maxRetries: 4,
  timeoutMs: 10_000,
  retry: { onRetry: ({ retry, delayMs, error }) => console.warn(`retry ${retry} in ${Math.round(delayMs)} ms`, error) },
});

// Per call: no retries and a 2 s timeout for this one request.
const page = await client.issues.list({ limit: 10 }, { maxRetries: 0, timeoutMs: 2_000 });

// Cancel from outside: rejects with ApiAbortError, also while waiting to retry.
const controller = new AbortController();
setTimeout(() => controller.abort(), 5_000);
const { issue } = await client.issues.get(page.issues[0]!.id, { signal: controller.signal });
console.log(issue.status);
