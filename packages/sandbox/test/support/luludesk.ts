import { expect } from 'vitest';
import { createConformanceChecker, loadBundledSpec } from '../../src/engine/index.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/index.js';

export const luludeskSpec = loadBundledSpec('@apiforge/luludesk-openapi/openapi.json', '@apiforge/luludesk-openapi');
const conformance = createConformanceChecker(luludeskSpec);

export const FIRST = '550e8400-e29b-41d4-a716-446655440000';
export const SECOND = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
export const KEYS = {
  all: 'lld_0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a',
  usageOnly: 'lld_0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b',
  revoked: 'lld_0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c',
  second: 'lld_0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d',
} as const;
export const ENDPOINTS = ['insights', 'conversations', 'handoffs', 'usage', 'knowledge-sources'] as const;

export interface Answer {
  status: number;
  headers: Headers;
  json: any;
}

export interface LuluDeskSandbox extends Sandbox {
  /** GET /api/v1/workspaces/{workspace}/{path}; every answer is checked against the bundled spec. */
  get(path: string, options?: { key?: string | null; workspace?: string; headers?: Record<string, string>; unchecked?: boolean }): Promise<Answer>;
  /** Every conversation, following next_cursor from the first page. */
  conversations(limit: number, key?: string): Promise<any[]>;
  /** Every handoff, sending the last created_at as `before`. */
  handoffs(limit: number, query?: string, key?: string): Promise<any[]>;
}

export async function startLuluDesk(options: Partial<SandboxOptions> = {}): Promise<LuluDeskSandbox> {
  const sandbox = await startSandbox({ api: 'luludesk', port: 0, ...options });
  const get: LuluDeskSandbox['get'] = async (path, opts = {}) => {
    const key = opts.key === undefined ? KEYS.all : opts.key;
    const headers: Record<string, string> = { ...opts.headers };
    if (key !== null) headers['authorization'] = `Bearer ${key}`;
    const url = `/api/v1/workspaces/${opts.workspace ?? FIRST}/${path}`;
    const response = await fetch(sandbox.url + url, { headers, signal: AbortSignal.timeout(20_000) });
    const text = await response.text();
    if (!opts.unchecked) {
      expect(conformance.check({ method: 'GET', path: url, status: response.status, headers: response.headers, body: text })).toEqual([]);
    }
    return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
  };
  return {
    ...sandbox,
    get,
    async conversations(limit, key = KEYS.all) {
      const all: any[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 500; pages++) {
        const page = await get(`conversations?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, { key });
        expect(page.status).toBe(200);
        all.push(...page.json.data);
        cursor = page.json.pagination.next_cursor;
        if (cursor === null) return all;
      }
      throw new Error('pagination did not end');
    },
    async handoffs(limit, query = '', key = KEYS.all) {
      const all: any[] = [];
      let before: string | undefined;
      for (let pages = 0; pages < 500; pages++) {
        const page = await get(`handoffs?limit=${limit}${query}${before ? `&before=${before}` : ''}`, { key });
        expect(page.status).toBe(200);
        all.push(...page.json.data);
        if (!page.json.meta.has_more) return all;
        before = page.json.data[page.json.data.length - 1].created_at;
      }
      throw new Error('pagination did not end');
    },
  };
}

/**
 * A LuluDesk error: the documented status and code (in `error`, the sandbox's key for it), and the
 * sandbox's `Cache-Control: no-store`, which the spec declares as an optional assumption.
 */
export function expectLuluError(answer: Answer, status: number, error: string): void {
  expect({ status: answer.status, error: answer.json?.error }).toEqual({ status, error });
  expect(answer.headers.get('cache-control')).toBe('no-store');
}
