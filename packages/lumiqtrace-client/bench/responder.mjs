/**
 * Canned LumiqTrace answers for the benchmark server (@apiforge/bench/harness):
 * GET /v1/performance and cursor pages of GET /v1/events over `items` events, shaped as the spec's read-side
 * `Event` (some without model or provider, as POST /v1/otel stores non-GenAI spans).
 */
import { pagedBodies } from '@apiforge/bench/harness';

export const PROJECT_ID = 'proj_bench';
const MODELS = ['gpt-4o-mini', 'claude-sonnet-4', 'gemini-2.0-flash'];
const PROVIDERS = ['openai', 'anthropic', 'google'];

export function createResponder({ items = 10_000 } = {}) {
  const pages = pagedBodies({
    total: items,
    item: (i) => {
      const base = {
        // Deterministic UUIDv4-shaped ids (event_id is documented as a UUIDv4).
        event_id: `00000000-0000-4000-8000-${String(items - i).padStart(12, '0')}`,
        trace_id: `trace_${String(Math.floor(i / 4)).padStart(8, '0')}`,
        span_id: `span_${String(i).padStart(8, '0')}`,
        parent_span_id: i % 4 === 0 ? null : `span_${String(i - (i % 4)).padStart(8, '0')}`,
        timestamp: new Date(Date.parse('2026-02-24T10:32:19.000Z') - i * 1000).toISOString(),
      };
      // Every tenth event came through POST /v1/otel from a span without gen_ai attributes: no model or provider.
      if (i % 10 === 9) return { ...base, operation: 'db.query', latency_ms: 12 + (i % 40), status: 'success' };
      return {
        ...base,
        provider: PROVIDERS[i % 3],
        model: MODELS[i % 3],
        operation: 'chat',
        span_kind: 'llm',
        latency_ms: 300 + (i % 900),
        ttft_ms: 80 + (i % 200),
        input_tokens: 400 + (i % 1000),
        output_tokens: 50 + (i % 300),
        cached_tokens: i % 5 === 0 ? 256 : 0,
        cost_usd: 0.0004 + (i % 50) / 100_000,
        status: i % 40 === 0 ? 'error' : 'success',
      };
    },
    page: (events, { total, nextCursor }) => ({ events, nextCursor, total }),
  });
  const performance = JSON.stringify({
    latency: { p50: 612, p90: 1480, p99: 3210 },
    avgTtft: 142.5,
    tokensPerSecond: 87.3,
    timeoutRate: 0.004,
  });
  return (url) => {
    if (url.pathname === '/v1/performance') return performance;
    if (url.pathname === '/v1/events') {
      return pages.body(pages.offsetOf(url.searchParams.get('cursor')), Number(url.searchParams.get('limit') ?? 50));
    }
    return undefined;
  };
}
