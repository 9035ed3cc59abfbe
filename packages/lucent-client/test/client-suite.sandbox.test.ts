import type { RetryInfo } from '@apiforge/client-core';
import { startSandbox } from '@apiforge/sandbox';
import { describe, expect, it } from 'vitest';
import { LucentClient, NotFoundError, RateLimitError } from '../src/index.js';
import { defineClientSuite } from './support/client-suite.js';

/** The same client suite as against the fake, now against @apiforge/sandbox (documented seed: 120 signals, 150 insights). */
defineClientSuite('the sandbox', async () => {
  // Generous limits: the suite reads well over 300 pages per minute, which is not what it tests.
  const sandbox = await startSandbox({ api: 'lucent', port: 0, rateLimitScale: 100 });
  const control = (path: string, init?: RequestInit) => fetch(`${sandbox.url}${path}`, init);
  return {
    url: sandbox.url,
    counts: { signals: 120, insights: 150 },
    async session(id) {
      const response = await control('/_sandbox/sessions');
      const { sessions } = (await response.json()) as {
        sessions: Array<{ id: string; batches: number; events: number; finalReceived: boolean }>;
      };
      const found = sessions.find((session) => session.id === id);
      return found && { batches: found.batches, events: found.events, finalReceived: found.finalReceived };
    },
    async reset() {
      const response = await control('/_sandbox/reset', { method: 'POST' });
      if (!response.ok) throw new Error(`sandbox reset failed: ${response.status}`);
    },
    close: () => sandbox.close(),
  };
});

describe('against a rate-limited sandbox', () => {
  it('waits out 429s by Retry-After and completes every read', async () => {
    const sandbox = await startSandbox({ api: 'lucent', port: 0, rateLimitScale: 0.02, rateLimitWindowMs: 1_000 });
    try {
      const retries: RetryInfo[] = [];
      const client = new LucentClient({
        apiKey: 'luc_api_sandbox_read',
        baseUrl: sandbox.url,
        maxRetries: 5,
        retry: { onRetry: (info) => retries.push(info) },
      });
      const pages = [];
      for (let i = 0; i < 10; i++) pages.push(await client.signals.list({ limit: 1 }));
      expect(pages.every((page) => page.signals.length === 1)).toBe(true);
      expect(retries.length).toBeGreaterThan(0);
      for (const retry of retries) {
        expect(retry.error).toBeInstanceOf(RateLimitError);
        expect(retry.delayMs).toBe((retry.error as RateLimitError).retryAfter! * 1000);
        expect(retry.delayMs).toBeLessThanOrEqual(1_000);
      }
    } finally {
      await sandbox.close();
    }
  });
});

describe('parity features against the sandbox', () => {
  it('withResponse gives headers and the request id, errors carry it too, per-call headers go out, hooks see no key', async () => {
    const sandbox = await startSandbox({ api: 'lucent', port: 0 });
    try {
      const seen: string[] = [];
      const client = new LucentClient({
        apiKey: 'luc_api_sandbox_read',
        baseUrl: sandbox.url,
        maxRetries: 0,
        defaultHeaders: { 'X-Partner': 'ci' },
        onRequest: (event) => seen.push(JSON.stringify(event)),
        onResponse: (event) => seen.push(JSON.stringify(event)),
      });
      const { data, status, headers, requestId } = await client.issues.list({ limit: 1 }).withResponse();
      expect(data.issues).toHaveLength(1);
      expect(status).toBe(200);
      expect(requestId).toMatch(/^req_[0-9a-f]{16}$/);
      expect(headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);
      const missing = await client.issues.get('00000000-0000-4000-8000-000000000000', { headers: { 'X-Trace': '1' } }).catch((error: unknown) => error);
      expect((missing as NotFoundError).requestId).toMatch(/^req_[0-9a-f]{16}$/);
      expect(seen).toHaveLength(4);
      expect(seen.join('\n')).toContain('"x-partner":"ci"');
      expect(seen.join('\n')).toContain('"x-trace":"1"');
      expect(seen.join('\n')).not.toContain('luc_api_sandbox_read');
    } finally {
      await sandbox.close();
    }
  });
});
