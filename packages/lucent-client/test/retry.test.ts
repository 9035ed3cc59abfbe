import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ApiAbortError,
  ApiConnectionError,
  ApiTimeoutError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  LucentClient,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from '../src/index.js';
import type { RetryInfo } from '@apiforge/client-core';
import { startFakeLucent, type FakeLucent } from './support/fake-lucent.js';

const TOKEN = 'luc_api_sandbox_write';
const ISSUE_ID = '10000000-0000-4000-8000-000000000001';

let fake: FakeLucent;

beforeAll(async () => {
  fake = await startFakeLucent({ issues: 30 });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.clearFaults();
  fake.requests.length = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

function client(options: Partial<ConstructorParameters<typeof LucentClient>[0]> = {}) {
  return new LucentClient({ apiKey: TOKEN, baseUrl: fake.url, ...options });
}

const dataRequests = () => fake.requests.filter((request) => request.url.startsWith('/api/v1/'));

describe('retries', () => {
  it('waits exactly Retry-After seconds after a 429, then succeeds', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    fake.inject('/api/v1/issues', { status: 429, headers: { 'retry-after': '7' }, body: { error: 'Rate limit exceeded' } });
    const pending = client().issues.list({ limit: 5 }).firstPage();
    await vi.waitUntil(() => dataRequests().length === 1, { timeout: 5000, interval: 5 });
    await vi.advanceTimersByTimeAsync(6_990);
    expect(dataRequests()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(20);
    await vi.waitUntil(() => dataRequests().length === 2, { timeout: 5000, interval: 5 });
    vi.useRealTimers();
    const page = await pending;
    expect(page.issues).toHaveLength(5);
  });

  it('gives up after maxRetries 429s and exposes retryAfter in seconds', async () => {
    const limited = { status: 429, headers: { 'retry-after': '0' }, body: { error: 'Rate limit exceeded' } };
    fake.inject('/api/v1/signals', limited, limited, limited, limited);
    const error = await client({ maxRetries: 2 })
      .signals.list()
      .then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(0);
    expect((error as RateLimitError).message).toBe('Rate limit exceeded');
    expect(dataRequests()).toHaveLength(3);
  });

  it('backs off exponentially with jitter inside the ceilings on 5xx', async () => {
    const delays: RetryInfo[] = [];
    fake.inject('/api/v1/insights', { status: 500 }, { status: 502 }, { status: 503 }, { status: 500 });
    const error = await client({
      maxRetries: 4,
      retry: { initialRetryDelayMs: 20, maxBackoffMs: 50, onRetry: (info) => delays.push(info) },
    })
      .insights.list()
      .then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
    expect(error).toBeUndefined();
    expect(delays.map((info) => info.retry)).toEqual([1, 2, 3, 4]);
    const ceilings = [20, 40, 50, 50];
    delays.forEach((info, index) => {
      expect(info.delayMs).toBeGreaterThanOrEqual(0);
      expect(info.delayMs).toBeLessThanOrEqual(ceilings[index]!);
      expect(info.error).toBeInstanceOf(InternalServerError);
    });
    expect(dataRequests()).toHaveLength(5);
  });

  it('fails with InternalServerError once retries are used up', async () => {
    fake.inject('/api/v1/issues', { status: 503 }, { status: 503 }, { status: 503 });
    const error = await client({ maxRetries: 2, retry: { initialRetryDelayMs: 1 } })
      .issues.get(ISSUE_ID)
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).status).toBe(503);
    expect(dataRequests()).toHaveLength(3);
  });

  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
  ] as const)('never retries %i', async (status, ErrorClass) => {
    fake.inject('/api/v1/issues', { status, body: { error: `status ${status}` } });
    const error = await client({ maxRetries: 5, retry: { initialRetryDelayMs: 1 } })
      .issues.get(ISSUE_ID)
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ErrorClass);
    expect((error as InstanceType<typeof ErrorClass>).message).toBe(`status ${status}`);
    expect(dataRequests()).toHaveLength(1);
  });

  it('retries PATCH status updates (x-idempotent) with the same body', async () => {
    fake.inject('/api/v1/issues', { status: 500 }, { reset: true });
    const { issue } = await client({ retry: { initialRetryDelayMs: 1 } }).issues.updateStatus(ISSUE_ID, { status: 'transient' });
    expect(issue.status).toBe('transient');
    const patches = dataRequests().filter((request) => request.method === 'PATCH');
    expect(patches).toHaveLength(3);
    for (const patch of patches) expect(JSON.parse(patch.body.toString())).toEqual({ status: 'transient' });
  });

  it('retries connection resets', async () => {
    fake.inject('/api/v1/issues', { reset: true });
    const page = await client({ retry: { initialRetryDelayMs: 1 } }).issues.list({ limit: 2 });
    expect(page.issues).toHaveLength(2);
    expect(dataRequests()).toHaveLength(2);
  });

  it('honours maxRetries per call over the client default', async () => {
    fake.inject('/api/v1/issues', { status: 500 }, { status: 500 }, { status: 500 });
    const error = await client({ maxRetries: 5, retry: { initialRetryDelayMs: 1 } })
      .issues.get(ISSUE_ID, { maxRetries: 0 })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(dataRequests()).toHaveLength(1);
  });
});

