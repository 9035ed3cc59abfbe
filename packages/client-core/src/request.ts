import {
  ApiAbortError,
  ApiConnectionError,
  ApiError,
  ApiTimeoutError,
  InvalidResponseError,
  isRedirect,
  errorFromResponse,
  readResponseBody,
  type ApiErrorRequest,
} from './errors.js';
import { combineSignals as combinePlatformSignals } from '#combine-signals';
import { followRedirects } from '#redirects';
import { collectSecrets, scrubText } from './redact.js';
import { continueRetries, isIdempotentMethod, resolveRetryOptions, type ResolvedRetryOptions, type RetryOptions } from './retry.js';

/**
 * An AbortSignal that aborts when any input does; undefined when there is none. Long-lived inputs (a
 * client-wide shutdown signal combined per request) do not leak a listener per request.
 */
// Declared here, not re-exported: a `#` specifier in the published .d.ts would not resolve for every consumer.
export const combineSignals: (signals: ReadonlyArray<AbortSignal | null | undefined>) => AbortSignal | undefined = combinePlatformSignals;

/** The exact signature of the global `fetch`. */
export type FetchFunction = typeof globalThis.fetch;

export interface RequestOptions extends RetryOptions {
  /** Per attempt, until response headers arrive (and the error body, for non-2xx). Default 60 s. */
  timeoutMs?: number | undefined;
  /** Caller's signal: aborting throws ApiAbortError and stops retrying. Combined with the Request's own signal. */
  signal?: AbortSignal | undefined;
  /**
   * Allows retries for this request regardless of method. Default: true for
   * GET/HEAD/OPTIONS/PUT/DELETE and for requests carrying an Idempotency-Key header.
   */
  idempotent?: boolean | undefined;
  /** Custom fetch implementation; default the global fetch at call time. */
  fetch?: FetchFunction | undefined;
  /** A 2xx HTML page (captive portal, proxy error page) is an InvalidResponseError unless this is false. Default true. */
  expectJson?: boolean | undefined;
}

export const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Retries, timeouts, redirect policy and typed errors around fetch, without fetch's signature: what
 * generated operations send through (createSdkClient's `transport`). createFetchWithRetries wraps it
 * as a `fetch` for any other caller.
 */
export interface Transport {
  /**
   * One call, all its attempts. `buffer`, for a caller that reads the whole 2xx body anyway: the body's
   * text is read inside the attempt into `buffer.text`, so a connection dropped mid-body is retried like
   * any connection error, and the timeout and an abort cover the download.
   */
  send(input: string | URL | Request, init?: RequestInit, buffer?: { text?: string }): Promise<Response>;
  /** A transport using these options on top of this one's (per-call overrides). */
  withOptions(overrides: RequestOptions): Transport;
  readonly options: Readonly<RequestOptions>;
}

/** A `fetch` with retries, timeouts and typed errors; plug it into a generated client's `fetch` option. */
export interface FetchWithRetries extends FetchFunction {
  /** A fetch using these options on top of this one's (per-call overrides). */
  withOptions(overrides: RequestOptions): FetchWithRetries;
  readonly options: Readonly<RequestOptions>;
  /** The transport underneath, for callers that need no fetch signature (createSdkClient). */
  readonly transport: Transport;
}

/**
 * `init` may carry per-call overrides under `requestOptions` when calling the returned fetch directly.
 * `bufferBody`: as Transport.send's `buffer`.
 */
export type RequestInitWithOptions = RequestInit & { requestOptions?: RequestOptions; bufferBody?: { text?: string } };

/**
 * Merges client defaults with per-call overrides. Undefined values never
 * clobber a default; two signals are combined so either one aborts.
 */
export function mergeRequestOptions(...layers: Array<RequestOptions | undefined>): RequestOptions {
  const merged: Record<string, unknown> = {};
  const signals: AbortSignal[] = [];
  for (const layer of layers) {
    for (const key in layer) {
      const value = layer[key as keyof RequestOptions];
      if (value === undefined) continue;
      if (key === 'signal') signals.push(value as AbortSignal);
      else merged[key] = value;
    }
  }
  const signal = combineSignals(signals);
  if (signal) merged.signal = signal;
  return merged as RequestOptions;
}

export function createTransport(defaults: RequestOptions = {}): Transport {
  // Resolved once: a call without per-call overrides does no option merging.
  const options = Object.freeze({ ...defaults });
  const policy = resolveRetryOptions(defaults);
  const timeoutMs = defaults.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    options,
    withOptions: (overrides) => createTransport(mergeRequestOptions(defaults, overrides)),
    // async: whatever the input, a problem with it is a rejection, never a synchronous throw.
    async send(input, init, buffer) {
      // A Request carries its own method, headers, signal and body; `init` applies on top, as fetch does it.
      const request = input instanceof Request ? (init ? new Request(input, init) : input) : undefined;
      const source: RequestInit = request ?? init ?? {};
      const method = source.method ?? 'GET';
      const idempotent = options.idempotent ?? (isIdempotentMethod(method) || headerValue(source.headers, 'idempotency-key') !== undefined);
      const call: Call = {
        target: request ?? input,
        // Redirects are never followed blindly: credential headers must not reach another origin, and a
        // write answered with a redirect must not turn into a GET that reports success.
        init: { ...(request ? undefined : init), redirect: 'manual' },
        method,
        headers: source.headers,
        // Combined only when both exist: most calls have one signal or none.
        callerSignal: source.signal && options.signal ? combineSignals([source.signal, options.signal]) : (source.signal ?? options.signal),
        timeoutMs,
        policy,
        fetch: options.fetch,
        retrying: idempotent && policy.maxRetries > 0 ? false : undefined,
        request: undefined,
        buffer,
      };
      // A stream can be read only once: buffer it when a retry might need it again. Strings,
      // buffers and blobs are re-sent as they are.
      const body = source.body;
      if (call.retrying === false && body instanceof ReadableStream) call.init.body = await (request ? request.clone() : new Response(body)).arrayBuffer();
      return attempt(call);
    },
  };
}

