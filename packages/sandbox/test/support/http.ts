import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import { createConformanceChecker, type OpenApiDocument } from '../../src/engine/index.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/index.js';
import { checkedFetch } from './checked-fetch.js';

const require = createRequire(import.meta.url);
export const lucentSpec = JSON.parse(
  readFileSync(require.resolve('@apiforge/lucent-openapi/openapi.json'), 'utf8'),
) as OpenApiDocument;
export const conformance = createConformanceChecker(lucentSpec);

export const TOKENS = {
  read: 'luc_api_sandbox_read',
  write: 'luc_api_sandbox_write',
  oauth: 'luc_oat_sandbox_read',
  legacy: 'luc_mcp_sandbox_legacy',
  noScope: 'luc_api_sandbox_noscope',
  revoked: 'luc_api_sandbox_revoked',
  globex: 'luc_api_sandbox_globex',
  ingest: 'luc_pk_sandbox',
  ingestRevoked: 'luc_pk_sandbox_revoked',
} as const;

export interface CallOptions {
  token?: string;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings and buffers as they are. */
  body?: unknown;
  /** Skip the spec check (control routes, deliberately broken fault responses). */
  unchecked?: boolean;
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export interface TestSandbox extends Sandbox {
  call(method: string, path: string, options?: CallOptions): Promise<CallResult>;
  get(path: string, token?: string): Promise<CallResult>;
  /** Every issue id of the token's organization, walking all pages. */
  allIssues(token: string, query?: string): Promise<any[]>;
}

/** Starts a Lucent sandbox on 127.0.0.1:0 whose every response is checked against the bundled spec. */
export async function startTestSandbox(options: Partial<SandboxOptions> = {}): Promise<TestSandbox> {
  const sandbox = await startSandbox({ api: 'lucent', port: 0, ...options });
  const call = async (method: string, path: string, opts: CallOptions = {}): Promise<CallResult> => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token !== undefined) headers['authorization'] = `Bearer ${opts.token}`;
    let body: BodyInit | undefined;
    if (opts.body !== undefined) {
      if (typeof opts.body === 'string' || opts.body instanceof Uint8Array) body = opts.body as BodyInit;
      else {
        body = JSON.stringify(opts.body);
        headers['content-type'] ??= 'application/json';
      }
    }
    return checkedFetch(conformance, sandbox.url, method, path, { headers, body, unchecked: opts.unchecked });
  };
  return {
    ...sandbox,
    call,
    get: (path, token) => call('GET', path, token === undefined ? {} : { token }),
    async allIssues(token, query = '') {
      const issues: any[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 2000; pages++) {
        const params = new URLSearchParams(query);
        params.set('limit', params.get('limit') ?? '200');
        if (cursor) params.set('cursor', cursor);
        const page = await call('GET', `/api/v1/issues?${params}`, { token });
        expect(page.status).toBe(200);
        issues.push(...page.json.issues);
        cursor = page.json.nextCursor;
        if (cursor === null) return issues;
      }
      throw new Error('pagination did not end');
    },
  };
}

/** Asserts the documented Data API error shape: status, exact body, Cache-Control: no-store. */
export function expectError(result: CallResult, status: number, error: string): void {
  expect({ status: result.status, body: result.json }).toEqual({ status, body: { error } });
  expect(result.headers.get('cache-control')).toBe('no-store');
}

/** Asserts the documented ingest error shape: status, exact body, Access-Control-Allow-Origin: *, none of the Data API's headers. */
export function expectIngestError(result: CallResult, status: number, error: string): void {
  expect({ status: result.status, body: result.json }).toEqual({ status, body: { error } });
  expect(result.headers.get('access-control-allow-origin')).toBe('*');
  expect(result.headers.get('cache-control')).toBeNull();
  expect(result.headers.get('www-authenticate')).toBeNull();
}

export const validBatch = (sessionId: string, sequence: number, events = 2, flush: 'normal' | 'final' = 'normal') => ({
  session: {
    id: sessionId,
    windowId: 'w_test',
    startedAt: 1771929000000,
    lastActivityAt: 1771929000000 + Math.max(events - 1, 0),
    url: 'https://shop.example.com/checkout',
  },
  user: { anonymousId: 'anon_test' },
  page: { url: 'https://shop.example.com/checkout' },
  replay: {
    sequence,
    events: Array.from({ length: events }, (_, i) => ({ timestamp: 1771929000000 + i, type: 3, data: { source: 2 } })),
  },
  flush,
});
