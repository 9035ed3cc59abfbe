import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/**
 * A small in-memory Lucent (Data + Ingest on one port) that follows the
 * spec's rules, with a queue of injected faults. Credentials are the
 * sandbox's fixture names, so the same suites run against both.
 */

export type Fault =
  | { status: number; headers?: Record<string, string>; body?: unknown; delayMs?: number }
  | { reset: true }
  | { hang: true }
  | { passThroughAfterMs: number };

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Body after gunzip when Content-Encoding is gzip. */
  decodedBody: Buffer;
  at: number;
}

export interface ReceivedBatch {
  sequence: number;
  flush: string;
  events: unknown[];
  via: 'header' | 'query';
  contentType: string;
  contentEncoding: string | undefined;
}

export interface FakeLucent {
  url: string;
  requests: RecordedRequest[];
  /** Accepted replay batches per session id, in arrival order (duplicates by sequence are stored once). */
  sessions: Map<string, ReceivedBatch[]>;
  issueCount: number;
  /** The next requests whose path starts with `pathPrefix` get these answers, in order, before normal handling resumes. */
  inject(pathPrefix: string, ...faults: Fault[]): void;
  clearFaults(): void;
  close(): Promise<void>;
}

interface Credential {
  scopes: string[];
}

const DATA_CREDENTIALS: Record<string, Credential> = {
  luc_api_sandbox_read: { scopes: ['read:lucent'] },
  luc_api_sandbox_write: { scopes: ['read:lucent', 'write:issues'] },
  luc_oat_sandbox_read: { scopes: ['read:lucent'] },
  luc_mcp_sandbox_legacy: { scopes: ['read:lucent'] },
  luc_api_sandbox_noscope: { scopes: [] },
};
const INGEST_KEYS = new Set(['luc_pk_sandbox']);
const STATUSES = ['unresolved', 'ticket_created', 'transient', 'resolved'];
const LIMITS: Record<string, { default: number; max: number }> = {
  issues: { default: 25, max: 200 },
  signals: { default: 50, max: 200 },
  insights: { default: 25, max: 100 },
};
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, PATCH, POST, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type, content-encoding, x-lucent-api-key',
  'access-control-expose-headers': 'retry-after, x-request-id, x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset',
};

export interface FakeLucentOptions {
  issues?: number;
  signals?: number;
  insights?: number;
}

