/**
 * The hand-written layer every generated apiforge client needs, written once: one retrying fetch per
 * operation (configured from the spec facts in its spec-meta.gen.ts), a caller that runs hey-api's
 * generated functions with positional method arguments, the credential-prefix check and base URLs.
 */
import { apiPromise, type ApiPromise } from './api-promise.js';
import { toGeneratedArguments, type GeneratedArguments, type OperationBinding } from './operation-binding.js';
import { createFetchWithRetries, type FetchFunction, type FetchWithRetries, type RequestOptions } from './request.js';
import type { RetryInfo } from './retry.js';

/** Per-call overrides; every client method takes them as its last argument. */
export interface CallOptions {
  /** Retries after the first attempt for this call. */
  maxRetries?: number | undefined;
  /** Per attempt, for this call. */
  timeoutMs?: number | undefined;
  /** Aborting rejects with ApiAbortError and stops any pending retry. */
  signal?: AbortSignal | undefined;
  /** Extra request headers for this call (e.g. `Prefer: code=429` against a Prism mock); null removes one. */
  headers?: Readonly<Record<string, string | null>> | undefined;
  /** For operations whose body may be gzip-compressed: overrides the client's `gzip` for this call. */
  gzip?: boolean | undefined;
}

export interface RetryTuning {
  /** First backoff ceiling; doubles per retry (full jitter). Default 500 ms. */
  initialRetryDelayMs?: number | undefined;
  /** Backoff ceiling. Default 8 s. */
  maxBackoffMs?: number | undefined;
  /** Longest Retry-After the client honours before giving up waiting. Default 60 s. */
  maxRetryDelayMs?: number | undefined;
  /** Called before each retry; `info.error` is already redacted. */
  onRetry?: ((info: RetryInfo) => void) | undefined;
}

/** Transport knobs of a client's constructor. */
export interface ClientTransportOptions {
  /** Retries after the first attempt, for 429, 5xx and connection errors of retry-safe operations. Default 2. */
  maxRetries?: number | undefined;
  /** Per attempt. Default 60 s. */
  timeoutMs?: number | undefined;
  /** Custom fetch (a test double, a proxying fetch). Default: the global fetch at call time. */
  fetch?: FetchFunction | undefined;
  /** Fine-tuning of the backoff; the defaults suit most callers. */
  retry?: RetryTuning | undefined;
}

/** One retrying fetch per operation: `optionsOf` gives what the spec says about it (idempotency, x-retry hooks). */
export class OperationTransports<Id extends string> {
  readonly #byOperation = new Map<Id, FetchWithRetries>();
  readonly #base: FetchWithRetries;
  readonly #optionsOf: (operationId: Id) => RequestOptions;

  constructor(options: ClientTransportOptions, optionsOf: (operationId: Id) => RequestOptions) {
    this.#optionsOf = optionsOf;
    this.#base = createFetchWithRetries({
      maxRetries: options.maxRetries,
      timeoutMs: options.timeoutMs,
      fetch: options.fetch,
      initialRetryDelayMs: options.retry?.initialRetryDelayMs,
      maxBackoffMs: options.retry?.maxBackoffMs,
      maxRetryDelayMs: options.retry?.maxRetryDelayMs,
      onRetry: options.retry?.onRetry,
    });
  }

  /** The fetch a call of `operationId` goes through, with per-call overrides applied. */
  for(operationId: Id, overrides?: CallOptions): FetchWithRetries {
    let transport = this.#byOperation.get(operationId);
    if (!transport) {
      transport = this.#base.withOptions(this.#optionsOf(operationId));
      this.#byOperation.set(operationId, transport);
    }
    if (!overrides) return transport;
    const { maxRetries, timeoutMs, signal } = overrides;
    if (maxRetries === undefined && timeoutMs === undefined && signal === undefined) return transport;
    return transport.withOptions({ maxRetries, timeoutMs, signal });
  }
}

/** Any generated operation function, seen from the caller: options in, `{ data }` out. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type GeneratedOperation = (options: any) => Promise<unknown>;

/** Extra options for the generated call (body serializer, headers). */
export interface GeneratedCallExtras {
  bodySerializer?: (body: unknown) => unknown;
  headers?: Record<string, string>;
}

/**
 * What a package's `/operations` entry hands out (`create<Api>DataClient(options)`) and passes to its
 * standalone operation functions: only where requests go is visible; the credential and transports
 * stay inside the OperationCaller behind it.
 */
export interface OperationClient {
  /** Where requests go (no credential in it). */
  readonly baseUrl: string;
}

/**
 * Runs generated operations through one client (built by the package with its credential, which stays
 * in that client's auth callback). `send` takes the generated call's `{ path, query, body }`; `call` maps
 * positional method arguments onto them through a binding table. `fixedPath` fills path parameters the
 * client was constructed with (e.g. a workspace id); `defaultHeaders` go on every call.
 */
export class OperationCaller<Id extends string> implements OperationClient {
  readonly baseUrl: string;
  readonly #client: unknown;
  readonly #transports: OperationTransports<Id>;
  readonly #bindings: Readonly<Record<Id, OperationBinding>> | undefined;
  readonly #fixedPath: Readonly<Record<string, string>> | undefined;
  readonly #defaultHeaders: Readonly<Record<string, string>> | undefined;

