/**
 * Canned Lucent Data API answers for the benchmark server (@apiforge/bench/harness):
 * GET /api/v1/issues/:id and cursor pages of GET /api/v1/issues over `items` issues.
 */
import { pagedBodies } from '@apiforge/bench/harness';

export function createResponder({ items = 10_000 } = {}) {
  const pages = pagedBodies({
    total: items,
    item: (i) => ({
      id: `10000000-0000-4000-8000-${String(items - i).padStart(12, '0')}`,
      title: `Issue ${i}`,
      status: 'unresolved',
      severity: 'high',
      sessionCount: i,
      userCount: i,
      firstSeenAt: '2026-02-20T08:14:02.000Z',
      lastSeenAt: '2026-02-24T10:31:55.000Z',
      createdAt: new Date(Date.parse('2026-02-24T10:32:19.066Z') - i * 1000).toISOString(),
      updatedAt: '2026-02-24T10:32:19.066Z',
      url: `https://app.lucenthq.com/issues/${i}`,
    }),
    page: (issues, { nextCursor }) => ({ issues, nextCursor }),
  });
  const detail = JSON.stringify({
    ...pages.items[0],
    summary: 'Safari 17 users tap "Pay now" repeatedly; the click handler throws before the payment sheet opens.',
    affectedPages: ['https://shop.example.com/checkout'],
    sampleSessionIds: ['s_01HZX3K9Q7W2M4N6P8R0T1V3X5'],
    ticketUrl: null,
  });
  return (url) => {
    if (url.pathname === '/api/v1/issues') {
      return pages.body(pages.offsetOf(url.searchParams.get('cursor')), Number(url.searchParams.get('limit') ?? 25));
    }
    if (url.pathname.startsWith('/api/v1/issues/')) return detail;
    return undefined;
  };
}
