/**
 * Request body encodings that work in Node and browsers alike: gzip (node:zlib on Node, the standard
 * CompressionStream in browsers, picked by the `#gzip` import condition), NDJSON lines. Where neither
 * exists (older browsers) the gzip helpers return undefined and the caller sends plain JSON.
 */
import { gzipAvailable, gzipPlatform } from '#gzip';

export function isGzipSupported(): boolean {
  return gzipAvailable();
}

/** Gzip-compresses bytes (node:zlib on Node, CompressionStream elsewhere); undefined where neither exists. */
export async function gzipBytes(bytes: Uint8Array): Promise<Uint8Array | undefined> {
  return gzipAvailable() ? gzipPlatform(bytes) : undefined;
}

/** JSON.stringify + UTF-8 + gzip; undefined where CompressionStream is unavailable. */
export async function gzipJson(value: unknown): Promise<Uint8Array | undefined> {
  if (!isGzipSupported()) return undefined;
  return gzipBytes(new TextEncoder().encode(JSON.stringify(value)));
}

/** Newline-delimited JSON: one event per line, every line terminated by "\n". */
export function toNdjson(events: Iterable<unknown>): string {
  let out = '';
  for (const event of events) out += `${JSON.stringify(event)}\n`;
  return out;
}

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * UTF-8 byte length of a string without allocating an encoded copy. Serialized JSON is mostly ASCII:
 * the regex engine finds the first non-ASCII character (or none) far faster than a loop, and only the
 * rest of the string is counted character by character.
 */
export function utf8ByteLength(text: string): number {
  const first = text.search(NON_ASCII);
  if (first === -1) return text.length;
  let bytes = first;
  for (let i = first; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
