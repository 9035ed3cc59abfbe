import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/**
 * A small in-memory Lucent (Data + Ingest on one port) that answers as Lucent
 * documents: single issues wrapped in `issue`, 400 for an issueId that is not a
 * UUID, ingest 400 details as Zod issues, ingest errors without the Data API's
 * Cache-Control and WWW-Authenticate; plus a queue of injected faults.
 * Credentials are the sandbox's fixture names, so the same suites run against both.
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
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
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
    prompt: `Sessions that show pattern ${i}.`,
    status: i % 5 === 0 ? 'paused' : 'active',
    backfillStatus: i % 3 === 0 ? null : 'completed',
    createdAt,
    matchCount: i * 7,
    // Optional and nullable: absent, null or a time.
    ...(i % 4 === 0 ? {} : { lastMatchAt: i === 0 || i % 4 === 1 ? null : createdAt }),
  }));
  const insights = seedRecords(options.insights ?? 150, 'insight', (id, createdAt, i) => ({
    id,
    createdAt,
    intervalStart: new Date(Date.parse(createdAt) - 86_400_000).toISOString(),
    intervalEnd: createdAt,
    sessionsCount: 10 + i,
    contentPreview: `Observation ${i} about the sessions of the day.`,
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
      // A malformed id is refused before anything else is looked at (the PATCH body included).
      if (!UUID.test(id)) return send(res, 400, { error: 'issueId must be a UUID' });
      const issue = issues.find((candidate) => candidate.id === id.toLowerCase());
      if (!issue) return send(res, 404, { error: 'Issue not found' });
      if (method === 'PATCH') {
        let update: unknown;
        try {
          update = JSON.parse(body.toString('utf8'));
        } catch {
          return send(res, 400, { error: 'Request body must be valid JSON' });
        }
        // Fields other than status are ignored.
        const status = (update as { status?: unknown } | null)?.status;
        if (typeof status !== 'string' || !STATUSES.includes(status)) {
          return send(res, 400, { error: `status must be one of: ${STATUSES.join(', ')}` });
        }
        if (issue.status !== status) {
          issue.status = status;
          issue.updatedAt = new Date(Date.parse(issue.updatedAt) + 1000).toISOString();
        }
      }
      return send(res, 200, { issue });
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
    if (key === null || key === undefined) return send(res, 401, { error: 'Missing API key' });
    if (!INGEST_KEYS.has(key)) return send(res, 401, { error: 'Invalid or revoked API key' });
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined && encoding !== 'gzip' && encoding !== 'identity') {
      return send(res, 415, { error: 'Unsupported Content-Encoding: send plain JSON or gzip' });
    }
    if (encoding === 'gzip' && body.length === 0 && rawLength > 0) {
      return send(res, 400, { error: 'Request body could not be decompressed as gzip' });
    }
    if (body.length > 5_242_880) {
      return send(res, 413, { error: 'Request body too large: the limit is 5242880 bytes of JSON after decompression' });
    }
    let batch: { session: { id: string }; replay: { sequence: number; events: unknown[] }; flush?: string };
    try {
      batch = JSON.parse(body.toString('utf8')) as typeof batch;
    } catch {
      return send(res, 400, { error: 'Invalid JSON body' });
    }
    const details = zodIssues(REPLAY_BATCH, batch, []);
    if (details.length > 0) return send(res, 400, { error: 'Invalid replay batch', details });
    const sessionId = batch.session.id;
    const sequence = batch.replay.sequence;
    const received = sessions.get(sessionId) ?? [];
    sessions.set(sessionId, received);
    if (!received.some((existing) => existing.sequence === sequence)) {
      received.push({
        sequence,
        flush: batch.flush ?? 'normal',
        events: batch.replay.events,
        via: typeof headerKey === 'string' ? 'header' : 'query',
        contentType: req.headers['content-type'] ?? '',
        contentEncoding: req.headers['content-encoding'],
      });
    }
    send(res, 200, { ok: true });
  }

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const payload = JSON.stringify(body);
    // Data API errors are never cached; the ingest API documents no Cache-Control.
    const dataApi = (res.req.url ?? '').startsWith('/api/v1/');
    res.writeHead(status, {
      ...CORS,
      'content-type': 'application/json',
      'x-request-id': `req_${++requestCounter}`,
      ...(status >= 400 && dataApi ? { 'cache-control': 'no-store' } : {}),
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
  return seedRecords(count, 'issue', (id, createdAt, i) => {
    const status = STATUSES[i % STATUSES.length]!;
    const ticket =
      status === 'ticket_created'
        ? { ticketProvider: 'linear', ticketUrl: `https://linear.app/acme/issue/LUC-${1000 + i}`, ticketIdentifier: `LUC-${1000 + i}` }
        : i % 8 === 0
          ? { ticketProvider: null, ticketUrl: null, ticketIdentifier: null }
          : {};
    return {
      id,
      title: `Issue ${i}`,
      description: i % 7 === 3 ? null : `What users experienced in issue ${i}.`,
      status,
      priority: ['low', 'medium', 'high', 'critical'][i % 4]!,
      previewUrl: i % 3 === 0 ? null : `https://app.lucenthq.com/previews/${id}.png`,
      createdAt,
      sessionCount: i + 1,
      ...ticket,
      stepsToReplicate: i % 7 === 3 ? null : `1. Open the page. 2. Trigger issue ${i}.`,
      aiVerified: i % 7 === 3 ? null : i % 2 === 0,
      updatedAt: createdAt,
    };
  });
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

/** IssueSummary: the list form has no analysis fields and no updatedAt; ticket fields only where the issue has them. */
const SUMMARY_FIELDS = [
  'id', 'title', 'description', 'status', 'priority', 'previewUrl', 'createdAt', 'sessionCount', 'ticketProvider', 'ticketUrl', 'ticketIdentifier',
];

