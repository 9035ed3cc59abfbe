import { picker } from './random.js';

/** One LumiqTrace ingest line (an LLM span), shaped as the spec's `IngestEvent` line schema. */
export interface TraceLikeEvent {
  event_id: string;
  trace_id: string;
  span_id: string;
  timestamp: string;
  provider: string;
  model: string;
  [field: string]: unknown;
}

const MODELS = [
  ['anthropic', 'claude-sonnet-4-6'],
  ['anthropic', 'claude-haiku-4-5'],
  ['openai', 'gpt-5-mini'],
  ['google', 'gemini-2.5-flash'],
] as const;

/** Deterministic LumiqTrace-style events (unique event_id each), ~450–900 bytes as JSON. */
export function generateTraceEvents(count: number, seed = 42): TraceLikeEvent[] {
  const p = picker(seed);
  const events: TraceLikeEvent[] = [];
  let time = Date.UTC(2026, 3, 20, 9, 0, 0);
  for (let i = 0; i < count; i++) {
    time += p.int(1, 400);
    const [provider, model] = p.pick(MODELS);
    const failed = p.random() < 0.04;
    events.push({
      event_id: p.uuid(),
      trace_id: `run-2026-04-20-${String(Math.floor(i / 6)).padStart(6, '0')}`,
      span_id: i % 6 === 0 ? 'span-root' : `span-${p.word(6, 10)}`,
      ...(i % 6 === 0 ? {} : { parent_span_id: 'span-root' }),
      timestamp: new Date(time).toISOString(),
      provider,
      model,
      operation: p.pick(['chat', 'chat', 'embed', 'tool']),
      span_kind: 'llm',
      latency_ms: p.int(80, 9000),
      ttft_ms: p.int(40, 900),
      input_tokens: p.int(10, 12000),
      output_tokens: p.int(1, 2000),
      cached_tokens: p.int(0, 4000),
      cost_usd: Math.round(p.random() * 1e5) / 1e6,
      status: failed ? 'rate_limited' : 'success',
      ...(failed ? { error_code: 'rate_limit_error', error_message: `Rate limited: ${p.word(10, 60)}` } : {}),
      stream: p.random() < 0.6,
      environment: p.pick(['production', 'staging']),
      user_id: `user_${p.int(1, 20000)}`,
      session_id: p.uuid(),
      tags: { feature: p.pick(['support-reply', 'summarize', 'search', 'classify']), tenant: p.word(3, 12) },
      sdk_version: '1.4.2',
    });
  }
  return events;
}
