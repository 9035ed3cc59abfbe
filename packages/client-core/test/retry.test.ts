import { describe, expect, it } from 'vitest';
import {
  ApiAbortError,
  ApiConnectionError,
  ApiTimeoutError,
  InternalServerError,
  RateLimitError,
  backoffCeilingMs,
  computeRetryDelayMs,
  errorFromResponse,
  isIdempotentMethod,
  isRetryableError,
  resolveRetryOptions,
  runWithRetries,
} from '../src/index.js';

describe('retry policy', () => {
  it('has the documented defaults', () => {
    const policy = resolveRetryOptions();
    expect(policy).toMatchObject({ maxRetries: 2, initialRetryDelayMs: 500, maxBackoffMs: 8000, maxRetryDelayMs: 60_000 });
  });

  it('classifies errors', () => {
    for (const status of [400, 401, 403, 404, 413, 422]) {
      expect(isRetryableError(errorFromResponse({ status, headers: {} }, {}))).toBe(false);
    }
    for (const status of [408, 429, 500, 502, 503, 504]) {
      expect(isRetryableError(errorFromResponse({ status, headers: {} }, {}))).toBe(true);
    }
    expect(isRetryableError(new ApiConnectionError())).toBe(true);
    expect(isRetryableError(new ApiTimeoutError())).toBe(true);
    expect(isRetryableError(new ApiAbortError())).toBe(false);
    expect(isRetryableError(new TypeError('fetch failed'))).toBe(true);
    expect(isRetryableError(new RangeError('bug'))).toBe(false);
  });

  it('treats GET/HEAD/OPTIONS/PUT/DELETE as idempotent, POST/PATCH not', () => {
    for (const method of ['GET', 'head', 'OPTIONS', 'PUT', 'delete']) expect(isIdempotentMethod(method)).toBe(true);
    for (const method of ['POST', 'PATCH']) expect(isIdempotentMethod(method)).toBe(false);
  });

  it('full-jitter backoff stays within [0, min(max, initial * 2^n)) and is jittered', () => {
    const policy = resolveRetryOptions();
    const error = new InternalServerError('boom', { status: 500 });
    for (let retriesSoFar = 0; retriesSoFar < 10; retriesSoFar++) {
      const ceiling = Math.min(8000, 500 * 2 ** retriesSoFar);
      expect(backoffCeilingMs(retriesSoFar, policy)).toBe(ceiling);
      const samples = Array.from({ length: 200 }, () => computeRetryDelayMs(error, retriesSoFar, policy));
      for (const delay of samples) {
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(ceiling);
      }
      expect(new Set(samples).size).toBeGreaterThan(100);
      expect(Math.max(...samples)).toBeGreaterThan(ceiling / 2);
    }
    const extremes = resolveRetryOptions({ random: () => 0.999999, maxBackoffMs: 3000, initialRetryDelayMs: 1000 });
    expect(computeRetryDelayMs(error, 5, extremes)).toBeLessThan(3000);
    expect(computeRetryDelayMs(error, 5, extremes)).toBeGreaterThan(2999);
  });

  it('uses Retry-After for 429 (and 503) capped by maxRetryDelayMs', () => {
    const policy = resolveRetryOptions({ maxRetryDelayMs: 10_000 });
    const limited = errorFromResponse({ status: 429, headers: { 'retry-after': '4' } }, {});
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(computeRetryDelayMs(limited, 0, policy)).toBe(4000);
    expect(computeRetryDelayMs(errorFromResponse({ status: 503, headers: { 'retry-after': '99' } }, {}), 0, policy)).toBe(10_000);
  });

  it('runWithRetries re-runs until success, reporting each retry', async () => {
    const waits: number[] = [];
    let attempts = 0;
    const result = await runWithRetries(
      async (attempt) => {
        attempts = attempt;
        if (attempt < 3) throw new InternalServerError('boom', { status: 500 });
        return 'ok';
      },
      resolveRetryOptions({ sleep: async (ms) => void waits.push(ms), random: () => 0 }),
      { idempotent: true },
    );
    expect(result).toBe('ok');
    expect(attempts).toBe(3);
    expect(waits).toEqual([0, 0]);
  });

  it('a shouldRetry hook can force a retry the default policy refuses', async () => {
    let attempts = 0;
    await runWithRetries(
      async () => {
        if (++attempts === 1) throw errorFromResponse({ status: 409, headers: {} }, { error: 'conflict' });
      },
      resolveRetryOptions({ sleep: async () => {}, shouldRetry: (e, ctx) => (ctx.defaultDecision ? undefined : (e as { status?: number }).status === 409) }),
      { idempotent: true },
    );
    expect(attempts).toBe(2);
  });

  it('a retryDelayMs hook replaces the default delay (capped at maxRetryDelayMs) or keeps it with undefined', () => {
    const error = new InternalServerError('boom', { status: 500 });
    const policy = resolveRetryOptions({
      random: () => 0.5,
      maxRetryDelayMs: 5_000,
      retryDelayMs: (_e, { retriesSoFar, defaultDelayMs }) => (retriesSoFar === 2 ? undefined : retriesSoFar === 3 ? defaultDelayMs * 2 : 1000 * 2 ** retriesSoFar),
    });
    expect([0, 1, 2, 3, 4].map((n) => computeRetryDelayMs(error, n, policy))).toEqual([1000, 2000, 1000, 4000, 5000]);
  });
});
