/// <reference types="node" />
/**
 * Gzip on Node: node:zlib, which compresses on libuv's thread pool and is the fastest gzip Node offers
 * (CompressionStream is the same zlib behind a web-stream adapter). Chosen through the package's `#gzip`
 * import condition (`node`); browsers get gzip-web.ts.
 */
import { gzip } from 'node:zlib';

export function gzipAvailable(): boolean {
  return true;
}

export function gzipPlatform(bytes: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    gzip(bytes, (error, result) => (error ? reject(error) : resolve(new Uint8Array(result.buffer, result.byteOffset, result.byteLength))));
  });
}
