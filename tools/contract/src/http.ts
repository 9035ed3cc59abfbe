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
}

export interface Exchange {
  method: string;
  url: string;
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: Json | undefined;
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
  if (request.body !== undefined) {
    headers['Content-Type'] ??= request.mediaType ?? 'application/json';
    const encoding = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-encoding')?.[1];
    body = encodeBody(serializeBody(request.body, headers['Content-Type']), encoding);
  }
  const qs = query.toString();
  const url = `${baseUrl.replace(/\/$/, '')}${path}${qs ? `?${qs}` : ''}`;
  const response = await fetch(url, {
    method: op.method,
    headers,
    ...(body ? { body: new Uint8Array(body) } : {}),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
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
  return { method: op.method, url, status: response.status, headers: responseHeaders, text, json };
}
