import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareAB, pagedBodies } from '../src/harness/index.js';
// The server child is the compiled canned-server-process.js, so this side comes from the build too.
import { startCannedServer } from '../dist/harness/index.js';

describe('compareAB', () => {
  it('alternates which side goes first after the warm-up and takes the median per-round ratio', async () => {
    const order: string[] = [];
    const result = await compareAB({
      rounds: 4,
      warmupRounds: 1,
      baseline: async () => order.push('A'),
      candidate: async () => order.push('B'),
    });
    expect(order.join('')).toBe('AB' + 'ABBAABBA');
    expect(result.baselineMs).toHaveLength(4);
    expect(result.candidateMs).toHaveLength(4);
    expect(result.ratio).toBeGreaterThan(0);
  });
});

describe('pagedBodies', () => {
  it('walks every item once through its cursors', () => {
    const pages = pagedBodies({ total: 5, item: (i) => i, page: (items, { nextCursor }) => ({ items, nextCursor }) });
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = JSON.parse(pages.body(pages.offsetOf(cursor), 2)) as { items: number[]; nextCursor: string | null };
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('startCannedServer', () => {
  it('serves the responder module from its own process and answers 404 for other paths', async () => {
    const server = await startCannedServer(fileURLToPath(new URL('./fixtures/canned-responder.mjs', import.meta.url)), { items: 3 });
    try {
      const first = await fetch(`${server.url}/items?limit=2`);
      expect(first.headers.get('content-length')).not.toBeNull();
      expect(await first.json()).toEqual({ data: [{ id: 0 }, { id: 1 }], next: 'c2' });
      expect(await (await fetch(`${server.url}/items?limit=2&cursor=c2`)).json()).toEqual({ data: [{ id: 2 }], next: null });
      expect((await fetch(`${server.url}/nope`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