  constructor(options: {
    client: unknown;
    transports: OperationTransports<Id>;
    bindings?: Readonly<Record<Id, OperationBinding>> | undefined;
    fixedPath?: Readonly<Record<string, string>> | undefined;
    defaultHeaders?: Readonly<Record<string, string>> | undefined;
    /** Reported as `baseUrl`; the client already sends there. */
    baseUrl?: string | undefined;
  }) {
    this.baseUrl = options.baseUrl ?? '';
    this.#client = options.client;
    this.#transports = options.transports;
    this.#bindings = options.bindings;
    this.#fixedPath = options.fixedPath;
    this.#defaultHeaders = options.defaultHeaders;
  }

  /** Positional method arguments, mapped through the binding table given at construction. */
  call<Result>(
    operationId: Id,
    operation: GeneratedOperation,
    args: readonly unknown[],
    options: CallOptions | undefined,
    extras?: GeneratedCallExtras,
  ): ApiPromise<Result> {
    let bound: GeneratedArguments;
    try {
      const binding = this.#bindings?.[operationId];
      if (!binding) throw new TypeError(`${operationId}: no binding; use send() with the generated call's arguments.`);
      bound = toGeneratedArguments(operationId, binding, args);
    } catch (error) {
      // Bad arguments reject like any failed call.
      return apiPromise<Result>(Promise.reject(error));
    }
    return this.send<Result>(operationId, operation, bound, options, extras);
  }

  /** Runs `operation` with `{ path, query, body }` as the generated function takes them. */
  send<Result>(
    operationId: Id,
    operation: GeneratedOperation,
    bound: GeneratedArguments,
    options: CallOptions | undefined,
    extras?: GeneratedCallExtras,
  ): ApiPromise<Result> {
    return apiPromise<Result>(this.sendRaw(operationId, operation, bound, options, extras));
  }

  /** As `send`, resolving to the SDK client's `{ data, response }`. */
  sendRaw(
    operationId: Id,
    operation: GeneratedOperation,
    bound: GeneratedArguments,
    options: CallOptions | undefined,
    extras?: GeneratedCallExtras,
  ): Promise<{ data: unknown; response: Response }> {
    if (this.#fixedPath) bound.path = { ...this.#fixedPath, ...bound.path };
    // Default headers, then the operation's own (content type, encoding), then the caller's.
    const headers =
      this.#defaultHeaders || options?.headers
        ? { ...this.#defaultHeaders, ...extras?.headers, ...options?.headers }
        : extras?.headers;
    return operation({
      client: this.#client,
      throwOnError: true,
      fetch: this.#transports.for(operationId, options),
      ...bound,
      ...extras,
      ...(headers ? { headers } : {}),
    }) as Promise<{ data: unknown; response: Response }>;
  }
}

/**
 * The caller behind an OperationClient, for a standalone operation function. Anything else (a plain
 * object, another package's client class) is refused before a request is built.
 */
export function operationCallerOf<Id extends string>(client: OperationClient): OperationCaller<Id> {
  if (client instanceof OperationCaller) return client as OperationCaller<Id>;
  throw new TypeError('Pass the client made by the package\'s create…DataClient(options) as the first argument.');
}

/**
 * Fails fast when a credential is missing or lacks every accepted prefix (the spec's x-token-prefixes),
 * naming what is needed and never echoing the value. `needed` reads like "LuluDeskClient needs a
 * workspace API key starting with lld_ in `apiKey`".
 */
export function assertCredentialPrefix(
  credential: unknown,
  prefixes: readonly string[],
  needed: string,
  ErrorClass: new (message: string) => Error = TypeError,
): string {
  if (typeof credential !== 'string' || credential.trim() === '') throw new ErrorClass(`${needed}; none was given.`);
  // A header value cannot carry these; fetch would throw a raw TypeError quoting the value.
  if (/[\u0000-\u001f\u007f]/.test(credential) || credential !== credential.trim()) {
    throw new ErrorClass(`${needed}; the value given contains a control character or surrounding whitespace (check how it was read, e.g. a trailing newline).`);
  }
  if (prefixes.length === 0) return credential;
  const prefix = prefixes.find((candidate) => credential.startsWith(candidate));
  if (prefix && credential.length > prefix.length) return credential;
  if (prefix) throw new ErrorClass(`${needed}; the value given is only the prefix.`);
  throw new ErrorClass(`${needed}; the value given has none of these prefixes.`);
}

/** An absolute base URL without a trailing slash; `fallback` (the spec's server) when none is given. */
export function normalizeBaseUrl(url: string | undefined, fallback: string): string {
  const chosen = url ?? fallback;
  let parsed: URL;
  try {
    parsed = new URL(chosen);
  } catch {
    throw new TypeError(`Base URL must be an absolute URL such as ${fallback}.`);
  }
  // Never echoed: a URL with credentials in it would put them in every error and log line.
  if (parsed.username || parsed.password) throw new TypeError('Base URL must not contain a user name or password; pass credentials through the client options.');
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new TypeError(`Base URL must use http or https, such as ${fallback}.`);
  return chosen.replace(/\/+$/, '');
}

/** "a, b or c". */
export function listOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
