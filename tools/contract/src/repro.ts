// How a failure is shown: the request's method, its URL with every credential redacted, the status, and a
// curl command that reproduces it with each credential as a `$ENV_VAR` reference, never its value.
import type { Exchange, SentRequest } from './http.js';

export interface RequestInfo {
  method: string;
  /** The URL with credentials replaced by `[redacted]`. */
  url: string;
  /** The status answered, or the network cause (e.g. `no answer (ECONNREFUSED)`). */
  status: number | string;
  curl: string;
}

/** Known secret values and the environment variable that holds each one. */
export class Secrets {
  private readonly byValue = new Map<string, string>();

  add(value: string | undefined, env: string): void {
    // Very short values would redact unrelated text; credentials are long.
    if (value && value.length >= 6) this.byValue.set(value, env);
  }

  /** Longest first, so a secret containing another is replaced whole. */
  private entries(): Array<[string, string]> {
    return [...this.byValue].sort((a, b) => b[0].length - a[0].length);
  }

  redact(text: string): string {
    let out = text;
    for (const [value] of this.entries()) {
      out = out.split(value).join('[redacted]');
      const encoded = encodeURIComponent(value);
      if (encoded !== value) out = out.split(encoded).join('[redacted]');
    }
    return out;
  }

  /** Replaces each secret with a marker naming its variable (see shellWordWithRefs). */
  toEnvRefs(text: string): string {
    let out = text;
    for (const [value, env] of this.entries()) {
      out = out.split(value).join(`\u0000${env}\u0001`);
      const encoded = encodeURIComponent(value);
      if (encoded !== value) out = out.split(encoded).join(`\u0000${env}\u0001`);
    }
    return out;
  }
}

/** A double-quoted shell word in which only the secrets' markers expand, as `${ENV}` references. */
function shellWordWithRefs(text: string): string {
  const escaped = text.replace(/[\\"`$]/g, (c) => `\\${c}`).replace(/\u0000([A-Za-z0-9_]+)\u0001/g, '${$1}');
  return `"${escaped}"`;
}

/** A single-quoted shell word (nothing expands). */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A curl command reproducing the request; credentials are `${ENV_VAR}` references. */
export function curlFor(method: string, url: string, sent: SentRequest = { headers: {} }, secrets: Secrets = new Secrets()): string {
  const parts = ['curl', '-sS', '-i', '-X', method, shellWordWithRefs(secrets.toEnvRefs(url))];
  for (const [name, value] of Object.entries(sent.headers)) {
    // curl sets Content-Length itself.
    if (name.toLowerCase() === 'content-length') continue;
    parts.push('-H', shellWordWithRefs(secrets.toEnvRefs(`${name}: ${value}`)));
  }
  if (sent.bodyText === undefined) return parts.join(' ');
  const body = secrets.toEnvRefs(sent.bodyText);
  const literal = body === sent.bodyText ? shellQuote(body) : shellWordWithRefs(body);
  const coding = sent.encoding?.toLowerCase();
  if (coding === 'gzip' || coding === 'deflate' || coding === 'br') {
    // The body went out compressed: compress it the same way on the way to curl.
    const compressor = coding === 'gzip' ? 'gzip -c' : coding === 'br' ? 'brotli -c' : `python3 -c 'import sys,zlib; sys.stdout.buffer.write(zlib.compress(sys.stdin.buffer.read()))'`;
    return `printf '%s' ${literal} | ${compressor} | ${parts.join(' ')} --data-binary @-`;
  }
  return `${parts.join(' ')} --data-binary ${literal}`;
}

export function requestInfo(exchange: Pick<Exchange, 'method' | 'url' | 'sent'> & { status: number | string }, secrets: Secrets): RequestInfo {
  return {
    method: exchange.method,
    url: secrets.redact(exchange.url),
    status: exchange.status,
    curl: curlFor(exchange.method, exchange.url, exchange.sent, secrets),
  };
}
