import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ApiAbortError,
  ApiConnectionError,
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
  mergeRequestOptions,
  type RequestOptions,
  type RetryInfo,
} from '../src/index.js';
import { startFaultServer, type FaultServer } from './fault-server.js';

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());
afterEach(() => {
  server.requests.length = 0;
  server.respond({ status: 200, body: { ok: true } });
  vi.useRealTimers();
});

/** Records requested waits and returns at once, so retry tests take no wall time. */
function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

function client(options: RequestOptions = {}) {
  const { waits, sleep } = recordingSleep();
  return { waits, fetch: createFetchWithRetries({ sleep, random: () => 0.5, ...options }) };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('createFetchWithRetries', () => {
  it('returns a 2xx response untouched', async () => {
    const { fetch } = client();
    const response = await fetch(`${server.url}/v1/things`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('waits exactly Retry-After delta-seconds on 429', async () => {
    const { fetch, waits } = client();
    server.respond({ status: 429, headers: { 'retry-after': '3' }, body: { error: 'slow down' } }, { status: 200, body: {} });
    const response = await fetch(`${server.url}/v1/things`);
    expect(response.status).toBe(200);
    expect(waits).toEqual([3000]);
    expect(server.requests).toHaveLength(2);
  });

  it('waits exactly until a Retry-After HTTP date on 429', async () => {
    const now = Date.UTC(2030, 0, 1, 12, 0, 0);
    vi.useFakeTimers({ toFake: ['Date'], now });
    const { fetch, waits } = client();
    const retryAt = new Date(now + 7000).toUTCString();
    server.respond({ status: 429, headers: { 'retry-after': retryAt }, body: { error: 'slow down' } }, { status: 200, body: {} });
    await fetch(`${server.url}/v1/things`);
    expect(waits).toEqual([7000]);
  });

  it('gives up at once with the typed 429 when Retry-After is beyond maxRetryDelayMs (default 60 s): an early retry is certain to fail', async () => {
    server.respond({ status: 429, headers: { 'retry-after': '600' }, body: { error: 'slow down' } }, { status: 200, body: {} });
    const defaults = client();
    const error = await defaults.fetch(`${server.url}/a`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(600);
    expect(defaults.waits).toEqual([]);

    server.respond({ status: 429, headers: { 'retry-after': '6' } }, { status: 200, body: {} });
    const capped = client({ maxRetryDelayMs: 5000 });
    await expect(capped.fetch(`${server.url}/a`)).rejects.toMatchObject({ status: 429, retryAfter: 6 });
    expect(capped.waits).toEqual([]);

    server.respond({ status: 429, headers: { 'retry-after': '5' } }, { status: 200, body: {} });
    const within = client({ maxRetryDelayMs: 5000 });
    await within.fetch(`${server.url}/a`);
    expect(within.waits).toEqual([5000]);
  });

  it.each(['-1', '5, 6', '1.5', 'soon', '0x10', 'Tue, 31 Feb'])('treats an invalid Retry-After (%j) as absent: jittered backoff, never an immediate retry', async (value) => {
    const { fetch, waits } = client({ random: () => 0.5 });
    server.respond({ status: 429, headers: { 'retry-after': value }, body: { error: 'slow down' } }, { status: 200, body: {} });
    await fetch(`${server.url}/a`);
    expect(waits).toEqual([250]);
  });

  it('backs off with jitter on a 429 without Retry-After', async () => {
    const { fetch, waits } = client({ random: () => 0.25 });
    server.respond({ status: 429, body: { error: 'slow down' } }, { status: 200, body: {} });
    await fetch(`${server.url}/a`);
    expect(waits).toEqual([125]); // 0.25 * 500 ms
  });

  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [413, PayloadTooLargeError],
    [422, UnprocessableEntityError],
  ])('never retries %i', async (status, ErrorClass) => {
    const { fetch, waits } = client({ maxRetries: 5 });
    server.respond({ status, body: { error: { code: `code_${status}`, message: `message ${status}` } } });
    const error = await rejection(fetch(`${server.url}/a`));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ status, message: `message ${status}`, code: `code_${status}` });
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('retries 5xx up to maxRetries, then throws InternalServerError', async () => {
    const { fetch, waits } = client({ maxRetries: 3 });
    server.respond({ status: 503, headers: { 'x-request-id': 'req_1' }, body: { error: 'overloaded' } });
    const error = await rejection(fetch(`${server.url}/a`));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 503, message: 'overloaded', requestId: 'req_1' });
    expect(server.requests).toHaveLength(4);
    expect(waits).toEqual([250, 500, 1000]); // 0.5 * 500, 1000, 2000
  });

  it('retries a connection reset, then throws ApiConnectionError', async () => {
    const { fetch } = client();
    server.respond({ reset: true });
    const error = await rejection(fetch(`${server.url}/a`));
    expect(error).toBeInstanceOf(ApiConnectionError);
    expect((error as Error).message).toMatch(/^Connection error/);
    expect(server.requests).toHaveLength(3);
  });

  it('recovers when a reset is followed by success', async () => {
    const { fetch } = client();
    server.respond({ reset: true }, { status: 200, body: { ok: 1 } });
    const response = await fetch(`${server.url}/a`);
    expect(await response.json()).toEqual({ ok: 1 });
  });

  it('turns a stalled attempt into ApiTimeoutError and retries timeouts', async () => {
    const { fetch } = client({ timeoutMs: 100, maxRetries: 1 });
    server.respond({ hang: true });
    const error = await rejection(fetch(`${server.url}/a`));
    expect(error).toBeInstanceOf(ApiTimeoutError);
    expect(server.requests).toHaveLength(2);
  });

  it('aborting mid-flight throws ApiAbortError without retrying', async () => {
    const { fetch, waits } = client({ maxRetries: 5 });
    server.respond({ hang: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await rejection(fetch(`${server.url}/a`, { signal: controller.signal }));
    expect(error).toBeInstanceOf(ApiAbortError);
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('aborting while waiting to retry throws ApiAbortError', async () => {
    const controller = new AbortController();
    const fetch = createFetchWithRetries({ signal: controller.signal, initialRetryDelayMs: 10_000, random: () => 1 });
    server.respond({ status: 500, body: { error: 'boom' } });
    setTimeout(() => controller.abort(), 100);
    const error = await rejection(fetch(`${server.url}/a`));
    expect(error).toBeInstanceOf(ApiAbortError);
    expect(server.requests).toHaveLength(1);
  });

  it('an already-aborted signal sends nothing', async () => {
    const { fetch } = client();
    const error = await rejection(fetch(`${server.url}/a`, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(ApiAbortError);
    expect(server.requests).toHaveLength(0);
  });

  it('an already-aborted signal is an ApiAbortError whatever its reason (even a retryable error), and nothing is retried', async () => {
    const { fetch } = client({ maxRetries: 3 });
    const onRetry = vi.fn();
    const reason = new ApiConnectionError('the caller gave up');
    const error = await rejection(fetch.withOptions({ onRetry })(`${server.url}/a`, { signal: AbortSignal.abort(reason) }));
    expect(error).toBeInstanceOf(ApiAbortError);
    expect((error as Error).cause).toBe(reason);
    expect(onRetry).not.toHaveBeenCalled();
    expect(server.requests).toHaveLength(0);
  });

  it('a timed-out attempt aborts with the ApiTimeoutError itself (what a custom fetch sees), which names the request', async () => {
    const reasons: unknown[] = [];
    const customFetch = (request: Request) =>
      new Promise<Response>((_, reject) => request.signal.addEventListener('abort', () => (reasons.push(request.signal.reason), reject(request.signal.reason))));
    const error = await rejection(createFetchWithRetries({ timeoutMs: 50, maxRetries: 0, fetch: customFetch as typeof fetch })(`${server.url}/slow?api_key=secret_value_123`));
    expect(reasons[0]).toBeInstanceOf(ApiTimeoutError);
    expect(error).toBeInstanceOf(ApiTimeoutError);
    expect((error as ApiTimeoutError).request?.url).toBe(`${server.url}/slow?api_key=%5BREDACTED%5D`);
  });

  it('a problem with the input is a rejection, never a synchronous throw', async () => {
    const send = createFetchWithRetries().transport.send;
    let sent: Promise<Response> | undefined;
    expect(() => (sent = send(new Request(`${server.url}/a`), { headers: { 'bad header': 'x' } }))).not.toThrow();
    await expect(sent).rejects.toBeInstanceOf(TypeError);
  });

  it('an Idempotency-Key header left undefined does not make a POST retryable', async () => {
    const { fetch } = client({ maxRetries: 2 });
    server.respond({ status: 500, body: { error: 'boom' } });
    await rejection(fetch(`${server.url}/a`, { method: 'POST', body: '{}', headers: { 'Idempotency-Key': undefined } as unknown as Record<string, string> }));
    expect(server.requests).toHaveLength(1);
  });

  it('per-call overrides beat client defaults', async () => {
    const { fetch } = client({ maxRetries: 0 });
    server.respond({ status: 500, body: { error: 'boom' } });
    await rejection(fetch(`${server.url}/a`));
    expect(server.requests).toHaveLength(1);

    server.requests.length = 0;
    await rejection(fetch.withOptions({ maxRetries: 2 })(`${server.url}/a`));
    expect(server.requests).toHaveLength(3);

    server.requests.length = 0;
    await rejection(fetch(`${server.url}/a`, { requestOptions: { maxRetries: 1 } } as RequestInit));
    expect(server.requests).toHaveLength(2);

    server.respond({ status: 200, body: {}, delayMs: 300 });
    const slow = fetch.withOptions({ timeoutMs: 50 });
    expect(await rejection(slow(`${server.url}/a`))).toBeInstanceOf(ApiTimeoutError);
    expect(fetch.options.maxRetries).toBe(0);
  });

  it('mergeRequestOptions ignores undefined overrides and combines signals', () => {
    const clientAbort = new AbortController();
    const callAbort = new AbortController();
    const merged = mergeRequestOptions(
      { maxRetries: 2, timeoutMs: 1000, signal: clientAbort.signal },
      { maxRetries: undefined, timeoutMs: 5, signal: callAbort.signal },
    );
    expect(merged.maxRetries).toBe(2);
    expect(merged.timeoutMs).toBe(5);
    expect(merged.signal?.aborted).toBe(false);
    callAbort.abort();
    expect(merged.signal?.aborted).toBe(true);
  });

  it('does not retry POST unless it is marked idempotent', async () => {
    const { fetch } = client();
    server.respond({ status: 503, body: { error: 'busy' } });
    await rejection(fetch(`${server.url}/replay`, { method: 'POST', body: '{"a":1}' }));
    expect(server.requests).toHaveLength(1);
  });

  it('re-sends the same body on every retry of an idempotent POST/PATCH', async () => {
    const { fetch } = client();
    const body = JSON.stringify({ status: 'resolved', note: 'x'.repeat(10_000) });
    server.respond({ status: 503, body: { error: 'busy' } }, { reset: true }, { status: 200, body: { ok: true } });
    const response = await fetch.withOptions({ idempotent: true })(`${server.url}/issues/1/status`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(200);
    expect(server.requests.map((r) => r.body.toString())).toEqual([body, body, body]);

    server.requests.length = 0;
    server.respond({ status: 500 }, { status: 200, body: {} });
    const request = new Request(`${server.url}/replay`, {
      method: 'POST',
      headers: { 'idempotency-key': 'k1' },
      body: '{"replay":true}',
    });
    await fetch(request);
    expect(server.requests.map((r) => r.body.toString())).toEqual(['{"replay":true}', '{"replay":true}']);
  });

  it('lets shouldRetry veto a retry (quota exhausted is not transient)', async () => {
    const { fetch } = client({
      shouldRetry: (error) => (error instanceof RateLimitError && /quota/i.test(error.message) ? false : undefined),
    });
    server.respond({ status: 429, body: { error: 'Monthly quota exceeded' } });
    const error = await rejection(fetch(`${server.url}/a`));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(server.requests).toHaveLength(1);

    server.requests.length = 0;
    server.respond({ status: 429, body: { error: 'Too many requests' } }, { status: 200, body: {} });
    await fetch(`${server.url}/a`);
    expect(server.requests).toHaveLength(2);
  });

  it('uses a per-API initialRetryDelayMs', async () => {
    const { fetch, waits } = client({ initialRetryDelayMs: 1000, random: () => 0.999 });
    server.respond({ status: 502 }, { status: 502 }, { status: 200, body: {} });
    await fetch(`${server.url}/a`);
    expect(waits[0]).toBeGreaterThan(990);
    expect(waits[0]).toBeLessThan(1000);
    expect(waits[1]).toBeGreaterThan(1990);
    expect(waits[1]).toBeLessThan(2000);
  });

  it('calls onRetry with a redacted request and no credentials', async () => {
    const infos: RetryInfo[] = [];
    const { fetch } = client({ onRetry: (info) => infos.push(info) });
    server.respond({ status: 500, body: { error: 'boom' } }, { status: 200, body: {} });
    await fetch(`${server.url}/a?api_key=sk_live_secret123`, { headers: { authorization: 'Bearer sk_live_secret123' } });
    expect(infos).toHaveLength(1);
    expect(infos[0]).toMatchObject({ retry: 1, delayMs: 250, request: { method: 'GET' } });
    expect(JSON.stringify(infos)).not.toContain('sk_live_secret123');
    expect(infos[0]!.request!.url).toContain('api_key=%5BREDACTED%5D');
  });

  it('turns an HTML page on a 2xx into InvalidResponseError', async () => {
    const { fetch } = client();
    server.respond({ status: 200, headers: { 'content-type': 'text/html' }, body: '<!doctype html><h1>Login to Wi-Fi</h1>' });
    const error = await rejection(fetch(`${server.url}/a`));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain('Expected JSON but received an HTML page');
    expect((error as Error).message).toContain('Login to Wi-Fi');
    expect(server.requests).toHaveLength(1);
  });

  it('hands the global fetch the caller\'s URL and init plus a signal, without copying them into a Request', async () => {
    const spy = vi.spyOn(globalThis, 'fetch');
    try {
      const { fetch } = client();
      await fetch(`${server.url}/a`, { headers: { authorization: 'Bearer sk_live_secret123' } });
      const [input, init] = spy.mock.calls[0]!;
      expect(input).toBe(`${server.url}/a`);
      expect(init?.headers).toEqual({ authorization: 'Bearer sk_live_secret123' });
      expect(init?.signal).toBeInstanceOf(AbortSignal);
    } finally {
      spy.mockRestore();
    }
  });

  it('buffers a stream body once so a retry re-sends it', async () => {
    const { fetch } = client();
    server.respond({ status: 503, body: { error: 'busy' } }, { status: 200, body: {} });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"chunked":'));
        controller.enqueue(new TextEncoder().encode('true}'));
        controller.close();
      },
    });
    await fetch.withOptions({ idempotent: true })(`${server.url}/replay`, { method: 'POST', body, duplex: 'half' } as RequestInit);
    expect(server.requests.map((r) => r.body.toString())).toEqual(['{"chunked":true}', '{"chunked":true}']);
  });

  it('times out, retries and aborts the same way for a Request input as for a URL', async () => {
    const { fetch } = client({ timeoutMs: 100, maxRetries: 1 });
    server.respond({ hang: true });
    expect(await rejection(fetch(new Request(`${server.url}/a`)))).toBeInstanceOf(ApiTimeoutError);
    expect(server.requests).toHaveLength(2);

    server.requests.length = 0;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const aborted = await rejection(createFetchWithRetries()(new Request(`${server.url}/a`, { signal: controller.signal })));
    expect(aborted).toBeInstanceOf(ApiAbortError);
    expect(server.requests).toHaveLength(1);
  });

  it('throws a malformed URL, method or header at once as the TypeError fetch gives it, without retrying', async () => {
    const { fetch, waits } = client({ maxRetries: 3 });
    for (const [input, init] of [
      ['not a url', undefined],
      [`${server.url}/a`, { method: 'BAD METHOD' }],
      [`${server.url}/a`, { headers: { 'x-bad': 'a\nb' } }],
    ] as Array<[string, RequestInit | undefined]>) {
      const error = await rejection(fetch(input, init));
      expect(error).toBeInstanceOf(TypeError);
      expect(error).not.toBeInstanceOf(ApiConnectionError);
    }
    expect(waits).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });

  it('uses a custom fetch implementation', async () => {
    const calls: string[] = [];
    const fetch = createFetchWithRetries({
      fetch: async (input) => {
        calls.push((input as Request).url);
        return new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } });
      },
    });
    expect(await (await fetch('https://api.example.test/x')).json()).toEqual({ ok: true });
    expect(calls).toEqual(['https://api.example.test/x']);
  });
});
