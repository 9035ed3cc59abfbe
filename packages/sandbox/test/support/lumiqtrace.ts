import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { expect } from 'vitest';
import { createConformanceChecker, type OpenApiDocument } from '../../src/engine/index.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/index.js';
import { checkedFetch } from './checked-fetch.js';

const require = createRequire(import.meta.url);
export const lumiqtraceSpec = JSON.parse(
  readFileSync(require.resolve('@apiforge/lumiqtrace-openapi/openapi.json'), 'utf8'),
) as OpenApiDocument;
export const lumiqConformance = createConformanceChecker(lumiqtraceSpec);

/** The fixture credentials, exactly as documented in the README. */
export const LQ = {
  ingest: 'lqt_sandbox_ingest',
  revoked: 'lqt_sandbox_revoked',
  quota: 'lqt_sandbox_quota',
  member: 'lumiq_session_acme',
  outsider: 'lumiq_session_outsider',
  expired: 'lumiq_session_expired',
} as const;

export interface LqCallOptions {
  apiKey?: string;
  session?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Skip the spec check (control routes, deliberately faulty responses). */
  unchecked?: boolean;
}

export interface LqResult {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export interface LqSandbox extends Sandbox {
  call(method: string, path: string, options?: LqCallOptions): Promise<LqResult>;
  get(path: string, session?: string): Promise<LqResult>;
  ingest(events: readonly object[], options?: { apiKey?: string; gzip?: boolean; headers?: Record<string, string> }): Promise<LqResult>;
  projects(): Promise<Record<string, { events: number; traces: number; acceptedBatches: number; ingestedEvents: number; duplicateEvents: number; monthlyQuota: number | null; quotaUsed: number }>>;
  allEvents(query: string, session?: string): Promise<any[]>;
}

export const ndjson = (events: readonly object[]): string => events.map((e) => JSON.stringify(e)).join('\n') + '\n';

/** A valid event with a fresh event_id; `overrides` replace fields. */
export function makeEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_id: randomUUID(),
    trace_id: 'run-test-0001',
    span_id: `span-${randomUUID().slice(0, 8)}`,
    timestamp: new Date().toISOString(),
    provider: 'openai',
    model: 'gpt-4o',
    operation: 'chat',
    latency_ms: 900,
    input_tokens: 100,
    output_tokens: 50,
    cost_usd: 0.00075,
    status: 'success',
    ...overrides,
  };
}

export const makeEvents = (count: number, overrides: Record<string, unknown> = {}) => Array.from({ length: count }, () => makeEvent(overrides));

/** Starts a LumiqTrace sandbox on 127.0.0.1:0 whose every response is checked against the bundled spec. */
export async function startLumiqSandbox(options: Partial<SandboxOptions> = {}): Promise<LqSandbox> {
  const sandbox = await startSandbox({ api: 'lumiqtrace', port: 0, ...options });
  const call = async (method: string, path: string, opts: LqCallOptions = {}): Promise<LqResult> => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.apiKey !== undefined) headers['x-api-key'] = opts.apiKey;
    if (opts.session !== undefined) headers['authorization'] = `Bearer ${opts.session}`;
    return checkedFetch(lumiqConformance, sandbox.url, method, path, { headers, body: opts.body as BodyInit | undefined, unchecked: opts.unchecked });
  };
  return {
    ...sandbox,
    call,
    get: (path, session) => call('GET', path, session === undefined ? {} : { session }),
    ingest(events, options = {}) {
      const text = ndjson(events);
      const headers: Record<string, string> = { 'content-type': 'application/x-ndjson', ...options.headers };
      if (options.gzip) headers['content-encoding'] = 'gzip';
      return call('POST', '/v1/ingest', { apiKey: options.apiKey ?? LQ.ingest, headers, body: options.gzip ? gzipSync(text) : text });
    },
    async projects() {
      const result = await call('GET', '/_sandbox/projects', { unchecked: true });
      expect(result.status).toBe(200);
      return Object.fromEntries(result.json.projects.map((p: { id: string }) => [p.id, p]));
    },
    async allEvents(query, session = LQ.member) {
      const events: any[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 500; pages++) {
        const params = new URLSearchParams(query);
        params.set('limit', params.get('limit') ?? '200');
        if (cursor) params.set('cursor', cursor);
        const page = await call('GET', `/v1/events?${params}`, { session });
        expect(page.status).toBe(200);
        events.push(...page.json.events);
        cursor = page.json.nextCursor;
        if (cursor === null) return events;
      }
      throw new Error('pagination did not end');
    },
  };
}

/** The documented error shape: status and exact body, without the challenge or caching headers LumiqTrace does not document. */
export function expectLqError(result: LqResult, status: number, error: string): void {
  expect({ status: result.status, body: result.json }).toEqual({ status, body: { error } });
  expect(result.headers.get('www-authenticate')).toBeNull();
  expect(result.headers.get('cache-control')).toBeNull();
}
