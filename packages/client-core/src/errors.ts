import {
  collectSecrets,
  redactHeaders,
  redactUrl,
  scrubJson,
  scrubText,
  type HeadersInput,
  type ReadonlyHeaders,
} from './redact.js';

/** What an error remembers about the request: never headers, and the URL is redacted. */
export interface ApiRequestSummary {
  readonly method: string;
  readonly url: string;
}

/** The request an error came from, used only to redact; headers are never stored. */
export interface ApiErrorRequest {
  method?: string | undefined;
  url?: string | undefined;
  headers?: HeadersInput | undefined;
}

export interface ApiErrorOptions {
  status?: number | undefined;
  code?: string | undefined;
  headers?: HeadersInput | undefined;
  body?: unknown;
  request?: ApiErrorRequest | undefined;
  cause?: unknown;
  /** Keep at most this many characters of a text body, cut after secrets are scrubbed (never before). */
  maxBodyChars?: number | undefined;
}

/**
 * Base of every error thrown by apiforge clients. HTTP errors carry `status`;
 * non-HTTP ones (connection, timeout, abort) leave it undefined.
 */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number | undefined;
  /** Machine-readable code from the API's error body, when it sends one. */
  readonly code: string | undefined;
  /** Response headers with credential headers redacted. */
  readonly headers: ReadonlyHeaders;
  readonly requestId: string | undefined;
  /** Parsed JSON body, or the text body when it was not JSON; secrets scrubbed. */
  readonly body: unknown;
  /** Seconds to wait before retrying, from Retry-After (delta-seconds or HTTP date). */
  readonly retryAfter: number | undefined;
  readonly request: ApiRequestSummary | undefined;

  constructor(message: string, options: ApiErrorOptions = {}) {
    const secrets = options.request ? collectSecrets(options.request) : [];
    const cause = options.cause === undefined ? undefined : scrubCause(options.cause, secrets);
    super(scrubText(message, secrets), cause === undefined ? undefined : { cause });
    this.status = options.status;
    this.code = options.code;
    this.headers = redactHeaders(options.headers, secrets);
    this.requestId = requestIdOf(this.headers);
    const body = scrubJson(options.body, secrets);
    const max = options.maxBodyChars ?? Infinity;
    this.body = typeof body === 'string' && body.length > max ? `${body.slice(0, max)}…` : body;
    this.retryAfter = parseRetryAfter(this.headers.get('retry-after'));
    const url = options.request?.url;
    this.request = url ? { method: (options.request!.method ?? 'GET').toUpperCase(), url: redactUrl(url) } : undefined;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      code: this.code,
      requestId: this.requestId,
      retryAfter: this.retryAfter,
      request: this.request,
      headers: this.headers.toJSON(),
      body: this.body,
    };
  }
}

export class BadRequestError extends ApiError {
  override name = 'BadRequestError';
}
export class AuthenticationError extends ApiError {
  override name = 'AuthenticationError';
}
export class PermissionDeniedError extends ApiError {
  override name = 'PermissionDeniedError';
}
export class NotFoundError extends ApiError {
  override name = 'NotFoundError';
}
export class PayloadTooLargeError extends ApiError {
  override name = 'PayloadTooLargeError';
}
export class UnprocessableEntityError extends ApiError {
  override name = 'UnprocessableEntityError';

  /** What the body lists as rejected (e.g. LuluDesk's `details: [{ field, value, constraint }]`); empty when nothing. */
  get details(): readonly unknown[] {
    const details = isRecord(this.body) ? this.body.details : undefined;
    return Array.isArray(details) ? details : [];
  }
}
export class RateLimitError extends ApiError {
  override name = 'RateLimitError';
}
/** Any 5xx. */
export class InternalServerError extends ApiError {
  override name = 'InternalServerError';
}

/** The response arrived but cannot be used: e.g. an HTML page on a 2xx where JSON was expected. */
export class InvalidResponseError extends ApiError {
  override name = 'InvalidResponseError';
}