function summarize(issue: FakeIssue): Record<string, unknown> {
  return Object.fromEntries(SUMMARY_FIELDS.filter((field) => field in issue).map((field) => [field, issue[field]]));
}

/** The replay batch rules Lucent documents, checked the way its Zod schema reports them. Objects are open. */
type Rule =
  | { type: 'string' | 'number' | 'integer' | 'array' | 'object' | 'any'; min?: number; nullable?: true; optional?: true; fields?: Record<string, Rule>; items?: Rule }
  | { type: 'enum'; values: string[]; optional?: true; nullable?: true };

const EVENT: Rule = { type: 'object', fields: { timestamp: { type: 'number' }, type: { type: 'integer' }, data: { type: 'any' } } };
const REPLAY_BATCH: Rule = {
  type: 'object',
  fields: {
    session: {
      type: 'object',
      fields: {
        id: { type: 'string', min: 1 },
        windowId: { type: 'string', min: 1 },
        startedAt: { type: 'number' },
        lastActivityAt: { type: 'number' },
        url: { type: 'string' },
      },
    },
    user: {
      type: 'object',
      fields: {
        id: { type: 'string', nullable: true, optional: true },
        anonymousId: { type: 'string', min: 1 },
        properties: { type: 'object', nullable: true, optional: true },
      },
    },
    page: {
      type: 'object',
      fields: {
        url: { type: 'string' },
        referrer: { type: 'string', nullable: true, optional: true },
        viewport: { type: 'object', nullable: true, optional: true, fields: { width: { type: 'number' }, height: { type: 'number' } } },
      },
    },
    replay: { type: 'object', fields: { events: { type: 'array', min: 1, items: EVENT }, sequence: { type: 'integer', min: 0 } } },
    metadata: {
      type: 'object',
      nullable: true,
      optional: true,
      fields: { userAgent: { type: 'string', nullable: true, optional: true }, language: { type: 'string', nullable: true, optional: true } },
    },
    flush: { type: 'enum', values: ['normal', 'final'], optional: true },
  },
};

function receivedType(value: unknown): string {
  return value === undefined ? 'undefined' : value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

function zodIssues(rule: Rule, value: unknown, path: Array<string | number>): Array<Record<string, unknown>> {
  if (value === undefined) {
    if (rule.optional) return [];
    const expected = rule.type === 'enum' ? rule.values.map((v) => `'${v}'`).join(' | ') : rule.type === 'integer' ? 'number' : rule.type === 'any' ? 'unknown' : rule.type;
    return [{ code: 'invalid_type', expected, received: 'undefined', path, message: 'Required' }];
  }
  if (rule.type === 'any' || (value === null && rule.nullable)) return [];
  const received = receivedType(value);
  if (rule.type === 'enum') {
    if (typeof value !== 'string') {
      const expected = rule.values.map((v) => `'${v}'`).join(' | ');
      return [{ code: 'invalid_type', expected, received, path, message: `Expected ${expected}, received ${received}` }];
    }
    if (rule.values.includes(value)) return [];
    const expected = rule.values.map((v) => `'${v}'`).join(' | ');
    return [{ code: 'invalid_enum_value', options: rule.values, received: value, path, message: `Invalid enum value. Expected ${expected}, received '${value}'` }];
  }
  const expected = rule.type === 'integer' ? 'number' : rule.type;
  if (received !== expected) return [{ code: 'invalid_type', expected, received, path, message: `Expected ${expected}, received ${received}` }];
  if (rule.type === 'integer' && !Number.isInteger(value)) {
    return [{ code: 'invalid_type', expected: 'integer', received: 'float', path, message: 'Expected integer, received float' }];
  }
  const issues: Array<Record<string, unknown>> = [];
  const min = rule.min;
  if (min !== undefined) {
    const size = typeof value === 'number' ? value : (value as string | unknown[]).length;
    if (size < min) {
      const [type, message] =
        rule.type === 'string'
          ? ['string', `String must contain at least ${min} character(s)`]
          : rule.type === 'array'
            ? ['array', `Array must contain at least ${min} element(s)`]
            : ['number', `Number must be greater than or equal to ${min}`];
      issues.push({ code: 'too_small', minimum: min, type, inclusive: true, exact: false, path, message });
    }
  }
  if (rule.type === 'array' && rule.items) (value as unknown[]).forEach((item, index) => issues.push(...zodIssues(rule.items!, item, [...path, index])));
  if (rule.type === 'object' && rule.fields) {
    for (const [name, field] of Object.entries(rule.fields)) issues.push(...zodIssues(field, (value as Record<string, unknown>)[name], [...path, name]));
  }
  return issues;
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