export function createFetchWithRetries(defaults: RequestOptions = {}): FetchWithRetries {
  return fetchOf(createTransport(defaults));
}

function fetchOf(transport: Transport): FetchWithRetries {
  const fetchWithRetries = async (input: string | URL | Request, init?: RequestInitWithOptions): Promise<Response> => {
    const overrides = init?.requestOptions;
    const chosen = overrides ? transport.withOptions(overrides) : transport;
    const response = await chosen.send(input, init, init?.bufferBody);
    if (chosen.options.expectJson !== false) await refuseHtml(response, input, init);
    return response;
  };
  return Object.assign(fetchWithRetries, {
    withOptions: (overrides: RequestOptions) => fetchOf(transport.withOptions(overrides)),
    options: transport.options,
    transport,
  });
}

/**
 * One call (all its attempts). A plain record instead of closures: the success path allocates this, its
 * init, and per attempt one AbortController and timer, and nothing else of its own.
 */
interface Call {
  readonly target: string | URL | Request;
  /** The init every attempt sends: the caller's, never following redirects; `signal` is set per attempt. */
  readonly init: RequestInit;
  readonly method: string;
  readonly headers: RequestInit['headers'];
  readonly callerSignal: AbortSignal | undefined;
  readonly timeoutMs: number;
  readonly policy: ResolvedRetryOptions;
  readonly fetch: FetchFunction | undefined;
  /** undefined: never retried; false: may be retried; true: inside the retry loop (attempts throw, the loop decides). */
  retrying: boolean | undefined;
  /** Built on the first failure only. */
  request: ApiErrorRequest | undefined;
  /** Transport.send's `buffer`. */
  readonly buffer: { text?: string } | undefined;
}

function errorRequestOf(call: Call): ApiErrorRequest {
  return (call.request ??= { method: call.method, url: String((call.target as Request).url ?? call.target), headers: call.headers });
}

/** Per attempt: its controller, and whether its timer fired. Also the caller-abort listener (handleEvent). */
class Attempt {
  readonly controller = new AbortController();
  timedOut = false;
  // Only the signal: the listener stays on it after a success, and must not keep the call's body alive.
  constructor(readonly callerSignal: AbortSignal | undefined) {}
  handleEvent(): void {
    this.controller.abort(this.callerSignal?.reason);
  }
}

/** The abort reason is the typed error, so a custom fetch sees an ApiTimeoutError too. */
function onAttemptTimeout(state: Attempt, call: Call): void {
  state.timedOut = true;
  state.controller.abort(timeoutError(call));
}

function timeoutError(call: Call): ApiTimeoutError {
  return new ApiTimeoutError(`Request timed out after ${call.timeoutMs} ms.`, { request: errorRequestOf(call) });
}