/** No usable response: DNS failure, refused or reset connection, TLS error. */
export class ApiConnectionError extends ApiError {
  override name = 'ApiConnectionError';
  constructor(message = 'Connection error.', options: ApiErrorOptions = {}) {
    super(message, options);
  }
}

/** One attempt exceeded `timeoutMs`. */
export class ApiTimeoutError extends ApiConnectionError {
  override name = 'ApiTimeoutError';
  constructor(message = 'Request timed out.', options: ApiErrorOptions = {}) {
    super(message, options);
  }
}

/**
 * The API answered with a redirect the client will not follow: one to another origin (credentials must
 * never reach it), or one of a write (which would turn into a GET and report a success that was not).
 * Never retried.
 */
export class RedirectError extends ApiError {
  override name = 'RedirectError';
}

/** The caller's AbortSignal fired; never retried. */
export class ApiAbortError extends ApiError {
  override name = 'ApiAbortError';
  constructor(message = 'Request was aborted.', options: ApiErrorOptions = {}) {
    super(message, options);
  }
}

/** A 3xx other than 304, or the opaque redirect a browser shows for `redirect: 'manual'`. */
export function isRedirect(response: Response): boolean {
  return response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400 && response.status !== 304);
}

/** The RedirectError for a redirect the client will not follow; names only the target's origin. */
export function redirectError(response: Response, request: ApiErrorRequest): RedirectError {
  let where = 'an unreadable location';
  const location = response.headers.get('location');
  try {
    if (location) where = new URL(location, request.url).origin;
  } catch {
    // keep the generic wording
  }
  const status = response.type === 'opaqueredirect' ? 'a redirect' : `HTTP ${response.status}`;
  return new RedirectError(
    `The API answered ${status} to ${where}; API calls do not follow redirects to another origin or of a write. Check the base URL.`,
    { status: response.status || undefined, headers: response.headers, request },
  );
}

type ApiErrorClass = new (message: string, options?: ApiErrorOptions) => ApiError;

const ERROR_BY_STATUS: Readonly<Record<number, ApiErrorClass>> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  413: PayloadTooLargeError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

export function errorClassForStatus(status: number): ApiErrorClass {
  return ERROR_BY_STATUS[status] ?? (status >= 500 && status <= 599 ? InternalServerError : ApiError);
}

/** The parts of a fetch `Response` the error factory reads. */
export interface ResponseLike {
  readonly status: number;
  readonly statusText?: string;
  readonly headers: HeadersInput;
}

/**
 * Builds the typed error for a non-2xx response. `body` is the parsed JSON (or
 * text) of the response; pass `request` so credentials it carried are scrubbed
 * from anything the API echoed back.
 */
export function errorFromResponse(response: ResponseLike, body: unknown, request?: ApiErrorRequest): ApiError {
  const { message, code } = describeErrorBody(body, response.status, response.statusText);
  const ErrorClass = errorClassForStatus(response.status);
  return new ErrorClass(message, { status: response.status, code, headers: response.headers, body, request });
}

