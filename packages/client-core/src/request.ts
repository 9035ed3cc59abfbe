import {
  ApiAbortError,
  ApiConnectionError,
  ApiError,
  ApiTimeoutError,
  InvalidResponseError,
  errorFromResponse,
  readResponseBody,
  type ApiErrorRequest,
} from './errors.js';
import { isIdempotentMethod, resolveRetryOptions, runWithRetries, type RetryOptions } from './retry.js';

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

/** A `fetch` with retries, timeouts and typed errors; plug it into a generated client's `fetch` option. */
export interface FetchWithRetries extends FetchFunction {
  /** A fetch using these options on top of this one's (per-call overrides). */
  withOptions(overrides: RequestOptions): FetchWithRetries;
  readonly options: Readonly<RequestOptions>;
}

/** `init` may carry per-call overrides under `requestOptions` when calling the returned fetch directly. */
export type RequestInitWithOptions = RequestInit & { requestOptions?: RequestOptions };

/**
 * Merges client defaults with per-call overrides. Undefined values never
 * clobber a default; two signals are combined so either one aborts.
 */
export function mergeRequestOptions(...layers: Array<RequestOptions | undefined>): RequestOptions {
  const merged: Record<string, unknown> = {};
  const signals: AbortSignal[] = [];
  for (const layer of layers) {
    if (!layer) continue;
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) continue;
      if (key === 'signal') signals.push(value as AbortSignal);
      else merged[key] = value;
    }
  }
  const signal = combineSignals(signals);
  if (signal) merged.signal = signal;
  return merged as RequestOptions;
}

export function createFetchWithRetries(defaults: RequestOptions = {}): FetchWithRetries {
  const fetchWithRetries = (input: string | URL | Request, init?: RequestInitWithOptions): Promise<Response> =>
    sendWithRetries(input, init, mergeRequestOptions(defaults, init?.requestOptions));
  return Object.assign(fetchWithRetries, {
    withOptions: (overrides: RequestOptions) => createFetchWithRetries(mergeRequestOptions(defaults, overrides)),
    options: Object.freeze({ ...defaults }),
  });
}

async function sendWithRetries(
  input: string | URL | Request,
  init: RequestInitWithOptions | undefined,
  options: RequestOptions,
): Promise<Response> {
  const requestInit = init ? withoutRequestOptions(init) : undefined;
  const template = input instanceof Request && !requestInit ? input : new Request(input, requestInit);
  const errorRequest: ApiErrorRequest = { method: template.method, url: template.url, headers: template.headers };
  const callerSignal = combineSignals([template.signal, options.signal]);
  const policy = resolveRetryOptions(options);
  const idempotent =
    options.idempotent ?? (isIdempotentMethod(template.method) || template.headers.has('idempotency-key'));
  const mayRetry = idempotent && policy.maxRetries > 0;
  // Buffer the body once so every attempt re-sends the same bytes; a stream can be read only once.
  const body = mayRetry && template.body !== null ? await template.clone().arrayBuffer() : undefined;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const fetchImpl = options.fetch;

  const attempt = async (): Promise<Response> => {
    if (callerSignal?.aborted) throw new ApiAbortError(undefined, { request: errorRequest, cause: callerSignal.reason });
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new ApiTimeoutError(`Request timed out after ${timeoutMs} ms.`));
    }, timeoutMs);
    const onCallerAbort = () => controller.abort(callerSignal?.reason);
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      const signal = controller.signal;
      const request = new Request(template, body === undefined ? { signal } : { signal, body });
      const response = fetchImpl ? await fetchImpl(request) : await globalThis.fetch(request);
      if (response.ok) {
        if (options.expectJson !== false) await rejectUnexpectedHtml(response, template, errorRequest);
        return response;
      }
      throw errorFromResponse(response, await readResponseBody(response), errorRequest);
    } catch (thrown) {
      callerSignal?.removeEventListener('abort', onCallerAbort);
      if (thrown instanceof ApiError) throw thrown;
      if (callerSignal?.aborted) throw new ApiAbortError(undefined, { request: errorRequest, cause: callerSignal.reason });
      if (timedOut) throw new ApiTimeoutError(`Request timed out after ${timeoutMs} ms.`, { request: errorRequest });
      throw new ApiConnectionError(`Connection error: ${describeCause(thrown)}`, { request: errorRequest, cause: thrown });
    } finally {
      clearTimeout(timer);
    }
  };

  return runWithRetries(attempt, policy, { idempotent: mayRetry, signal: callerSignal });
}

async function rejectUnexpectedHtml(response: Response, request: Request, errorRequest: ApiErrorRequest) {
  const contentType = response.headers.get('content-type') ?? '';
  if (!/^text\/html\b/i.test(contentType)) return;
  if (/text\/html/i.test(request.headers.get('accept') ?? '')) return;
  const text = await response.text().catch(() => '');
  const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 200);
  throw new InvalidResponseError(
    `Expected JSON but received an HTML page (HTTP ${response.status}, ${contentType}): ${snippet}`,
    { status: response.status, headers: response.headers, body: text, request: errorRequest },
  );
}

function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const inner = error.cause instanceof Error ? ` (${error.cause.name}: ${error.cause.message})` : '';
  return `${error.message}${inner}`;
}

function withoutRequestOptions(init: RequestInitWithOptions): RequestInit | undefined {
  if (!('requestOptions' in init)) return init;
  const { requestOptions: _ignored, ...rest } = init;
  return rest;
}

/**
 * An AbortSignal that aborts when any input does; undefined when there is none.
 * Inputs may be long-lived (a client-wide shutdown signal combined per request),
 * so the combined signal is only weakly referenced from their listeners, and the
 * listeners are removed once it is garbage-collected: no per-request leak.
 */
export function combineSignals(signals: ReadonlyArray<AbortSignal | null | undefined>): AbortSignal | undefined {
  const present = signals.filter((signal): signal is AbortSignal => !!signal);
  if (present.length <= 1) return present[0];
  const aborted = present.find((signal) => signal.aborted);
  if (aborted) return AbortSignal.abort(aborted.reason);
  const controller = new AbortController();
  const combined = controller.signal;
  // The combined signal keeps its controller alive; listeners only hold it weakly.
  Object.defineProperty(combined, CONTROLLER, { value: controller });
  const target = weakRefTo(controller);
  for (const source of present) linkAbort(source, combined, target);
  return combined;
}

/** Separate function so the listener closures capture nothing but their arguments. */
function linkAbort(source: AbortSignal, combined: AbortSignal, target: { deref(): AbortController | undefined }): void {
  const listener = () => target.deref()?.abort(source.reason);
  source.addEventListener('abort', listener, { once: true });
  combined.addEventListener('abort', () => source.removeEventListener('abort', listener), { once: true });
  signalCleanup()?.register(combined, { source, listener });
}

function weakRefTo(controller: AbortController): { deref(): AbortController | undefined } {
  return typeof WeakRef === 'function' ? new WeakRef(controller) : { deref: () => controller };
}

const CONTROLLER = Symbol('apiforge.abortController');

interface ListenerRegistration {
  source: AbortSignal;
  listener: () => void;
}

let cleanupRegistry: FinalizationRegistry<ListenerRegistration> | undefined;

function signalCleanup(): FinalizationRegistry<ListenerRegistration> | undefined {
  if (typeof FinalizationRegistry !== 'function') return undefined;
  cleanupRegistry ??= new FinalizationRegistry(({ source, listener }) => source.removeEventListener('abort', listener));
  return cleanupRegistry;
}
