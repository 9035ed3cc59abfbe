/**
 * The benchmark's API server, run in its own process so its work does not
 * share the event loop with the client being measured. Answers from
 * precomputed bodies: GET /api/v1/issues/:id and cursor pages of
 * GET /api/v1/issues over ISSUES issues. Prints its URL on stdout.
 */
import { createServer } from 'node:http';

const total = Number(process.env.ISSUES ?? 10_000);
const issueAt = (i) => ({
  id: `10000000-0000-4000-8000-${String(total - i).padStart(12, '0')}`,
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
});
const issues = Array.from({ length: total }, (_, i) => issueAt(i));
const detail = JSON.stringify({
  ...issues[0],
  summary: 'Safari 17 users tap "Pay now" repeatedly; the click handler throws before the payment sheet opens.',
  affectedPages: ['https://shop.example.com/checkout'],
  sampleSessionIds: ['s_01HZX3K9Q7W2M4N6P8R0T1V3X5'],
  ticketUrl: null,
});
const pages = new Map();
function page(offset, limit) {
  const key = `${offset}:${limit}`;
  let body = pages.get(key);
  if (!body) {
    const next = offset + limit < total ? `c${offset + limit}` : null;
    body = JSON.stringify({ issues: issues.slice(offset, offset + limit), nextCursor: next });
    pages.set(key, body);
  }
  return body;
}

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  let body;
  if (url.pathname === '/api/v1/issues') {
    const cursor = url.searchParams.get('cursor');
    body = page(cursor ? Number(cursor.slice(1)) : 0, Number(url.searchParams.get('limit') ?? 25));
  } else if (url.pathname.startsWith('/api/v1/issues/')) {
    body = detail;
  } else {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":"Not found"}');
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`http://127.0.0.1:${server.address().port}\n`);
});