/** Reads a response body as JSON when it parses, as text otherwise, undefined when empty. */
export async function readResponseBody(response: Response, maxBytes: number = MAX_ERROR_BODY_BYTES): Promise<unknown> {
  let text: string;
  try {
    text = await readTextCapped(response, maxBytes);
  } catch {
    return undefined;
  }
  if (text === '') return undefined;
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[') || isJsonContentType(response.headers.get('content-type'))) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

export function isJsonContentType(contentType: string | null | undefined): boolean {
  return !!contentType && /^application\/([\w.+-]*\+)?json\b|^application\/x-ndjson\b/i.test(contentType);
}

/**
 * Takes the API's own message: `{"error":"..."}`, `{"error":{"code","message"}}`,
 * `{"error":"<code>","message":"..."}` (a flat code beside the message), `{"message":"..."}` or
 * RFC 7807 `{"title","detail"}`; falls back to the status.
 */
export function describeErrorBody(
  body: unknown,
  status: number,
  statusText?: string,
): { message: string; code: string | undefined } {
  let message = `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
  let code: string | undefined;
  if (typeof body === 'string') {
    const text = body.trim();
    if (/^<(!doctype|html)/i.test(text)) message += ' (non-JSON HTML body)';
    else if (text) message = text.length > 500 ? `${text.slice(0, 500)}…` : text;
  } else if (isRecord(body)) {
    const nested = isRecord(body.error) ? body.error : {};
    const text = stringOrUndefined(body.message);
    // Flat `{ error: code, message }`: the error string is the machine-readable code.
    const flatCode = typeof body.error === 'string' && text ? body.error : undefined;
    message = (flatCode ? text : undefined) ?? stringOrUndefined(body.error) ?? stringOrUndefined(nested.message) ?? text ?? stringOrUndefined(body.detail) ?? stringOrUndefined(body.title) ?? message;
    code = codeOrUndefined(nested.code) ?? codeOrUndefined(body.code) ?? flatCode ?? codeOrUndefined(nested.type);
  }
  return { message, code };
}

/** Retry-After as seconds: delta-seconds or an HTTP date (relative to `now`); undefined if absent or invalid. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  // RFC 9110 §10.2.3: delay-seconds (digits only) or an HTTP-date. Anything else (`-1`, `5, 6`, `1.5`)
  // is invalid and treated as absent, so the client's own jittered backoff applies.
  if (/^\d{1,10}$/.test(trimmed)) return Number(trimmed);
  if (!HTTP_DATE.test(trimmed)) return undefined;
  // asctime carries no zone but is UTC (RFC 9110 §5.6.7); Date.parse would read it as local time.
  const date = Date.parse(trimmed.endsWith('GMT') ? trimmed : `${trimmed} GMT`);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, (date - now) / 1000);
}

/** IMF-fixdate, and the obsolete RFC 850 and asctime forms RFC 9110 still asks recipients to accept. */
const HTTP_DATE =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, \d\d-(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-\d\d \d\d:\d\d:\d\d GMT|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d \d{4})$/;

/** At most this much of an error body is read and kept: enough for any documented error. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** Reads at most maxBytes of a body, then cancels the rest: a huge error body costs nothing. */
async function readTextCapped(response: Response, maxBytes: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const decoder = new TextDecoder();
  let text = '';
  for (let room = maxBytes, read; room > 0 && !(read = await reader.read()).done; ) {
    const chunk = read.value.subarray(0, room);
    room -= chunk.byteLength;
    text += decoder.decode(chunk, { stream: true });
  }
  // Whatever is left unread (nothing, after the last chunk) is dropped, not downloaded.
  reader.cancel().catch(() => undefined);
  return text + decoder.decode();
}

/** The request id a response carries: `x-request-id`, else `request-id`. */
export function requestIdOf(headers: Pick<Headers, 'get'>): string | undefined {
  return headers.get('x-request-id') || headers.get('request-id') || undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function codeOrUndefined(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return stringOrUndefined(value);
}

const MAX_CAUSE_DEPTH = 4;

/** Rebuilds an error chain with secrets removed from messages; keeps names and codes for diagnosis. */
function scrubCause(cause: unknown, secrets: readonly string[], depth = 0): unknown {
  if (!(cause instanceof Error)) return typeof cause === 'string' ? scrubText(cause, secrets) : cause;
  if (secrets.length === 0 || depth >= MAX_CAUSE_DEPTH) return cause;
  const inner = cause.cause === undefined ? undefined : scrubCause(cause.cause, secrets, depth + 1);
  const messageLeaks = secrets.some((secret) => cause.message.includes(secret) || cause.stack?.includes(secret));
  if (!messageLeaks && inner === cause.cause) return cause;
  const copy = new Error(scrubText(cause.message, secrets), inner === undefined ? undefined : { cause: inner });
  copy.name = cause.name;
  if (cause.stack) copy.stack = scrubText(cause.stack, secrets);
  const code = (cause as { code?: unknown }).code;
  if (code !== undefined) Object.assign(copy, { code });
  return copy;
}