/**
 * The fast path builds no Request of its own: the global fetch gets the caller's (input, init) plus a
 * signal, which is what a raw `fetch` call builds anyway. A custom `fetch` still receives one Request.
 */
function send(call: Call, url: string | URL | Request): Promise<Response> {
  return call.fetch ? call.fetch(new Request(url, call.init)) : globalThis.fetch(url, call.init);
}

/**
 * One attempt; the first one also starts the retry loop when it fails and the call may be retried
 * (so a call that succeeds at once runs through no retry machinery at all).
 */
async function attempt(call: Call): Promise<Response> {
  const { callerSignal } = call;
  if (callerSignal?.aborted) throw new ApiAbortError(undefined, { request: errorRequestOf(call), cause: callerSignal.reason });
  const state = new Attempt(callerSignal);
  const timer = setTimeout(onAttemptTimeout, call.timeoutMs, state, call);
  callerSignal?.addEventListener('abort', state, { once: true });
  try {
    call.init.signal = state.controller.signal;
    let response = await send(call, call.target);
    if (isRedirect(response)) response = await followRedirects(response, errorRequestOf(call), (next) => send(call, next));
    if (!response.ok) throw errorFromResponse(response, await readResponseBody(response), errorRequestOf(call));
    if (call.buffer) call.buffer.text = await response.text();
    return response;
  } catch (thrown) {
    // Left registered on success: aborting still stops the body download.
    callerSignal?.removeEventListener('abort', state);
    const error = classify(call, state, thrown);
    if (call.retrying !== false) throw error;
    call.retrying = true;
    return continueRetries(error, () => attempt(call), call.policy, { idempotent: true, signal: callerSignal });
  } finally {
    clearTimeout(timer);
  }
}

/** What a failed attempt throws: typed errors as they are, else abort, timeout, the caller's malformed input, or a connection error. */
function classify(call: Call, state: Attempt, thrown: unknown): unknown {
  if (thrown instanceof ApiError) return thrown;
  const request = errorRequestOf(call);
  if (call.callerSignal?.aborted) return new ApiAbortError(undefined, { request, cause: call.callerSignal.reason });
  if (state.timedOut) return timeoutError(call);
  // No Request is built up front, so a malformed input (URL, method, header) is told from a network
  // failure here, on the failure path: it is the caller's TypeError, thrown as it is and never retried
  // (it fails the first attempt, before any retry loop).
  new Request(call.target, call.init);
  const inner = thrown instanceof Error && thrown.cause instanceof Error ? ` (${thrown.cause.name}: ${thrown.cause.message})` : '';
  return new ApiConnectionError(`Connection error: ${thrown instanceof Error ? thrown.message : String(thrown)}${inner}`, { request, cause: thrown });
}

const HTML = /^text\/html\b/i;

/** Header lookup on any `RequestInit['headers']` shape without copying it into a Headers. */
function headerValue(headers: RequestInit['headers'] | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const entries: Iterable<readonly [string, string]> = Array.isArray(headers) ? headers : Object.entries(headers as Record<string, string>);
  for (const [key, value] of entries) if (key.toLowerCase() === name) return value;
  return undefined;
}

/**
 * A 2xx HTML page (captive portal, proxy page) where the request did not ask for HTML is an
 * InvalidResponseError. (Generated operations get the same from createSdkClient, which refuses any 2xx
 * body that is not the JSON the operation documents.)
 */
async function refuseHtml(response: Response, input: string | URL | Request, init: RequestInitWithOptions | undefined): Promise<void> {
  const contentType = response.headers.get('content-type');
  const request = input instanceof Request ? input : undefined;
  const headers = init?.headers ?? request?.headers;
  if (!contentType || !HTML.test(contentType) || /text\/html/i.test(headerValue(headers, 'accept') ?? '')) return;
  const errorRequest: ApiErrorRequest = { method: init?.method ?? request?.method ?? 'GET', url: request ? request.url : String(input), headers };
  const text = init?.bufferBody?.text ?? String((await readResponseBody(response)) ?? '');
  // Scrubbed before it is cut: a token cut at the edge would otherwise survive in part.
  const snippet = scrubText(text, collectSecrets(errorRequest)).replace(/\s+/g, ' ').trim().slice(0, 200);
  throw new InvalidResponseError(`Expected JSON but received an HTML page (HTTP ${response.status}, ${contentType}): ${snippet}`, {
    status: response.status,
    headers: response.headers,
    body: text,
    maxBodyChars: 2048,
    request: errorRequest,
  });
}
