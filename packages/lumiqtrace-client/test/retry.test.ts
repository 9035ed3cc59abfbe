import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  isMonthlyQuotaExceeded,
  LumiqTraceClient,
  LumiqTraceIngestClient,
  NotFoundError,
  OPERATION_META,
  PermissionDeniedError,
  RateLimitError,
} from '../src/index.js';

/** A fetch that answers from a script and records when each attempt happened (fake clock). */
function scriptedFetch(replies: { status: number; error?: string; headers?: Record<string, string> }[]) {
  const attempts: number[] = [];
  const fetch = async (): Promise<Response> => {
    attempts.push(Date.now());
    const reply = replies.shift() ?? { status: 200 };
    const body = reply.status === 200 ? { latency: { p50: 1, p90: 2, p99: 3 }, avgTtft: null, tokensPerSecond: 0, timeoutRate: 0 } : { error: reply.error };
    return new Response(JSON.stringify(body), { status: reply.status, headers: { 'content-type': 'application/json', ...reply.headers } });
  };
  return { fetch, attempts };
}

const performance = (fetch: typeof globalThis.fetch, maxRetries = 5) =>
  new LumiqTraceClient({ sessionToken: 'session', baseUrl: 'http://lumiqtrace.invalid', fetch, maxRetries }).performance.get({ projectId: 'proj_acme' });

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('retries follow the spec x-retry of each status', () => {
  it('generated the policy table from the spec', () => {
    expect(OPERATION_META.getPerformance.retry).toMatchObject({
      400: { retry: 'never' },
      401: { retry: 'never' },
      403: { retry: 'never' },
      429: { retry: 'after-retry-after' },
      500: { retry: 'exponential-backoff', initialDelayMs: 1000 },
    });
    // LumiqTrace documents only the 1 s start; the doubling is client-core's default, not the spec's.
    expect(OPERATION_META.getPerformance.retry['500']).toEqual({ retry: 'exponential-backoff', initialDelayMs: 1000 });
    expect(OPERATION_META.ingestEvents.retry['429']).toEqual({ retry: 'after-retry-after', except: ['Monthly quota exceeded'] });
  });

  it.each([
    [400, 'projectId is required', BadRequestError],
    [401, 'Not authenticated', AuthenticationError],
    [403, 'Not a member of this organization', PermissionDeniedError],
    [404, 'Trace not found', NotFoundError],
  ])('never retries %i', async (status, error, type) => {
    const { fetch, attempts } = scriptedFetch([{ status, error }]);
    await expect(performance(fetch)).rejects.toBeInstanceOf(type);
    expect(attempts).toHaveLength(1);
  });

  it('waits Retry-After seconds on 429 "Rate limit exceeded", then retries', async () => {
    const { fetch, attempts } = scriptedFetch([{ status: 429, error: 'Rate limit exceeded', headers: { 'retry-after': '3' } }]);
    const result = performance(fetch);
    await vi.advanceTimersByTimeAsync(2_999);
    expect(attempts).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    await expect(result).resolves.toMatchObject({ latency: { p50: 1 } });
    expect(attempts).toEqual([0, 3_000]);
  });

  it('does not retry the ingest 429 "Monthly quota exceeded" (a quota of events, documented for the upload endpoints)', async () => {
    const { fetch, attempts } = scriptedFetch([{ status: 429, error: 'Monthly quota exceeded', headers: { 'retry-after': '3' } }]);
    const ingest = new LumiqTraceIngestClient({ apiKey: 'lqt_test', baseUrl: 'http://lumiqtrace.invalid', fetch, maxRetries: 5, gzip: false });
    const event = { event_id: '3b0f6c1e-9a4d-4c2b-8e71-5d2a9f04c6b3', trace_id: 't', span_id: 's', timestamp: '2026-04-20T10:00:00.000Z', provider: 'custom' as const };
    const error = await ingest.send([event]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(isMonthlyQuotaExceeded(error)).toBe(true);
    expect(attempts).toHaveLength(1);
  });

  it('backs off exponentially from 1 s on 500 (1 s, 2 s, 4 s) and gives up after maxRetries', async () => {
    const { fetch, attempts } = scriptedFetch(Array.from({ length: 4 }, () => ({ status: 500, error: 'Internal server error' })));
    const result = performance(fetch, 3).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await result).toBeInstanceOf(InternalServerError);
    expect(attempts).toEqual([0, 1_000, 3_000, 7_000]);
  });

  it('recovers when a 500 clears', async () => {
    const { fetch, attempts } = scriptedFetch([{ status: 500, error: 'Internal server error' }]);
    const result = performance(fetch);
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(result).resolves.toBeDefined();
    expect(attempts).toEqual([0, 1_000]);
  });
});
