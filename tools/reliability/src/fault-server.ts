import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fault server does to every request (the path is ignored). */
export type Fault =
  | 'reset-before-response'
  | 'drop-mid-response'
  | 'stall'
  | 'malformed-json'
  | 'html-502'
  | 'html-200'
  | 'retry-after-503'
  | 'echo-token-401'
  /** 302 to another origin (localhost instead of 127.0.0.1), echoing the token in Location and WWW-Authenticate. */
  | 'redirect-cross-origin'
  /** A 500 whose body is 8 MiB of text: the client must read only a bounded part of it. */
  | 'huge-error-500'
  /** 429 with an invalid Retry-After (-1): treated as absent, so the retry waits a jittered backoff. */
  | 'retry-after-invalid-429'
  /** 429 with a Retry-After of an hour, beyond any client's maximum wait: no retry at all. */
  | 'retry-after-beyond-cap-429'
  /** 200 with a plain-text "OK" (no JSON) followed by the token, where the operation documents JSON. */
  | 'text-ok-200';

export interface FaultServer {
  url: string;
  /** Requests received since the last `use`. */
  requests(): number;
  /** Request times (ms since the last `use`), to see how long a client waited between attempts. */
  times(): number[];
  use(fault: Fault): void;
  close(): Promise<void>;
}

/** The token of the request, however it was sent, so faults can echo it back like a careless proxy would. */
function presentedToken(headers: Record<string, string | string[] | undefined>, url: string): string {
  const auth = headers['authorization'];
  if (typeof auth === 'string') return auth.replace(/^Bearer\s+/i, '');
  for (const [name, value] of Object.entries(headers)) if (/api-key$/i.test(name) && typeof value === 'string') return value;
  return new URL(url, 'http://x').searchParams.get('api_key') ?? '';
}

/**
 * A misbehaving upstream on 127.0.0.1: resets, stalls, truncates, lies about JSON, or answers like a
 * proxy (HTML 502, 503 with Retry-After). Most faults echo the caller's token, so a client that copies
 * response text into its errors would leak it.
 */
export async function startFaultServer(): Promise<FaultServer> {
  let fault: Fault = 'reset-before-response';
  let count = 0;
  let since = Date.now();
  let times: number[] = [];
  const stalled = new Set<import('node:net').Socket>();
  const server: Server = createServer((req, res) => {
    count++;
    times.push(Date.now() - since);
    const token = presentedToken(req.headers, req.url ?? '/');
    req.resume();
    switch (fault) {
      case 'reset-before-response':
        req.socket.destroy();
        return;
      case 'drop-mid-response':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
        res.write(`{"items":[{"id":"${token}"`);
        setTimeout(() => req.socket.destroy(), 20);
        return;
      case 'stall':
        stalled.add(req.socket);
        return;
      case 'malformed-json':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`{"items":[{"id":"${token}",`);
        return;
      case 'html-502':
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end(`<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><p>upstream rejected key ${token}</p></body></html>`);
        return;
      case 'html-200':
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(`<html><body><h1>Sign in to the Wi-Fi</h1><p>${token}</p></body></html>`);
        return;
      case 'retry-after-503':
        res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
        res.end(JSON.stringify({ error: `Service unavailable for ${token}` }));
        return;
      case 'echo-token-401':
        res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': `Bearer error="invalid_token", token="${token}"` });
        res.end(JSON.stringify({ error: `Invalid or revoked API key: ${token}` }));
        return;
      case 'redirect-cross-origin': {
        const port = (server.address() as AddressInfo).port;
        res.writeHead(302, { location: `http://localhost:${port}/steal?key=${encodeURIComponent(token)}`, 'www-authenticate': `Bearer token="${token}"`, 'x-echo': token });
        res.end();
        return;
      }
      case 'huge-error-500': {
        res.writeHead(500, { 'content-type': 'text/plain' });
        const chunk = `${token} `.repeat(Math.ceil(65_536 / (token.length + 1)));
        let written = 0;
        const pump = () => {
          while (written < 8 * 1024 * 1024 && res.write(chunk)) written += chunk.length;
          if (written >= 8 * 1024 * 1024) res.end();
          else res.once('drain', pump);
        };
        res.on('close', () => (written = Number.POSITIVE_INFINITY));
        pump();
        return;
      }
      case 'retry-after-invalid-429':
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '-1' });
        res.end(JSON.stringify({ error: 'Rate limit exceeded' }));
        return;
      case 'text-ok-200':
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(`OK ${token}`);
        return;
      case 'retry-after-beyond-cap-429':
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '3600' });
        res.end(JSON.stringify({ error: 'Rate limit exceeded' }));
        return;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    times: () => [...times],
    use(next) {
      fault = next;
      count = 0;
      since = Date.now();
      times = [];
      for (const socket of stalled) socket.destroy();
      stalled.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of stalled) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
