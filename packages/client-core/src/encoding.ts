/**
 * Request body encodings that work in Node and browsers alike: gzip through the
 * standard CompressionStream, NDJSON lines. When CompressionStream is missing
 * (older browsers) the gzip helpers return undefined and the caller sends plain JSON.
 */

export function isGzipSupported(): boolean {
  return typeof CompressionStream === 'function';
}

/** Gzip-compresses bytes; undefined where CompressionStream is unavailable. */
export async function gzipBytes(bytes: Uint8Array): Promise<Uint8Array | undefined> {
  if (!isGzipSupported()) return undefined;
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
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

/** UTF-8 byte length of a string without allocating an encoded copy. */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
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
