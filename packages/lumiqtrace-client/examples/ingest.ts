import { isMonthlyQuotaExceeded, LumiqTraceIngestClient, type Event } from '@apiforge/lumiqtrace-client';

const ingest = new LumiqTraceIngestClient({ apiKey: process.env.LUMIQTRACE_API_KEY! });

const event: Event = {
  event_id: crypto.randomUUID(),
  trace_id: 'run-2026-04-20-0042',
  span_id: 'span-llm',
  parent_span_id: 'span-root',
  timestamp: new Date().toISOString(),
  provider: 'anthropic',
  model: 'claude-sonnet-4-6',
  operation: 'chat',
  latency_ms: 1312,
  input_tokens: 904,
  output_tokens: 211,
  status: 'success',
};

// Any number of events: sent as gzip NDJSON in requests of at most 100.
await ingest.send([event]);

// Or in the background: batches of 100, one send per 5 s at most, duplicates (same event_id) dropped.
const batcher = ingest.createBatcher({
  onError: (error, events) => {
    if (isMonthlyQuotaExceeded(error)) console.warn(`quota used up; ${events.length} events not stored`);
  },
});
batcher.add(event);
batcher.add(event); // false: already added
await batcher.close();