describe('timeouts and aborts', () => {
  it('times out a hanging request per attempt, then retries', async () => {
    fake.inject('/api/v1/issues', { hang: true });
    const page = await client({ timeoutMs: 150, retry: { initialRetryDelayMs: 1 } }).issues.list({ limit: 1 });
    expect(page.issues).toHaveLength(1);
    expect(dataRequests()).toHaveLength(2);
  });

  it('throws ApiTimeoutError when every attempt times out; per-call timeoutMs wins', async () => {
    fake.inject('/api/v1/issues', { hang: true }, { hang: true });
    const started = Date.now();
    const error = await client({ timeoutMs: 30_000 })
      .issues.get(ISSUE_ID, { timeoutMs: 100, maxRetries: 1 })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ApiTimeoutError);
    expect(error).toBeInstanceOf(ApiConnectionError);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(dataRequests()).toHaveLength(2);
  });

  it('aborts an in-flight request with ApiAbortError and does not retry', async () => {
    fake.inject('/api/v1/issues', { hang: true });
    const controller = new AbortController();
    const pending = client().issues.get(ISSUE_ID, { signal: controller.signal }).catch((thrown: unknown) => thrown);
    await vi.waitUntil(() => dataRequests().length === 1, { timeout: 5000, interval: 5 });
    controller.abort();
    expect(await pending).toBeInstanceOf(ApiAbortError);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(dataRequests()).toHaveLength(1);
  });

  it('aborts while waiting for Retry-After', async () => {
    fake.inject('/api/v1/issues', { status: 429, headers: { 'retry-after': '30' }, body: { error: 'Rate limit exceeded' } });
    const controller = new AbortController();
    const pending = client().issues.list({}, { signal: controller.signal }).firstPage().catch((thrown: unknown) => thrown);
    await vi.waitUntil(() => dataRequests().length === 1, { timeout: 5000, interval: 5 });
    controller.abort();
    expect(await pending).toBeInstanceOf(ApiAbortError);
    expect(dataRequests()).toHaveLength(1);
  });

  it('reports a refused connection as ApiConnectionError', async () => {
    const closed = await startFakeLucent({ issues: 1 });
    const url = closed.url;
    await closed.close();
    const error = await new LucentClient({ apiKey: TOKEN, baseUrl: url, maxRetries: 1, retry: { initialRetryDelayMs: 1 } })
      .issues.get(ISSUE_ID)
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ApiConnectionError);
    expect(String(error)).not.toContain(TOKEN);
  });
});
