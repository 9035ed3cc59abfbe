// Per-item overhead of paginate() against hand-written cursor loops.
// Bounded: fixed item counts, a few rounds each. Run after `pnpm build`.
import { createServer } from 'node:http';
import { paginate, cursorPagination } from '../dist/index.js';

const PAGE_SIZE = 100;

function memoryApi(totalItems) {
  const items = Array.from({ length: totalItems }, (_, i) => ({ id: i, created_at: i }));
  return async ({ cursor, limit }) => {
    const start = cursor ? Number(cursor) : 0;
    const next = start + limit < totalItems ? String(start + limit) : null;
    return { data: items.slice(start, start + limit), nextCursor: next };
  };
}

async function httpApi(totalItems) {
  const fetchPageMemory = memoryApi(totalItems);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const page = await fetchPageMemory({ cursor: url.searchParams.get('cursor'), limit: PAGE_SIZE });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(page));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}/items`;
  const fetchPage = async ({ cursor, limit }) => {
    const qs = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    return (await fetch(`${base}?${qs}`)).json();
  };
  return { fetchPage, close: () => new Promise((r) => server.close(r)) };
}

const loops = {
  'hand-written loop (sync inner for)': async (fetchPage) => {
    let sum = 0;
    let cursor;
    do {
      const page = await fetchPage({ cursor, limit: PAGE_SIZE });
      for (const item of page.data) sum += item.id;
      cursor = page.nextCursor;
    } while (cursor);
    return sum;
  },
  'hand-written async generator + for await': async (fetchPage) => {
    async function* all() {
      let cursor;
      do {
        const page = await fetchPage({ cursor, limit: PAGE_SIZE });
        yield* page.data;
        cursor = page.nextCursor;
      } while (cursor);
    }
    let sum = 0;
    for await (const item of all()) sum += item.id;
    return sum;
  },
  'paginate() + for await': async (fetchPage) => {
    let sum = 0;
    const listing = paginate({ params: { limit: PAGE_SIZE }, fetchPage, getItems: (p) => p.data, nextParams: cursorPagination() });
    for await (const item of listing) sum += item.id;
    return sum;
  },
  'paginate().pages() + sync inner for': async (fetchPage) => {
    let sum = 0;
    const listing = paginate({ params: { limit: PAGE_SIZE }, fetchPage, getItems: (p) => p.data, nextParams: cursorPagination() });
    for await (const page of listing.pages()) for (const item of page.data) sum += item.id;
    return sum;
  },
};

async function measure(label, fetchPage, rounds) {
  const results = {};
  for (const name of Object.keys(loops)) results[name] = [];
  for (let round = 0; round < rounds; round++) {
    for (const [name, loop] of Object.entries(loops)) {
      const start = performance.now();
      await loop(fetchPage);
      results[name].push(performance.now() - start);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const baseline = median(results['hand-written loop (sync inner for)']);
  console.log(`\n${label}`);
  for (const [name, times] of Object.entries(results)) {
    const m = median(times);
    console.log(`  ${name.padEnd(44)} ${m.toFixed(2).padStart(9)} ms  ${(m / baseline).toFixed(2)}x`);
  }
}

await measure('in-memory pages, 1,000,000 items (pure per-item overhead)', memoryApi(1_000_000), 7);
const http = await httpApi(20_000);
await measure('local HTTP server, 20,000 items in pages of 100', http.fetchPage, 5);
await http.close();
