// Attacks on the transport from the adversarial review: redirects that would carry credentials to
// another origin or turn a write into a GET, and error bodies large enough to exhaust memory.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InternalServerError, RedirectError, createFetchWithRetries, readResponseBody, MAX_ERROR_BODY_BYTES } from '../src/index.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

async function listen(handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

let api: { server: Server; url: string };
let other: { server: Server; url: string };
const seenByApi: Seen[] = [];
const seenByOther: Seen[] = [];
let redirectTo = '';
let redirectStatus = 302;

beforeAll(async () => {
  other = await listen((req, res) => {
    seenByOther.push({ method: req.method!, url: req.url!, headers: req.headers });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  api = await listen((req, res) => {
    seenByApi.push({ method: req.method!, url: req.url!, headers: req.headers });
    req.resume();
    if (req.url === '/moved') {
      res.writeHead(redirectStatus, { location: redirectTo }).end();
      return;
    }
    if (req.url === '/moved-nowhere') {
      res.writeHead(302).end();
      return;
    }
    if (req.url === '/here') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"here":true}');
      return;
    }
    if (req.url === '/huge') {
      // A 500 whose body never ends on its own: the client must stop reading after its cap.
      res.writeHead(500, { 'content-type': 'text/plain' });
      const chunk = 'x'.repeat(64 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent < 200 && res.write(chunk)) sent++;
        if (sent >= 200) res.end();
        else res.once('drain', pump);
      };
      res.on('close', () => (sent = 200));
      pump();
      return;
    }
    res.writeHead(404).end();
  });
});

afterAll(async () => {
  await new Promise((resolve) => api.server.close(resolve));
  await new Promise((resolve) => other.server.close(resolve));
});

const secretHeaders = { 'x-api-key': 'lqt_secret_key_123', 'x-lucent-api-key': 'luc_pk_secret', authorization: 'Bearer luc_api_secret' };

describe('redirects', () => {
  it.each([301, 302, 303, 307, 308])('a %i to another origin is a RedirectError; no credential header reaches that origin', async (status) => {
    redirectStatus = status;
    redirectTo = `${other.url}/steal?x=1`;
    seenByOther.length = 0;
    const fetch = createFetchWithRetries({ maxRetries: 0 });
    const error = await fetch(`${api.url}/moved`, { headers: secretHeaders }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectError);
    expect(String((error as Error).message)).toContain(other.url);
    expect(String((error as Error).message)).not.toContain('steal');
    expect(seenByOther).toEqual([]);
  });

  it.each([301, 302, 307, 308])('a write answered %i is an error, never a success (not even to the same origin)', async (status) => {
    redirectStatus = status;
    redirectTo = '/here';
    const before = seenByApi.length;
    const fetch = createFetchWithRetries({ maxRetries: 2 });
    const error = await fetch(`${api.url}/moved`, { method: 'POST', headers: { ...secretHeaders, 'content-type': 'application/json' }, body: '{"events":[1]}' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectError);
    expect(seenByApi.length - before).toBe(1);
  });

  it('a GET redirected within its own origin is followed, with its headers', async () => {
    redirectStatus = 307;
    redirectTo = '/here';
    const before = seenByApi.length;
    const fetch = createFetchWithRetries({ maxRetries: 0 });
    const response = await fetch(`${api.url}/moved`, { headers: secretHeaders });
    expect(await response.json()).toEqual({ here: true });
    expect(seenByApi.slice(before).map((s) => s.url)).toEqual(['/moved', '/here']);
  });

  it('a redirect without a Location names no origin (not even its own)', async () => {
    const fetch = createFetchWithRetries({ maxRetries: 0 });
    await expect(fetch(`${api.url}/moved-nowhere`)).rejects.toMatchObject({
      name: 'RedirectError',
      message: expect.stringContaining('HTTP 302 to an unreadable location'),
    });
  });

  it('a redirect loop within the origin stops after a few hops', async () => {
    redirectStatus = 302;
    redirectTo = '/moved';
    const before = seenByApi.length;
    const fetch = createFetchWithRetries({ maxRetries: 0 });
    await expect(fetch(`${api.url}/moved`)).rejects.toBeInstanceOf(RedirectError);
    expect(seenByApi.length - before).toBeLessThanOrEqual(6);
  });
});

describe('error bodies', () => {
  it(`reads at most ${MAX_ERROR_BODY_BYTES} bytes of an error body, however large it is`, async () => {
    const fetch = createFetchWithRetries({ maxRetries: 1, sleep: async () => {} });
    const error = await fetch(`${api.url}/huge`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(String((error as InternalServerError).body).length).toBeLessThanOrEqual(MAX_ERROR_BODY_BYTES);
  }, 20_000);

  it('readResponseBody stops at its cap and still parses a small JSON body', async () => {
    expect(await readResponseBody(new Response('{"error":"x"}'))).toEqual({ error: 'x' });
    expect(String(await readResponseBody(new Response('y'.repeat(10_000)), 100)).length).toBe(100);
  });
});
