import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface CannedServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts a keep-alive node:http server in its own process, so serving does not share the event
 * loop with the client being measured. `responderModule` (absolute path) exports
 * `createResponder(options)` returning `(url: URL) => string | undefined`: the JSON body of a
 * 200, or undefined for a 404. `options` must survive JSON.
 */
export async function startCannedServer(responderModule: string, options: unknown = {}): Promise<CannedServer> {
  const main = fileURLToPath(new URL('./canned-server-process.js', import.meta.url));
  const child = spawn(process.execPath, [main, responderModule, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`canned server exited with code ${code} before listening`)));
    child.stdout.once('data', (chunk) => resolve(String(chunk).trim()));
  });
  return {
    url,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill();
      await exited;
    },
  };
}

export interface PagedBodiesOptions<Item> {
  total: number;
  item: (index: number) => Item;
  /** The page's JSON value; `nextCursor` is null on the last page. */
  page: (items: Item[], position: { offset: number; limit: number; total: number; nextCursor: string | null }) => unknown;
}

/**
 * Cursor pages over `total` items, serialized once per (offset, limit) so the server's cost per
 * request is a map lookup. Cursors are opaque strings; `offsetOf` reads them back.
 */
export function pagedBodies<Item>({ total, item, page }: PagedBodiesOptions<Item>) {
  const items = Array.from({ length: total }, (_, index) => item(index));
  const cache = new Map<string, string>();
  return {
    items,
    cursorAt: (offset: number) => `c${offset}`,
    offsetOf: (cursor: string | null | undefined) => (cursor ? Number(cursor.slice(1)) || 0 : 0),
    body(offset: number, limit: number): string {
      const key = `${offset}:${limit}`;
      let body = cache.get(key);
      if (body === undefined) {
        const next = offset + limit < total ? `c${offset + limit}` : null;
        body = JSON.stringify(page(items.slice(offset, offset + limit), { offset, limit, total, nextCursor: next }));
        cache.set(key, body);
      }
      return body;
    },
  };
}
