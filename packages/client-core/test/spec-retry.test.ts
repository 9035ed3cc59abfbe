import { describe, expect, it } from 'vitest';
import { errorFromResponse, resolveRetryOptions, runWithRetries, specRetryOptions, type SpecRetryTable } from '../src/index.js';

const TABLE: SpecRetryTable = {
  400: { retry: 'never' },
  401: { retry: 'never' },
  403: { retry: 'never' },
  429: { retry: 'after-retry-after', except: ['Monthly quota exceeded'] },
  500: { retry: 'exponential-backoff', initialDelayMs: 1000, multiplier: 2, maxDelayMs: 30000 },
};

const failure = (status: number, error: string, headers: Record<string, string> = {}) => errorFromResponse({ status, headers }, { error });

async function waitsFor(errors: unknown[], maxRetries = 10): Promise<{ attempts: number; waits: number[] }> {
  const waits: number[] = [];
  let attempts = 0;
  const policy = resolveRetryOptions({ maxRetries, sleep: async (ms) => void waits.push(ms), random: () => 0.5, ...specRetryOptions(TABLE) });
  await runWithRetries(
    async () => {
      const error = errors[attempts++];
      if (error) throw error;
    },
    policy,
    { idempotent: true },
  ).catch(() => undefined);
  return { attempts, waits };
}

describe('specRetryOptions (x-retry)', () => {
  it.each([400, 401, 403])('never retries %i', async (status) => {
    expect(await waitsFor([failure(status, 'x'), undefined])).toEqual({ attempts: 1, waits: [] });
  });

  it('waits Retry-After on 429 but never retries "Monthly quota exceeded"', async () => {
    expect(await waitsFor([failure(429, 'Rate limit exceeded', { 'retry-after': '7' }), undefined])).toEqual({ attempts: 2, waits: [7000] });
    expect(await waitsFor([failure(429, 'Monthly quota exceeded', { 'retry-after': '7' }), undefined])).toEqual({ attempts: 1, waits: [] });
  });

  it('backs off exponentially from 1 s on 500, capped at maxDelayMs', async () => {
    const errors = Array.from({ length: 7 }, () => failure(500, 'Internal server error'));
    expect((await waitsFor([...errors, undefined])).waits).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it('leaves statuses without a rule and connection errors to the default policy', async () => {
    expect((await waitsFor([failure(503, 'unavailable'), undefined])).attempts).toBe(2);
    expect((await waitsFor([new TypeError('fetch failed'), undefined])).attempts).toBe(2);
  });
});

describe('a Retry-After beyond the caller maximum', () => {
  it('is never retried, even where the spec says to retry after Retry-After', async () => {
    const { createFetchWithRetries, RateLimitError, specRetryOptions } = await import('../src/index.js');
    let calls = 0;
    const fetch = createFetchWithRetries({
      ...specRetryOptions({ '429': { retry: 'after-retry-after' } }),
      maxRetryDelayMs: 10_000,
      fetch: async () => {
        calls++;
        return new Response('{"error":"Rate limit exceeded"}', { status: 429, headers: { 'retry-after': '3600', 'content-type': 'application/json' } });
      },
    });
    const error = await fetch('https://api.example.test/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as InstanceType<typeof RateLimitError>).retryAfter).toBe(3600);
    expect(calls).toBe(1);
  });
});
