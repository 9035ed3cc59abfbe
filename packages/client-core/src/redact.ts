/**
 * Redaction of credentials. Everything that ends up inside an error, a log hook
 * or a serialised object passes through here, so a token can never leak
 * through `JSON.stringify(error)`, `String(error)` or `util.inspect(error)`.
 */

export const REDACTED = '[REDACTED]';

const SENSITIVE_HEADER =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|apikey|x-auth-token|x-access-token|x-[a-z0-9-]*-api-key|x-[a-z0-9-]*-token)$/i;

const SENSITIVE_QUERY_PARAM =
  /^(api[_-]?key|apikey|access[_-]?token|auth[_-]?token|token|key|secret|client[_-]?secret|password|sig|signature)$/i;

/** Secrets shorter than this are not scrubbed from free text (too many false hits). */
const MIN_SECRET_LENGTH = 6;

export function isSensitiveHeader(name: string): boolean {
  return SENSITIVE_HEADER.test(name);
}

export function isSensitiveQueryParam(name: string): boolean {
  return SENSITIVE_QUERY_PARAM.test(name);
}

/** Returns the URL with credential query parameters and userinfo replaced by [REDACTED]. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // A relative URL: no userinfo, and its query is redacted by pattern.
    return url.replace(/([?&])([^=&#]+)=[^&#]*/g, (match, sep: string, name: string) =>
      isSensitiveQueryParam(decoded(name)) ? `${sep}${name}=${REDACTED}` : match,
    );
  }
  if (parsed.username) parsed.username = REDACTED;
  if (parsed.password) parsed.password = REDACTED;
  for (const name of new Set(parsed.searchParams.keys())) if (isSensitiveQueryParam(name)) parsed.searchParams.set(name, REDACTED);
  return parsed.href;
}

function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Read-only view of headers: the subset of `Headers` that errors expose. */
export interface ReadonlyHeaders extends Iterable<[string, string]> {
  get(name: string): string | null;
  has(name: string): boolean;
  keys(): IterableIterator<string>;
  entries(): IterableIterator<[string, string]>;
  forEach(callback: (value: string, name: string) => void): void;
  toJSON(): Record<string, string>;
}

/** A copy of headers (the platform's Headers, so lookups ignore case) that serialises and inspects as a plain object. */
class RedactedHeaders extends Headers implements ReadonlyHeaders {
  toJSON(): Record<string, string> {
    return Object.fromEntries(this);
  }

  /** Node's util.inspect hook, looked up by registered symbol so no Node import is needed. */
  [Symbol.for('nodejs.util.inspect.custom')](): Record<string, string> {
    return this.toJSON();
  }
}

export type HeadersInput =
  | Headers
  | ReadonlyHeaders
  | Iterable<readonly [string, string]>
  | Record<string, string | readonly string[] | undefined>;

/** Any HeadersInput as name/value pairs (a multi-valued record entry joined as one value). */
function headerEntries(headers: HeadersInput | undefined | null): Iterable<readonly [string, string]> {
  if (!headers) return [];
  if (typeof (headers as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function') return headers as Iterable<readonly [string, string]>;
  const entries: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(headers)) if (value != null) entries.push([name, typeof value === 'string' ? value : value.join(', ')]);
  return entries;
}

/**
 * Copies headers, replacing the values of credential headers with [REDACTED] and scrubbing the known
 * secrets from every other value (a server may echo a token in WWW-Authenticate, Location or any header).
 */
export function redactHeaders(headers: HeadersInput | undefined | null, secrets: readonly string[] = []): ReadonlyHeaders {
  const redacted = new RedactedHeaders();
  for (const [name, value] of headerEntries(headers)) {
    try {
      redacted.set(name, isSensitiveHeader(name) ? REDACTED : scrubText(value, secrets));
    } catch {
      // A name or value that is not valid HTTP never came from a response; it is left out.
    }
  }
  return redacted;
}

/**
 * Collects the credential values carried by a request (auth headers, api-key
 * headers, api-key query params) so they can be scrubbed from free text such as
 * an API error message that echoes the key back.
 */
export function collectSecrets(request: { url?: string; headers?: HeadersInput | undefined }): string[] {
  const secrets = new Set<string>();
  const add = (value: string) => {
    const trimmed = value.trim();
    // The whole value, and the token after an auth scheme (`Bearer <token>`).
    for (const secret of [trimmed, /^(?:bearer|basic|token|apikey)\s+(.+)$/i.exec(trimmed)?.[1]]) {
      if (secret && secret.length >= MIN_SECRET_LENGTH) secrets.add(secret);
    }
  };
  for (const [name, value] of headerEntries(request.headers)) if (isSensitiveHeader(name)) add(value);
  try {
    const parsed = new URL(request.url!);
    add(decoded(parsed.password));
    for (const [name, value] of parsed.searchParams) if (isSensitiveQueryParam(name)) add(value);
  } catch {
    // No URL, or a relative one: it cannot carry userinfo; redactUrl still redacts its query by pattern.
  }
  // Longest first so a token is not half-replaced by a shorter overlapping secret.
  return [...secrets].sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of every secret (and of its URL encoding) in the text. */
export function scrubText(text: string, secrets: readonly string[]): string {
  for (const secret of secrets) text = text.split(secret).join(REDACTED).split(encodeURIComponent(secret)).join(REDACTED);
  return text;
}

/** Deep-copies a parsed JSON value, scrubbing secrets from every string. */
export function scrubJson(value: unknown, secrets: readonly string[]): unknown {
  if (secrets.length === 0 || value === null) return value;
  if (typeof value === 'string') return scrubText(value, secrets);
  if (Array.isArray(value)) return value.map((item) => scrubJson(item, secrets));
  if (typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const key in value) copy[key] = scrubJson((value as Record<string, unknown>)[key], secrets);
  return copy;
}
