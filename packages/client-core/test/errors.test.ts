import { format, inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiAbortError,
  ApiConnectionError,
  ApiError,
  ApiTimeoutError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  InvalidResponseError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  createFetchWithRetries,
  errorFromResponse,
  parseRetryAfter,
  collectSecrets,
  redactUrl,
  type ApiErrorOptions,
} from '../src/index.js';
import { startFaultServer, type FaultServer } from './fault-server.js';

const TOKEN = 'sk_live_TOPSECRET_4f9a';
const HEADER_KEY = 'lk_header_SECRET_77b1';
const QUERY_KEY = 'qk_query_SECRET_19c3';

const leakyRequest = {
  method: 'post',
  url: `https://api.lucent.test/v1/events?api_key=${QUERY_KEY}&page=2`,
  headers: {
    authorization: `Bearer ${TOKEN}`,
    'x-api-key': HEADER_KEY,
    'X-Lucent-Api-Key': HEADER_KEY,
    'content-type': 'application/json',
  },
};

const leakyOptions: ApiErrorOptions = {
  status: 401,
  headers: { 'x-request-id': 'req_42', 'set-cookie': `session=${TOKEN}`, authorization: `Bearer ${TOKEN}` },
  body: { error: { code: 'invalid_key', message: `Key ${TOKEN} is revoked (also ${HEADER_KEY})` } },
  request: leakyRequest,
  cause: new Error(`socket hang up calling ${leakyRequest.url} with ${TOKEN}`, {
    cause: new Error(`inner ${HEADER_KEY}`),
  }),
};

const allClasses = [
  ApiError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  PayloadTooLargeError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  InvalidResponseError,
  ApiConnectionError,
  ApiTimeoutError,
  ApiAbortError,
];

function everySerialisation(error: Error): string {
  return [
    JSON.stringify(error),
    String(error),
    `${error.message}\n${error.stack}`,
    format('%s %o %O %j', error, error, error, error),
    inspect(error, { depth: Infinity, showHidden: true, getters: true }),
    JSON.stringify((error as ApiError).headers),
    JSON.stringify((error as ApiError).request),
    JSON.stringify((error as ApiError).body),
  ].join('\n');
}

function expectNoSecrets(text: string) {
  for (const secret of [TOKEN, HEADER_KEY, QUERY_KEY]) expect(text).not.toContain(secret);
}

