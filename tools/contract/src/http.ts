import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import type { Json, Operation, SecurityScheme } from './spec.js';

export interface Credential {
  scheme: SecurityScheme;
  value: string;
}

export interface RequestSpec {
  pathParams?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** Sent the way the scheme says (bearer header, apiKey header or query). */
  auth?: Credential | null;
  body?: Json;
  mediaType?: string;
  /**
   * The case provokes a 429 on purpose (e.g. a used-up quota): it is neither retried after Retry-After
   * nor counted as a throttle of the suite's own making.
   */
  expectThrottle?: boolean;
}

export interface Exchange {
  method: string;
  url: string;
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: Json | undefined;
  /** What was sent, for a reproduction (the credential is in `headers`/`url`: redact before printing). */
  sent?: SentRequest;
}

export interface SentRequest {
  headers: Record<string, string>;
  /** The body before any Content-Encoding was applied. */
  bodyText?: string;
  /** The Content-Encoding the body was sent with (gzip, deflate, br). */
  encoding?: string;
}

/** A request that got no HTTP answer (refused, reset, TLS, DNS, timeout), with the underlying cause. */
export class NetworkError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly code: string,
    readonly detail: string,
    readonly sent: SentRequest,
  ) {
    super(`${method} ${url}: no answer (${code}${detail ? `: ${detail}` : ''})`);
  }
}

/** The innermost cause code of a fetch failure: ECONNREFUSED, ENOTFOUND, CERT_HAS_EXPIRED, ... */
export function causeOf(error: unknown): { code: string; detail: string } {
  let node: unknown = error;
  for (let depth = 0; depth < 5 && node; depth++) {
    const cause = (node as { cause?: unknown }).cause;
    const code = (node as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET' && !cause) return { code, detail: (node as Error).message ?? '' };
    if (!cause) break;
    node = cause;
  }
  const e = node as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof e?.code === 'string') return { code: e.code, detail: String(e.message ?? '') };
  if (e?.name === 'TimeoutError') return { code: 'ETIMEDOUT', detail: String(e.message ?? '') };
  return { code: String(e?.name ?? 'Error'), detail: String(e?.message ?? error) };
}

const REQUEST_TIMEOUT_MS = 15_000;

export function applyCredential(credential: Credential, headers: Record<string, string>, query: URLSearchParams): void {
  const { scheme, value } = credential;
  if (scheme.type === 'http' && scheme.httpScheme === 'bearer') headers['Authorization'] = `Bearer ${value}`;
  else if (scheme.type === 'http' && scheme.httpScheme === 'basic') headers['Authorization'] = `Basic ${value}`;
  else if (scheme.type === 'apiKey' && scheme.in === 'header') headers[scheme.paramName!] = value;
  else if (scheme.type === 'apiKey' && scheme.in === 'query') query.set(scheme.paramName!, value);
  else if (scheme.type === 'apiKey' && scheme.in === 'cookie') headers['Cookie'] = `${scheme.paramName}=${encodeURIComponent(value)}`;
  else throw new Error(`Unsupported security scheme ${scheme.name} (${scheme.type})`);
}

// The body is encoded the way its Content-Encoding says, as HTTP requires; unknown codings go raw.
function encodeBody(text: string, encoding: string | undefined): Buffer {
  const raw = Buffer.from(text);
  switch (encoding?.toLowerCase()) {
    case 'gzip':
      return gzipSync(raw);
    case 'deflate':
      return deflateSync(raw);
    case 'br':
      return brotliCompressSync(raw);
    default:
      return raw;
  }
}

/** NDJSON media types get one JSON value per line (the body is their array); everything else is JSON. */
export function serializeBody(body: Json, mediaType: string): string {
  if (/ndjson/i.test(mediaType) && Array.isArray(body)) return body.map((line) => `${JSON.stringify(line)}\n`).join('');
  return JSON.stringify(body);
}

export async function sendRequest(baseUrl: string, op: Operation, request: RequestSpec): Promise<Exchange> {
  let path = op.path;
  for (const [name, value] of Object.entries(request.pathParams ?? {})) {
    path = path.replace(`{${name}}`, encodeURIComponent(value));
  }
  const query = new URLSearchParams(request.query ?? {});
  const headers: Record<string, string> = { Accept: 'application/json', ...(request.headers ?? {}) };
  if (request.auth) applyCredential(request.auth, headers, query);
  let body: Buffer | undefined;
  const sent: SentRequest = { headers };
  if (request.body !== undefined) {
    headers['Content-Type'] ??= request.mediaType ?? 'application/json';
    const encoding = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-encoding')?.[1];
    sent.bodyText = serializeBody(request.body, headers['Content-Type']);
    if (encoding) sent.encoding = encoding;
    body = encodeBody(sent.bodyText, encoding);
  }
  const qs = query.toString();
  const url = `${baseUrl.replace(/\/$/, '')}${path}${qs ? `?${qs}` : ''}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: op.method,
      headers,
      ...(body ? { body: new Uint8Array(body) } : {}),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    const { code, detail } = causeOf(error);
    throw new NetworkError(op.method, url, code, detail, sent);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    const { code, detail } = causeOf(error);
    throw new NetworkError(op.method, url, code, `the answer (status ${response.status}) broke off: ${detail}`, sent);
  }
  const responseHeaders: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    responseHeaders[key.toLowerCase()] = value;
  });
  let json: Json | undefined;
  if (/json/i.test(responseHeaders['content-type'] ?? '') || /^\s*[[{]/.test(text)) {
    try {
      json = JSON.parse(text) as Json;
    } catch {
      json = undefined;
    }
  }
  return { method: op.method, url, status: response.status, headers: responseHeaders, text, json, sent };
}
