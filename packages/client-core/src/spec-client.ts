/**
 * The options and handle types every generated apiforge client shares, and the construction-time checks
 * api-client.ts runs on them: the credential-prefix check and base URLs.
 */
import type { FetchFunction } from './request.js';
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
 * stay inside the ApiConnection behind it.
 */
export interface OperationClient {
  /** Where requests go (no credential in it). */
  readonly baseUrl: string;
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
  /** Appended to "none was given": where else the credential may come from. */
  missingHint = '',
): string {
  const fail = (problem: string) => new ErrorClass(`${needed}; ${problem}.`);
  if (typeof credential !== 'string' || credential.trim() === '') throw fail(`none was given${missingHint}`);
  // A header value cannot carry these; fetch would throw a raw TypeError quoting the value.
  if (/[\u0000-\u001f\u007f]/.test(credential) || credential !== credential.trim()) {
    throw fail('the value given contains a control character or surrounding whitespace (check how it was read, e.g. a trailing newline)');
  }
  const prefix = prefixes.find((candidate) => credential.startsWith(candidate));
  if (prefixes.length && !(prefix && credential.length > prefix.length)) throw fail(`the value given ${prefix ? 'is only the prefix' : 'has none of these prefixes'}`);
  return credential;
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