describe('secrets never leak from errors', () => {
  it.each(allClasses.map((ErrorClass) => [ErrorClass.name, ErrorClass] as const))(
    '%s: JSON, String, stack, console format and inspect are clean',
    (_name, ErrorClass) => {
      const error = new ErrorClass(`Failed with ${TOKEN} and ${QUERY_KEY}`, leakyOptions);
      const text = everySerialisation(error);
      expectNoSecrets(text);
      expect(text).toContain('[REDACTED]');
      expect(error.request?.url).toBe('https://api.lucent.test/v1/events?api_key=%5BREDACTED%5D&page=2');
      expect(error.headers.get('set-cookie')).toBe('[REDACTED]');
      expect(error.requestId).toBe('req_42');
    },
  );

  it('errorFromResponse scrubs an API that echoes the key back', () => {
    const error = errorFromResponse(
      { status: 401, headers: new Headers({ 'request-id': 'r9' }) },
      { error: `Invalid API key: ${HEADER_KEY}` },
      leakyRequest,
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toBe('Invalid API key: [REDACTED]');
    expect(error.requestId).toBe('r9');
    expectNoSecrets(everySerialisation(error));
  });

  describe('through the transport against a live server', () => {
    let server: FaultServer;
    beforeAll(async () => {
      server = await startFaultServer();
    });
    afterAll(() => server.close());

    const secretFetch = (url: string) =>
      createFetchWithRetries({ maxRetries: 1, sleep: async () => {}, timeoutMs: 200 })(`${url}?api_key=${QUERY_KEY}`, {
        headers: { authorization: `Bearer ${TOKEN}`, 'X-Lucent-Api-Key': HEADER_KEY },
      });

    it.each([
      ['401 echoing the token', { status: 401, body: { error: `bad token ${TOKEN}` } }],
      ['500 echoing the header key', { status: 500, body: `upstream rejected ${HEADER_KEY}` }],
      ['connection reset', { reset: true as const }],
      ['timeout', { hang: true as const }],
    ])('%s', async (_label, fault) => {
      server.respond(fault);
      const error = await secretFetch(server.url).then(
        () => {
          throw new Error('expected failure');
        },
        (e: unknown) => e as ApiError,
      );
      expect(error).toBeInstanceOf(ApiError);
      expectNoSecrets(everySerialisation(error));
    });
  });
});

describe('errorFromResponse', () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [413, PayloadTooLargeError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [502, InternalServerError],
    [599, InternalServerError],
    [409, ApiError],
  ])('maps %i to its class', (status, ErrorClass) => {
    const error = errorFromResponse({ status, headers: {} }, { error: 'nope' });
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error.constructor).toBe(ErrorClass);
    expect(error.name).toBe(ErrorClass.name);
    expect(error.status).toBe(status);
  });

  it.each([
    [{ error: 'plain message' }, 'plain message', undefined],
    [{ error: { code: 'too_big', message: 'Payload over 1 MiB' } }, 'Payload over 1 MiB', 'too_big'],
    [{ message: 'top-level', code: 'x1' }, 'top-level', 'x1'],
    [{ error: 'insufficient_scope', message: 'This API key lacks read:usage.' }, 'This API key lacks read:usage.', 'insufficient_scope'],
    [{ type: 'about:blank', title: 'Unprocessable', detail: 'limit must be <= 100' }, 'limit must be <= 100', undefined],
    ['service unavailable', 'service unavailable', undefined],
    ['<!DOCTYPE html><html>bad gateway</html>', 'HTTP 502 Bad Gateway (non-JSON HTML body)', undefined],
    [undefined, 'HTTP 502 Bad Gateway', undefined],
  ])('takes the API message from %j', (body, message, code) => {
    const error = errorFromResponse({ status: 502, statusText: 'Bad Gateway', headers: {} }, body);
    expect(error.message).toBe(message);
    expect(error.code).toBe(code);
    expect(error.body).toEqual(body);
  });

  it('parses Retry-After as delta-seconds or HTTP date, undefined when absent', () => {
    const now = Date.UTC(2030, 0, 1);
    expect(parseRetryAfter('12', now)).toBe(12);
    expect(parseRetryAfter(new Date(now + 30_000).toUTCString(), now)).toBe(30);
    expect(parseRetryAfter(new Date(now - 30_000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    // The obsolete forms RFC 9110 asks recipients to accept: RFC 850 and asctime.
    expect(parseRetryAfter('Tuesday, 01-Jan-30 00:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Tue Jan  1 00:00:30 2030', now)).toBe(30);
    expect(parseRetryAfter('Tue, 1 Jan 2030 00:00:30 GMT', now)).toBeUndefined();
    expect(parseRetryAfter('Tuesday, 01-Jan-30 00:00:30 UTC', now)).toBeUndefined();
    // Names are checked by the pattern itself, not left to Date.parse (engines differ on unknown words).
    expect(parseRetryAfter('Xyz, 01 Jan 2030 00:00:30 GMT', now)).toBeUndefined();
    expect(parseRetryAfter('Tue, 01 Xyz 2030 00:00:30 GMT', now)).toBeUndefined();
    const error = errorFromResponse({ status: 429, headers: { 'Retry-After': '7' } }, { error: 'slow' });
    expect((error as RateLimitError).retryAfter).toBe(7);
    expect(errorFromResponse({ status: 429, headers: {} }, {}).retryAfter).toBeUndefined();
  });

  it('collects secrets from a header record with null or array values without failing', () => {
    expect(collectSecrets({ headers: { authorization: 'Bearer tok_secret_123', 'x-api-key': null as unknown as string, cookie: ['a=session_value_1', 'b=2'] } })).toEqual([
      'a=session_value_1, b=2',
      'Bearer tok_secret_123',
      'tok_secret_123',
    ]);
  });

  it('redactUrl handles relative URLs and userinfo', () => {
    expect(redactUrl('/v1/x?token=abc&limit=5')).toBe('/v1/x?token=[REDACTED]&limit=5');
    expect(redactUrl('https://user:pw@h.test/a')).toBe('https://%5BREDACTED%5D:%5BREDACTED%5D@h.test/a');
  });
});

describe('UnprocessableEntityError details', () => {
  it('exposes the details array of a 422 body, and an empty list when there is none', () => {
    const details = [{ field: 'limit', value: '1e2', constraint: 'integer between 1 and 100' }];
    const error = errorFromResponse({ status: 422, headers: {} }, { error: 'invalid_params', message: 'One or more query parameters are invalid.', details });
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect((error as UnprocessableEntityError).details).toEqual(details);
    expect(error.code).toBe('invalid_params');
    expect((errorFromResponse({ status: 422, headers: {} }, { error: 'bad' }) as UnprocessableEntityError).details).toEqual([]);
  });
});
