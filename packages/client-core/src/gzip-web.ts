/**
 * Gzip for browsers (and any runtime without Node's zlib): the standard CompressionStream. Chosen through
 * the package's `#gzip` import condition (`default`); Node gets gzip-node.ts (`node`), so no Node built-in
 * is ever in a browser's import graph.
 */

export function gzipAvailable(): boolean {
  return typeof CompressionStream === 'function';
}

/**
 * The bytes go into the stream as one chunk and the output chunks are joined once: no Blob, no Response,
 * no per-chunk copies. Call only where gzipAvailable() is true.
 */
export async function gzipPlatform(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new CompressionStream('gzip');
  const writer = stream.writable.getWriter();
  // Not awaited first: the write completes as the reader below drains the output (backpressure).
  const written = writer.write(bytes as Uint8Array<ArrayBuffer>).then(() => writer.close());
  // Awaited below; if reading fails first, that error is the one thrown.
  written.catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    chunks.push(read.value);
    length += read.value.byteLength;
  }
  await written;
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
