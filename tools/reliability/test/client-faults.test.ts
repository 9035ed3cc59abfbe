import { inspect } from 'node:util';
import {
  ApiConnectionError,
  ApiTimeoutError,
  AuthenticationError,
  InternalServerError,
  InvalidResponseError,
  MAX_ERROR_BODY_BYTES,
  RateLimitError,
  RedirectError,
} from '@apiforge/client-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadApi, sandboxApis } from '../src/apis.js';
import { authorizedFor } from '../src/auth.js';
import { CLIENT_PROFILES } from '../src/client-profiles.js';
import { startFaultServer, type Fault, type FaultServer } from '../src/fault-server.js';

const withClients = sandboxApis.filter((api) => CLIENT_PROFILES[api]);

interface Expectation {
  fault: Fault;
  error: abstract new (...args: never[]) => Error;
  /** Not this subclass (a reset is a connection error, not a timeout). */
  not?: abstract new (...args: never[]) => Error;
  status?: number;
  /** Attempts the server must see with maxRetries 1. */
  attempts: number;
  check?: (error: Error & Record<string, unknown>) => void;
}

const EXPECTATIONS: Expectation[] = [
  { fault: 'reset-before-response', error: ApiConnectionError, not: ApiTimeoutError, attempts: 2 },
  { fault: 'drop-mid-response', error: ApiConnectionError, not: ApiTimeoutError, attempts: 2 },
  { fault: 'stall', error: ApiTimeoutError, attempts: 2 },
  { fault: 'malformed-json', error: InvalidResponseError, attempts: 1 },
  { fault: 'html-200', error: InvalidResponseError, attempts: 1 },
  {
    fault: 'html-502',
    error: InternalServerError,
    status: 502,
    attempts: 2,
    check: (error) => expect(error.message).toContain('502 Bad Gateway'),
  },
  { fault: 'retry-after-503', error: InternalServerError, status: 503, attempts: 2, check: (error) => expect(error['retryAfter']).toBe(1) },
  { fault: 'echo-token-401', error: AuthenticationError, status: 401, attempts: 1 },
  // A redirect to another origin is never followed: the credential would reach it.
  { fault: 'redirect-cross-origin', error: RedirectError, status: 302, attempts: 1 },
  {
    fault: 'huge-error-500',
    error: InternalServerError,
    status: 500,
    attempts: 2,
    check: (error) => expect(String(error['body']).length).toBeLessThanOrEqual(MAX_ERROR_BODY_BYTES),
  },
  {
    fault: 'retry-after-invalid-429',
    error: RateLimitError,
    status: 429,
    attempts: 2,
    check: (error) => expect(error['retryAfter']).toBeUndefined(),
  },
  { fault: 'text-ok-200', error: InvalidResponseError, attempts: 1 },
  { fault: 'retry-after-beyond-cap-429', error: RateLimitError, status: 429, attempts: 1, check: (error) => expect(error['retryAfter']).toBe(3600) },
];

/** Every way an error is commonly turned into text: none may contain the credential. */
function renderings(error: unknown): Record<string, string> {
  const e = error as Error;
  return {
    string: String(e),
    message: e.message,
    json: JSON.stringify(e) ?? '',
    stack: e.stack ?? '',
    inspect: inspect(e, { showHidden: true, depth: 8 }),
  };
}

describe.each(withClients)('the %s client against a faulty server', (name) => {
  let server: FaultServer;
  let token: string;
  let tenant: string;
  beforeAll(async () => {
    server = await startFaultServer();
    const api = await loadApi(name);
    const op = api.spec.byId.get(CLIENT_PROFILES[name]!.operationId);
    const credential = op && authorizedFor(api, op);
    token = credential?.token ?? '';
    tenant = credential?.tenant ?? '';
  });
  afterAll(() => server?.close());

  test.each(EXPECTATIONS.map((e) => [e.fault, e] as const))('%s surfaces as the right typed error without the token', async (_fault, expectation) => {
    expect(token, 'a fixture credential for the profiled operation').not.toBe('');
    server.use(expectation.fault);
    const error = await CLIENT_PROFILES[name]!.call(server.url, token, { maxRetries: 1, timeoutMs: 400 }, tenant).then(
      (value) => ({ resolved: value }),
      (e: unknown) => e,
    );
    expect(error, inspect(error)).toBeInstanceOf(expectation.error);
    if (expectation.not) expect(error).not.toBeInstanceOf(expectation.not);
    if (expectation.status !== undefined) expect((error as { status?: number }).status).toBe(expectation.status);
    expectation.check?.(error as Error & Record<string, unknown>);
    expect(server.requests()).toBe(expectation.attempts);
    for (const [how, text] of Object.entries(renderings(error))) expect(text.includes(token), `token in ${how}: ${text.slice(0, 500)}`).toBe(false);
  });
});

describe.each(withClients)('the %s client refuses unusable settings at construction, without echoing them', (name) => {
  let token: string;
  let tenant: string;
  beforeAll(async () => {
    const api = await loadApi(name);
    const op = api.spec.byId.get(CLIENT_PROFILES[name]!.operationId);
    const credential = op && authorizedFor(api, op);
    token = credential?.token ?? '';
    tenant = credential?.tenant ?? '';
  });

  test.each([
    ['a credential with a trailing newline', (t: string) => ({ token: `${t}\n`, base: 'http://127.0.0.1:9' })],
    ['a credential with a NUL byte', (t: string) => ({ token: `${t.slice(0, 6)}\u0000${t.slice(6)}`, base: 'http://127.0.0.1:9' })],
    ['a base URL with user:password@', (t: string) => ({ token: t, base: `http://user:${t}@127.0.0.1:9` })],
  ])('%s', async (_what, make) => {
    const { token: bad, base } = make(token);
    const error = await Promise.resolve()
      .then(() => CLIENT_PROFILES[name]!.call(base, bad, { maxRetries: 0, timeoutMs: 400 }, tenant))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error, 'refused').toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ApiConnectionError);
    for (const [how, text] of Object.entries(renderings(error))) expect(text.includes(token), `token in ${how}`).toBe(false);
  });
});
