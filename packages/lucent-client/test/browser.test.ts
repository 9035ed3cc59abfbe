import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeLucent, type FakeLucent } from './support/fake-lucent.js';

/**
 * Loads the built package, bundled for the browser, into headless Chromium from
 * one origin and talks to the fake Lucent on another (so CORS is exercised).
 */

const CHROMIUM = '/usr/bin/chromium';
const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const packageDir = fileURLToPath(new URL('..', import.meta.url));

let fake: FakeLucent;
let site: Server;
let siteUrl: string;
let browser: Browser;
let page: Page;
let loggingScript: string;
let scriptWithoutLogging: string;

declare global {
  interface Window {
    lucent: typeof import('../src/index.js');
  }
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get update && apt-get install -y chromium`);
  const bundle = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
  });
  const inputs = Object.keys(bundle.metafile.inputs);
  expect(inputs.filter((input) => input.startsWith('node:') || !/\.(m?js)$/.test(input))).toEqual([]);
  const script = bundle.outputFiles[0]!.text;
  // The same package with logging enabled the browser way: one import of its /logging entry.
  const withLogging = await build({
    stdin: { contents: "import '@apiforge/lucent-client/logging';\nexport * from '@apiforge/lucent-client';", resolveDir: packageDir, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
  });
  loggingScript = withLogging.outputFiles[0]!.text;
  scriptWithoutLogging = script;
  fake = await startFakeLucent({ issues: 450 });
  site = createServer((req, res) => {
    if (req.url === '/lucent-client.js' || req.url === '/lucent-client-logging.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(req.url === '/lucent-client.js' ? script : loggingScript);
    } else if (req.url === '/logging') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>lucent</title><script type="module">import * as lucent from "/lucent-client-logging.js"; window.lucent = lucent;</script>');
    } else if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>lucent</title><script type="module">import * as lucent from "/lucent-client.js"; window.lucent = lucent;</script>');
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  page = await browser.newPage();
  await page.goto(`${siteUrl}/`);
  await page.waitForFunction(() => Boolean(window.lucent));
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => site?.close(resolve));
  await fake?.close();
});

describe('in headless Chromium', () => {
  it('lists every issue across pages and updates a status, cross-origin', async () => {
    const result = await page.evaluate(async (api) => {
      const client = new window.lucent.LucentClient({ apiKey: 'luc_api_sandbox_write', baseUrl: api });
      const ids: string[] = [];
      for await (const issue of client.issues.list({ limit: 200 })) ids.push(issue.id);
      const { issue: updated } = await client.issues.updateStatus(ids[0]!, { status: 'ticket_created' });
      const missing = await client.issues.get('00000000-0000-4000-8000-000000000000').catch((error: unknown) => error);
      return {
        count: ids.length,
        unique: new Set(ids).size,
        status: updated.status,
        missing: missing instanceof window.lucent.NotFoundError ? (missing as Error).message : String(missing),
        origin: location.origin,
      };
    }, fake.url);
    expect(result).toEqual({ count: 450, unique: 450, status: 'ticket_created', missing: 'Issue not found', origin: siteUrl });
    expect(fake.requests.some((request) => request.method === 'OPTIONS')).toBe(true);
  });

  it('fails fast on a key of the wrong kind', async () => {
    const message = await page.evaluate(() => {
      try {
        new window.lucent.LucentIngestClient({ publicKey: 'luc_api_sandbox_write' });
        return 'no error';
      } catch (error) {
        return (error as Error).message;
      }
    });
    expect(message).toContain('needs an ingest public key starting with luc_pk_');
    expect(message).not.toContain('luc_api_sandbox_write');
  });

  it('submits gzip-compressed replay batches through CompressionStream', async () => {
    const ok = await page.evaluate(async (api) => {
      const ingest = new window.lucent.LucentIngestClient({ publicKey: 'luc_pk_sandbox', ingestBaseUrl: api });
      const now = Date.now();
      const session = { id: 'browser-batcher', windowId: 'w1', startedAt: now, lastActivityAt: now, url: location.href };
      const batcher = ingest.createBatcher({ session, user: { anonymousId: 'b' }, page: { url: location.href } });
      for (let i = 0; i < 700; i++) batcher.add({ timestamp: Date.now(), type: 3, data: { i, text: 'ü✓' } });
      await batcher.close();
      return batcher.stats.eventsSent;
    }, fake.url);
    expect(ok).toBe(700);
    const stored = fake.sessions.get('browser-batcher')!;
    expect(stored.map((batch) => [batch.sequence, batch.events.length, batch.flush, batch.contentEncoding])).toEqual([
      [1, 500, 'normal', 'gzip'],
      [2, 200, 'final', 'gzip'],
    ]);
    expect(stored[1]!.events[0]).toMatchObject({ data: { i: 500, text: 'ü✓' } });
  });

  it('sends the final batch with sendBeacon when the page is left', async () => {
    await page.evaluate((api) => {
      const ingest = new window.lucent.LucentIngestClient({ publicKey: 'luc_pk_sandbox', ingestBaseUrl: api });
      const now = Date.now();
      const session = { id: 'browser-unload', windowId: 'w1', startedAt: now, lastActivityAt: now, url: location.href };
      const batcher = ingest.createBatcher({ session, user: { anonymousId: 'u' }, page: { url: location.href } });
      for (let i = 0; i < 3; i++) batcher.add({ timestamp: Date.now(), type: 3, data: { i } });
    }, fake.url);
    await page.goto('about:blank');
    await expect.poll(() => fake.sessions.get('browser-unload')?.length ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);
    const batches = fake.sessions.get('browser-unload')!;
    expect(batches.flatMap((batch) => batch.events)).toHaveLength(3);
    expect(batches.at(-1)).toMatchObject({ flush: 'final', via: 'query' });
    expect(batches.at(-1)!.contentType).toMatch(/^text\/plain/);
  });
});

describe('logging in a browser bundle', () => {
  it('is left out of the bundle, and asking for it without the /logging import is a clear error', async () => {
    expect(scriptWithoutLogging).not.toContain('onRequest/onResponse hook threw');
    expect(loggingScript).toContain('onRequest/onResponse hook threw');
    const other = await browser.newPage();
    try {
      await other.goto(`${siteUrl}/`);
      await other.waitForFunction(() => Boolean(window.lucent));
      const message = await other.evaluate(() => {
        try {
          new window.lucent.LucentClient({ apiKey: 'luc_api_sandbox_write', logLevel: 'info' });
          return 'no error';
        } catch (error) {
          return (error as Error).message;
        }
      });
      expect(message).toBe("LucentClient: logger, logLevel, onRequest and onResponse need `import '@apiforge/lucent-client/logging'` in a browser bundle.");
    } finally {
      await other.close();
    }
  });

  it('logs redacted lines and calls the hooks once @apiforge/lucent-client/logging is imported', async () => {
    const other = await browser.newPage();
    try {
      await other.goto(`${siteUrl}/logging`);
      await other.waitForFunction(() => Boolean(window.lucent));
      const seen = await other.evaluate(async (api) => {
        const lines: string[] = [];
        const statuses: number[] = [];
        const logger = { error: (l: string) => lines.push(l), warn: (l: string) => lines.push(l), info: (l: string) => lines.push(l), debug: (l: string) => lines.push(l) };
        const client = new window.lucent.LucentClient({ apiKey: 'luc_api_sandbox_write', baseUrl: api, logger, logLevel: 'info', onResponse: (event) => statuses.push(event.status) });
        const first = await client.issues.list({ limit: 1 });
        return { lines, statuses, issues: first.issues.length };
      }, fake.url);
      expect(seen.issues).toBe(1);
      expect(seen.statuses).toEqual([200]);
      expect(seen.lines).toEqual([expect.stringMatching(/^\[lucent\] ← GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/issues\?limit=1 200 in \d+ ms/)]);
      expect(seen.lines.join('\n')).not.toContain('luc_api_sandbox_write');
    } finally {
      await other.close();
    }
  });
});