export async function startFakeLucent(options: FakeLucentOptions = {}): Promise<FakeLucent> {
  const issues = seedIssues(options.issues ?? 1000);
  const signals = seedRecords(options.signals ?? 120, 'signal', (id, createdAt, i) => ({
    id,
    name: `Signal ${i}`,
    description: `Matches pattern ${i}.`,
    enabled: i % 3 !== 0,
    matchCount: i * 7,
    lastMatchedAt: i % 4 === 0 ? null : createdAt,
    createdAt,
  }));
  const insights = seedRecords(options.insights ?? 150, 'insight', (id, createdAt, i) => ({
    id,
    title: `Insight ${i}`,
    body: `Observation **${i}**.`,
    category: ['usability', 'performance', 'error', 'conversion'][i % 4],
    relatedIssueIds: [],
    createdAt,
  }));
  const requests: RecordedRequest[] = [];
  const sessions = new Map<string, ReceivedBatch[]>();
  let faults: Array<{ prefix: string; fault: Fault }> = [];
  let requestCounter = 0;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      let decodedBody = body;
      if (req.headers['content-encoding'] === 'gzip') {
        try {
          decodedBody = gunzipSync(body);
        } catch {
          decodedBody = Buffer.alloc(0);
        }
      }
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, decodedBody, at: Date.now() });
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const index = req.method === 'OPTIONS' ? -1 : faults.findIndex((entry) => path.startsWith(entry.prefix));
      const fault = index >= 0 ? faults.splice(index, 1)[0]!.fault : undefined;
      const handle = () => route(req, res, decodedBody, body.length);
      if (!fault) return handle();
      if ('reset' in fault) return void req.socket.destroy();
      if ('hang' in fault) return;
      if ('passThroughAfterMs' in fault) return void setTimeout(handle, fault.passThroughAfterMs);
      const answer = () => send(res, fault.status, fault.body ?? { error: `Injected ${fault.status}` }, fault.headers);
      if (fault.delayMs) setTimeout(answer, fault.delayMs);
      else answer();
    });
  });

  function route(req: IncomingMessage, res: ServerResponse, body: Buffer, rawLength: number): void {
    const url = new URL(req.url ?? '/', 'http://x');
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      res.writeHead(204, CORS);
      res.end();
      return;
    }
    if (url.pathname === '/api/sdk/replay' && method === 'POST') return ingest(req, res, url, body, rawLength);
    const match = /^\/api\/v1\/(issues|signals|insights)(?:\/([^/]+))?$/.exec(url.pathname);
    if (!match) return send(res, 404, { error: 'Not found' });
    const [, collection, id] = match as unknown as [string, 'issues' | 'signals' | 'insights', string | undefined];
    const writing = method === 'PATCH';
    const scope = writing ? 'write:issues' : 'read:lucent';
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const credential = token ? DATA_CREDENTIALS[token] : undefined;
    if (!credential) {
      return send(res, 401, { error: 'Missing or invalid bearer token' }, { 'www-authenticate': `Bearer scope="${scope}"` });
    }
    if (!credential.scopes.includes(scope)) return send(res, 403, { error: `Missing required scope: ${scope}` });

    if (id !== undefined) {
      if (collection !== 'issues' || (method !== 'GET' && method !== 'PATCH')) return send(res, 405, { error: 'Method not allowed' });
      const issue = issues.find((candidate) => candidate.id === id);
      if (!issue) return send(res, 404, { error: 'Issue not found' });
      if (method === 'PATCH') {
        let update: { status?: unknown };
        try {
          update = JSON.parse(body.toString('utf8')) as { status?: unknown };
        } catch {
          return send(res, 400, { error: 'Request body must be valid JSON' });
        }
        if (typeof update.status !== 'string' || !STATUSES.includes(update.status)) {
          return send(res, 400, { error: `status must be one of: ${STATUSES.join(', ')}` });
        }
        if (issue.status !== update.status) {
          issue.status = update.status;
          issue.updatedAt = new Date(Date.parse(issue.updatedAt) + 1000).toISOString();
        }
      }
      return send(res, 200, issue);
    }
    if (method !== 'GET') return send(res, 405, { error: 'Method not allowed' });
    const limits = LIMITS[collection]!;
    const limitText = url.searchParams.get('limit');
    const limit = limitText === null ? limits.default : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > limits.max || (limitText !== null && !/^\d+$/.test(limitText))) {
      return send(res, 400, { error: `limit must be an integer between 1 and ${limits.max}` });
    }
    const status = url.searchParams.get('status');
    if (collection === 'issues' && status !== null && !STATUSES.includes(status)) {
      return send(res, 400, { error: `status must be one of: ${STATUSES.join(', ')}` });
    }
    const filterKey = `${collection}:${status ?? ''}`;
    const cursorText = url.searchParams.get('cursor');
    let offset = 0;
    if (cursorText !== null) {
      const cursor = decodeCursor(cursorText);
      if (!cursor || cursor.f !== filterKey) return send(res, 400, { error: 'Invalid cursor' });
      offset = cursor.o;
    }
    const all: Array<Record<string, unknown>> =
      collection === 'issues'
        ? issues.filter((issue) => status === null || issue.status === status).map(summarize)
        : collection === 'signals'
          ? signals
          : insights;
    const page = all.slice(offset, offset + limit);
    const next = offset + limit < all.length ? encodeCursor({ o: offset + limit, f: filterKey }) : null;
    send(res, 200, { [collection]: page, nextCursor: next });
  }

  function ingest(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer, rawLength: number): void {
    const headerKey = req.headers['x-lucent-api-key'];
    const queryKey = url.searchParams.get('api_key');
    const key = typeof headerKey === 'string' ? headerKey : queryKey;
    if (!key || !INGEST_KEYS.has(key)) {
      return send(res, 401, { error: 'Invalid API key' }, { 'www-authenticate': 'ApiKey realm="lucent-ingest"' });
    }
    if (req.headers['content-encoding'] === 'gzip' && body.length === 0 && rawLength > 0) {
      return send(res, 400, { error: 'Request body is not valid gzip' });
    }
    if (body.length > 5_242_880) return send(res, 413, { error: 'Request body too large' });
    let batch: { session?: { id?: string }; replay?: { sequence?: number; events?: unknown[] }; flush?: string };
    try {
      batch = JSON.parse(body.toString('utf8')) as typeof batch;
    } catch {
      return send(res, 400, { error: 'Request body must be valid JSON' });
    }
    const sessionId = batch.session?.id;
    const sequence = batch.replay?.sequence;
    if (typeof sessionId !== 'string' || typeof sequence !== 'number' || !Array.isArray(batch.replay?.events)) {
      return send(res, 400, { error: 'Invalid replay batch', details: [{ path: '/replay', message: 'is invalid' }] });
    }
    const received = sessions.get(sessionId) ?? [];
    sessions.set(sessionId, received);
    if (!received.some((existing) => existing.sequence === sequence)) {
      received.push({
        sequence,
        flush: batch.flush ?? 'normal',
        events: batch.replay!.events!,
        via: typeof headerKey === 'string' ? 'header' : 'query',
        contentType: req.headers['content-type'] ?? '',
        contentEncoding: req.headers['content-encoding'],
      });
    }
    send(res, 200, { ok: true });
  }

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const payload = JSON.stringify(body);
    res.writeHead(status, {
      ...CORS,
      'content-type': 'application/json',
      'x-request-id': `req_${++requestCounter}`,
      ...(status >= 400 ? { 'cache-control': 'no-store' } : {}),
      ...headers,
    });
    res.end(payload);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    sessions,
    issueCount: issues.length,
    inject(prefix, ...newFaults) {
      faults.push(...newFaults.map((fault) => ({ prefix, fault })));
    },
    clearFaults() {
      faults = [];
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface FakeIssue extends Record<string, unknown> {
  id: string;
  status: string;
  updatedAt: string;
}

function seedIssues(count: number): FakeIssue[] {
  return seedRecords(count, 'issue', (id, createdAt, i) => ({
    id,
    title: `Issue ${i}`,
    status: STATUSES[i % STATUSES.length]!,
    severity: ['low', 'medium', 'high', 'critical'][i % 4]!,
    sessionCount: i + 1,
    userCount: i,
    firstSeenAt: createdAt,
    lastSeenAt: createdAt,
    createdAt,
    updatedAt: createdAt,
    url: `https://app.lucenthq.com/issues/${id}`,
    summary: `What happened in issue ${i}.`,
    affectedPages: ['https://shop.example.com/checkout'],
    sampleSessionIds: [`s_${i}`],
    ticketUrl: null,
  }));
}

/** Records newest first (createdAt desc, id desc); every third pair shares a createdAt to exercise the tie-break. */
function seedRecords<T extends Record<string, unknown>>(
  count: number,
  kind: string,
  build: (id: string, createdAt: string, index: number) => T,
): T[] {
  const records: T[] = [];
  const start = Date.parse('2026-02-24T10:00:00.000Z');
  for (let i = 0; i < count; i++) {
    const createdAt = new Date(start - Math.floor(i / 2) * 60_000).toISOString();
    records.push(build(uuidFor(kind, count - i), createdAt, i));
  }
  return records;
}

function uuidFor(kind: string, n: number): string {
  const prefix = { issue: '1', signal: '2', insight: '3' }[kind] ?? '9';
  return `${prefix}0000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

const SUMMARY_FIELDS = [
  'id', 'title', 'status', 'severity', 'sessionCount', 'userCount', 'firstSeenAt', 'lastSeenAt', 'createdAt', 'updatedAt', 'url',
];

function summarize(issue: FakeIssue): Record<string, unknown> {
  return Object.fromEntries(SUMMARY_FIELDS.map((field) => [field, issue[field]]));
}

function encodeCursor(cursor: { o: number; f: string }): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string): { o: number; f: string } | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as { o?: unknown; f?: unknown };
    if (typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0 && typeof parsed.f === 'string') {
      return { o: parsed.o, f: parsed.f };
    }
  } catch {
    // fall through
  }
  return undefined;
}
