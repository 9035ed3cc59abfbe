/**
 * Canned LuluDesk Insights answers for the benchmark server (@apiforge/bench/harness):
 * GET /api/v1/workspaces/:id/usage and cursor pages of .../conversations over `items` conversations.
 */
import { pagedBodies } from '@apiforge/bench/harness';

export const WORKSPACE_ID = '550e8400-e29b-41d4-a716-446655440000';

export function createResponder({ items = 10_000 } = {}) {
  const pages = pagedBodies({
    total: items,
    item: (i) => ({
      id: `c0000000-0000-4000-8000-${String(items - i).padStart(12, '0')}`,
      workspace_id: WORKSPACE_ID,
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
    workspace_id: WORKSPACE_ID,
    meta: { period_type: 'billing_period' },
  });
  const base = `/api/v1/workspaces/${WORKSPACE_ID}`;
  return (url) => {
    if (url.pathname === `${base}/usage`) return usage;
    if (url.pathname === `${base}/conversations`) {
      return pages.body(pages.offsetOf(url.searchParams.get('cursor')), Number(url.searchParams.get('limit') ?? 50));
    }
    return undefined;
  };
}
