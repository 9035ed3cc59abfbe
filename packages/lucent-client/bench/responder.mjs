/**
 * Canned Lucent Data API answers for the benchmark server (@apiforge/bench/harness):
 * GET /api/v1/issues/:id (`{ issue }`) and cursor pages of GET /api/v1/issues over `items` issues,
 * shaped as Lucent documents them.
 */
import { pagedBodies } from '@apiforge/bench/harness';

export function createResponder({ items = 10_000 } = {}) {
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
    if (url.pathname === '/api/v1/issues') {
      return pages.body(pages.offsetOf(url.searchParams.get('cursor')), Number(url.searchParams.get('limit') ?? 25));
    }
    if (url.pathname.startsWith('/api/v1/issues/')) return detail;
    return undefined;
  };
}
