// A live URL on 127.0.0.1 that breaks exactly one documented fact: a proxy in front of a sandbox that
// forwards every request and changes one thing (a header, a body, a status, or what it forwards).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxyRequest {
  method: string;
  /** Path and query, editable. */
  url: URL;
  headers: Record<string, string>;
}

export interface ProxyResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface FaultRule {
  /** The documented fact it breaks. */
  breaks: string;
  request?(req: ProxyRequest): void;
  response?(res: ProxyResponse, req: ProxyRequest): void;
  /** Answer without forwarding (e.g. a 429), or undefined to forward. */
  answer?(req: ProxyRequest): ProxyResponse | undefined;
}

const json = (res: ProxyResponse): unknown => {
  try {
    return JSON.parse(res.body.toString('utf8'));
  } catch {
    return undefined;
  }
};
const setJson = (res: ProxyResponse, value: unknown) => {
  res.body = Buffer.from(JSON.stringify(value));
};
const dropHeader = (name: string) => (res: ProxyResponse) => {
  delete res.headers[name];
};

/** Lucent's sandbox credentials the rules swap (the proxy stands for a server that mixes them up). */
const NO_SCOPE = 'luc_api_sandbox_noscope';
const WRITE = 'luc_api_sandbox_write';
const FOREIGN = 'luc_api_sandbox_globex';

export const RULES = {
  'no-www-authenticate': {
    breaks: 'a 401 carries the WWW-Authenticate challenge',
    response: (res) => (res.status === 401 ? dropHeader('www-authenticate')(res) : undefined),
  },
  'wrong-401-body': {
    breaks: 'a 401 body is the documented example',
    response: (res) => {
      if (res.status === 401) setJson(res, { error: 'denied' });
    },
  },
  'scope-ignored': {
    breaks: 'a token lacking the scope gets 403',
    request: (req) => {
      if (req.headers['authorization'] === `Bearer ${NO_SCOPE}`) req.headers['authorization'] = `Bearer ${WRITE}`;
    },
  },
  'page-size-ignored': {
    breaks: 'the page holds `limit` records',
    request: (req) => req.url.searchParams.delete('limit'),
  },
  'filter-ignored': {
    breaks: 'an enum filter returns only matching records',
    request: (req) => req.url.searchParams.delete('status'),
  },
  'cursor-ignored': {
    breaks: 'the cursor leads to the next page',
    request: (req) => req.url.searchParams.delete('cursor'),
  },
  'tenant-leak': {
    breaks: "another organization's record is 404",
    request: (req) => {
      if (req.headers['authorization'] === `Bearer ${FOREIGN}`) req.headers['authorization'] = `Bearer ${WRITE}`;
    },
  },
  'no-cache-control': {
    breaks: "the Data API's error responses carry Cache-Control: no-store",
    response: (res) => (res.status >= 400 ? dropHeader('cache-control')(res) : undefined),
  },
  'not-found-is-200': {
    breaks: 'an unknown issue id is 404',
    response: (res) => {
      if (res.status === 404) {
        res.status = 200;
        setJson(res, { issue: null });
      }
    },
  },
  'body-not-schema': {
    breaks: 'a 200 body conforms to its schema',
    response: (res) => {
      const body = json(res);
      if (res.status === 200 && body && typeof body === 'object' && !Array.isArray(body)) setJson(res, Object.fromEntries(Object.keys(body).map((k) => [k, 42])));
    },
  },
  'content-type-text': {
    breaks: 'a 200 is application/json',
    response: (res) => {
      if (res.status === 200) res.headers['content-type'] = 'text/plain';
    },
  },
  /** Not a broken fact: a 429 with Retry-After: 1 on the first request of each path, which the suite must wait out. */
  'throttle-once': {
    breaks: 'nothing: a throttle the suite must honour (Retry-After)',
    answer: (() => {
      const seen = new Set<string>();
      return (req: ProxyRequest) => {
        if (seen.has(req.url.pathname)) return undefined;
        seen.add(req.url.pathname);
        return { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '1' }, body: Buffer.from('{"error":"Too many requests"}') };
      };
    })(),
  },
} satisfies Record<string, FaultRule>;

export type RuleName = keyof typeof RULES;

export interface FaultProxy {
  url: string;
  /** Requests forwarded or answered. */
  requests(): number;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Starts a proxy on 127.0.0.1 that forwards to `upstream` and applies one rule. */
export async function startFaultProxy(upstream: string, rule: FaultRule): Promise<FaultProxy> {
  let count = 0;
  const server: Server = createServer(async (incoming, outgoing) => {
    count++;
    try {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(incoming.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length' && k !== 'connection') headers[k] = v;
      const req: ProxyRequest = { method: incoming.method ?? 'GET', url: new URL(incoming.url ?? '/', upstream), headers };
      const body = await readBody(incoming);
      let res = rule.answer?.(req);
      if (!res) {
        rule.request?.(req);
        const target = new URL(`${req.url.pathname}${req.url.search}`, upstream);
        const answer = await fetch(target, { method: req.method, headers: req.headers, ...(body.length ? { body: new Uint8Array(body) } : {}), signal: AbortSignal.timeout(15_000) });
        const resHeaders: Record<string, string> = {};
        answer.headers.forEach((v, k) => {
          if (k !== 'content-length' && k !== 'content-encoding' && k !== 'transfer-encoding' && k !== 'connection') resHeaders[k] = v;
        });
        res = { status: answer.status, headers: resHeaders, body: Buffer.from(await answer.arrayBuffer()) };
        rule.response?.(res, req);
      }
      outgoing.writeHead(res.status, { ...res.headers, 'content-length': String(res.body.length) });
      outgoing.end(res.body);
    } catch (error) {
      outgoing.writeHead(502, { 'content-type': 'text/plain' });
      outgoing.end(`fault proxy: ${(error as Error).message}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
