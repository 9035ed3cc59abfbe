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

const NON_ASCII_RUNS = /[^\x00-\x7f]+/g;

/**
 * UTF-8 byte length of a string without allocating an encoded copy. Serialized JSON is mostly ASCII: one
 * byte per UTF-16 unit, found by the regex engine far faster than a loop; only the runs of other
 * characters are counted one by one (2 or 3 bytes, 4 for a surrogate pair, 3 for a lone surrogate,
 * which TextEncoder writes as U+FFFD).
 */
export function utf8ByteLength(text: string): number {
  let bytes = text.length;
  NON_ASCII_RUNS.lastIndex = 0;
  for (let match = NON_ASCII_RUNS.exec(text); match !== null; match = NON_ASCII_RUNS.exec(text)) {
    const run = match[0];
    for (let i = 0; i < run.length; i++) {
      const code = run.charCodeAt(i);
      if (code < 0x800) bytes += 1;
      else if (code >= 0xd800 && code <= 0xdbff && i + 1 < run.length) {
        const next = run.charCodeAt(i + 1);
        // A pair: 2 units, 4 bytes.
        if (next >= 0xdc00 && next <= 0xdfff) {
          bytes += 2;
          i++;
        } else bytes += 2;
      } else bytes += 2;
    }
  }
  return bytes;
}
