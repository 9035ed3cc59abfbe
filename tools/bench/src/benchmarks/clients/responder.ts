/**
 * Canned answers for the client benchmarks' server (see harness startCannedServer), shaped as each spec
 * documents them: one GET per API for the overhead rows, and cursor pages of one list per API for the
 * pagination rows. `api` picks the API; `items` is the length of the paginated list.
 */
import { pagedBodies } from '../../harness/canned-server.js';

export const LUCENT_ISSUE_ID = '87b3a6b6-5af5-438b-a39c-eff148a68ccb';
export const LULUDESK_WORKSPACE_ID = '550e8400-e29b-41d4-a716-446655440000';
export const LUMIQTRACE_PROJECT_ID = 'proj_bench';

type Responder = (url: URL) => string | undefined;

export function createResponder({ api, items = 10_000 }: { api: 'lucent' | 'luludesk' | 'lumiqtrace'; items?: number }): Responder {
  if (api === 'lucent') return lucent(items);
  if (api === 'luludesk') return luludesk(items);
  return lumiqtrace(items);
}

const limitOf = (url: URL, fallback: number) => Number(url.searchParams.get('limit') ?? fallback);

function lucent(items: number): Responder {
  const pages = pagedBodies({
    total: items,
    item: (i) => ({
      id: `10000000-0000-4000-8000-${String(items - i).padStart(12, '0')}`,
      title: `Issue ${i}`,
      description: 'Safari 17 users tap "Pay now" repeatedly; the click handler throws before the payment sheet opens.',
      status: 'unresolved',
      priority: 'high',
      previewUrl: i % 2 === 0 ? `https://app.lucenthq.com/previews/${i}.png` : null,
      createdAt: new Date(Date.parse('2026-02-24T10:32:19.066Z') - i * 1000).toISOString(),
      sessionCount: i,
    }),
    page: (issues, { nextCursor }) => ({ issues, nextCursor }),
  });
  const detail = JSON.stringify({
    issue: {
      ...pages.items[0],
      ticketProvider: null,
      ticketUrl: null,
      ticketIdentifier: null,
      stepsToReplicate: '1. Add any item to the cart in Safari 17. 2. Open checkout. 3. Tap Pay now.',
      aiVerified: true,
      updatedAt: '2026-02-24T10:32:19.066Z',
    },
  });
  return (url) => {
    if (url.pathname === '/api/v1/issues') return pages.body(pages.offsetOf(url.searchParams.get('cursor')), limitOf(url, 25));
    if (url.pathname.startsWith('/api/v1/issues/')) return detail;
    return undefined;
  };
}

function luludesk(items: number): Responder {
  const workspace = LULUDESK_WORKSPACE_ID;
  const pages = pagedBodies({
    total: items,
    item: (i) => ({
      id: `c0000000-0000-4000-8000-${String(items - i).padStart(12, '0')}`,
      workspace_id: workspace,
      started_at: new Date(Date.parse('2026-02-24T10:32:19.000Z') - i * 60_000).toISOString(),
      ended_at: i % 7 === 0 ? null : new Date(Date.parse('2026-02-24T10:40:00.000Z') - i * 60_000).toISOString(),
      message_count: 3 + (i % 20),
      handoff_id: i % 11 === 0 ? `h0000000-0000-4000-8000-${String(i).padStart(12, '0')}` : null,
      status: i % 11 === 0 ? 'handed_off' : i % 7 === 0 ? 'open' : 'closed',
    }),
    page: (data, { offset, limit, total, nextCursor }) => ({
      data,
      pagination: { page: Math.floor(offset / limit) + 1, limit, total, has_more: nextCursor !== null, next_cursor: nextCursor },
    }),
  });
  const usage = JSON.stringify({
    data: {
      messages_used: 2970,
      messages_limit: 10_000,
      messages_utilisation: 0.297,
      period_start: '2026-02-01T00:00:00.000Z',
      period_end: '2026-03-01T00:00:00.000Z',
      cost_micros: 1_449_000,
      cap_micros: 30_000_000,
      pct_used: 4.83,
    },
    workspace_id: workspace,
    meta: { period_type: 'billing_period' },
  });
  const base = `/api/v1/workspaces/${workspace}`;
  return (url) => {
    if (url.pathname === `${base}/usage`) return usage;
    if (url.pathname === `${base}/conversations`) return pages.body(pages.offsetOf(url.searchParams.get('cursor')), limitOf(url, 20));
    return undefined;
  };
}

function lumiqtrace(items: number): Responder {
  const models = ['gpt-4o-mini', 'claude-sonnet-4', 'gemini-2.0-flash'];
  const providers = ['openai', 'anthropic', 'google'];
  const pages = pagedBodies({
    total: items,
    item: (i) => {
      const base = {
        event_id: `00000000-0000-4000-8000-${String(items - i).padStart(12, '0')}`,
        trace_id: `trace_${String(Math.floor(i / 4)).padStart(8, '0')}`,
        span_id: `span_${String(i).padStart(8, '0')}`,
        parent_span_id: i % 4 === 0 ? null : `span_${String(i - (i % 4)).padStart(8, '0')}`,
        timestamp: new Date(Date.parse('2026-02-24T10:32:19.000Z') - i * 1000).toISOString(),
      };
      // Every tenth event came through POST /v1/otel from a span without gen_ai attributes.
      if (i % 10 === 9) return { ...base, operation: 'db.query', latency_ms: 12 + (i % 40), status: 'success' };
      return {
        ...base,
        provider: providers[i % 3],
        model: models[i % 3],
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
  const performance = JSON.stringify({ latency: { p50: 612, p90: 1480, p99: 3210 }, avgTtft: 142.5, tokensPerSecond: 87.3, timeoutRate: 0.004 });
  return (url) => {
    if (url.pathname === '/v1/performance') return performance;
    if (url.pathname === '/v1/events') return pages.body(pages.offsetOf(url.searchParams.get('cursor')), limitOf(url, 50));
    return undefined;
  };
}
