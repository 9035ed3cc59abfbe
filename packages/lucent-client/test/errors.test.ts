import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as publicApi from '../src/index.js';
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  LucentClient,
  LucentIngestClient,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
} from '../src/index.js';
import { startFakeLucent, type FakeLucent } from './support/fake-lucent.js';

const TOKEN = 'luc_api_sandbox_read';
const INGEST_KEY = 'luc_pk_sandbox';
let fake: FakeLucent;

beforeAll(async () => {
  fake = await startFakeLucent({ issues: 5 });
});
afterAll(() => fake.close());
beforeEach(() => fake.clearFaults());

const batch = {
  session: { id: 'errors', windowId: 'w1', startedAt: 1771929000000, lastActivityAt: 1771929000000, url: 'https://example.com/' },
  user: { anonymousId: 'a' },
  page: { url: 'https://example.com/' },
  replay: { events: [{ timestamp: 1771929000000, type: 4, data: {} }], sequence: 1 },
};

function expectNoSecret(value: unknown, secret: string): void {
  for (const view of [String(value), JSON.stringify(value), inspect(value, { depth: 8, showHidden: true })]) {
    expect(view).not.toContain(secret);
  }
}

describe('typed errors through the Lucent client', () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
  ] as const)('%i becomes %s with status, API message, headers and request id', async (status, ErrorClass) => {
    fake.inject('/api/v1/signals', {
      status,
      headers: { 'retry-after': '3', 'x-ratelimit-limit': '300' },
      body: { error: `The API says ${status}` },
    });
    const error = await new LucentClient({ apiKey: TOKEN, baseUrl: fake.url, maxRetries: 0 })
      .signals.list()
      .then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(status);
    expect(apiError.message).toBe(`The API says ${status}`);
    expect(apiError.requestId).toMatch(/^req_\d+$/);
    expect(apiError.headers.get('x-ratelimit-limit')).toBe('300');
    expect(apiError.body).toEqual({ error: `The API says ${status}` });
    if (status === 429) expect((apiError as RateLimitError).retryAfter).toBe(3);
    expectNoSecret(error, TOKEN);
  });

  it('413 from ingest becomes PayloadTooLargeError without the public key', async () => {
    fake.inject('/api/sdk/replay', { status: 413, body: { error: 'Request body too large' } });
    const error = await new LucentIngestClient({ publicKey: INGEST_KEY, ingestBaseUrl: fake.url, maxRetries: 0 })
      .replay.submit(batch)
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect((error as PayloadTooLargeError).status).toBe(413);
    expectNoSecret(error, INGEST_KEY);
  });

  it('refuses a batch over the spec limit before sending it', async () => {
    const before = fake.requests.length;
    const huge = { timestamp: 1, type: 3, data: 'x'.repeat(5_300_000) };
    const error = await new LucentIngestClient({ publicKey: INGEST_KEY, ingestBaseUrl: fake.url })
      .replay.submit({ ...batch, replay: { events: [huge], sequence: 1 } })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect((error as Error).message).toContain('5242880');
    expect(fake.requests.length).toBe(before);
  });

  it('scrubs a token the API echoes back in its error message', async () => {
    fake.inject('/api/v1/issues', { status: 401, body: { error: `Token ${TOKEN} is not valid` } });
    const error = await new LucentClient({ apiKey: TOKEN, baseUrl: fake.url })
      .issues.get('10000000-0000-4000-8000-000000000001')
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toBe('Token [REDACTED] is not valid');
    expectNoSecret(error, TOKEN);
  });

  it('re-exports the client-core error classes', () => {
    for (const name of [
      'ApiError',
      'BadRequestError',
      'AuthenticationError',
      'PermissionDeniedError',
      'NotFoundError',
      'PayloadTooLargeError',
      'RateLimitError',
      'InternalServerError',
      'ApiConnectionError',
      'ApiTimeoutError',
      'ApiAbortError',
    ]) {
      expect(typeof (publicApi as Record<string, unknown>)[name], name).toBe('function');
    }
  });
});
