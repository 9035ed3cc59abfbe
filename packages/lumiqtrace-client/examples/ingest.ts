import { isMonthlyQuotaExceeded, LumiqTraceIngestClient, type IngestEvent } from '@apiforge/lumiqtrace-client';

const ingest = new LumiqTraceIngestClient({ apiKey: process.env.LUMIQTRACE_API_KEY! });

// Required: event_id, trace_id, span_id, timestamp and provider; everything else is optional.
const event: IngestEvent = {
  event_id: crypto.randomUUID(),
  trace_id: 'run-2026-04-20-0042',
  span_id: 'span-llm',
  parent_span_id: 'span-root',
  timestamp: new Date().toISOString(),
  provider: 'anthropic',
  model: 'claude-sonnet-4-6',
  operation: 'chat',
  span_kind: 'llm',
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
