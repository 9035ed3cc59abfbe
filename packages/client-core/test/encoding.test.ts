import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetchWithRetries, gzipBytes, gzipJson, isGzipSupported, toNdjson, utf8ByteLength } from '../src/index.js';
import { gzipAvailable, gzipPlatform } from '../src/gzip-web.js';
import { startFaultServer, type FaultServer } from './fault-server.js';

const payload = {
  session_id: 'sess_1',
  events: Array.from({ length: 300 }, (_, i) => ({ i, type: 'click', text: 'héllo wörld 😀', at: 1_700_000_000 + i })),
};

describe('encoding', () => {
  let server: FaultServer;
  beforeAll(async () => {
    server = await startFaultServer();
  });
  afterAll(() => server.close());

  it('gzipJson bodies decompress server-side (zlib) to the same JSON', async () => {
    expect(isGzipSupported()).toBe(true);
    const gzipped = await gzipJson(payload);
    expect(gzipped).toBeInstanceOf(Uint8Array);
    expect(gzipped!.length).toBeLessThan(JSON.stringify(payload).length / 5);
    const fetch = createFetchWithRetries({ maxRetries: 0 });
    await fetch(`${server.url}/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipped as Uint8Array<ArrayBuffer>,
    });
    expect(server.requests[0]!.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(server.requests[0]!.decodedBody.toString('utf8'))).toEqual(payload);
  });

  it('gzipBytes round-trips arbitrary bytes', async () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 31) % 251);
    expect(new Uint8Array(gunzipSync(await gzipBytes(bytes) as Uint8Array))).toEqual(bytes);
  });

  it('the browser gzip (CompressionStream) round-trips, and is unavailable where CompressionStream is missing', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify(payload));
    expect(gzipAvailable()).toBe(true);
    expect(new Uint8Array(gunzipSync(await gzipPlatform(bytes)))).toEqual(bytes);
    const original = globalThis.CompressionStream;
    // @ts-expect-error simulating an older browser
    delete globalThis.CompressionStream;
    try {
      expect(gzipAvailable()).toBe(false);
      // On Node the helpers use node:zlib (the `node` condition of #gzip), which needs no CompressionStream.
      expect(isGzipSupported()).toBe(true);
      expect(new Uint8Array(gunzipSync((await gzipBytes(bytes))!))).toEqual(bytes);
    } finally {
      globalThis.CompressionStream = original;
    }
  });

  it('toNdjson writes one JSON document per line, newline-terminated', () => {
    expect(toNdjson([{ a: 1 }, { b: 'x\ny' }])).toBe('{"a":1}\n{"b":"x\\ny"}\n');
    expect(toNdjson([])).toBe('');
  });

  it('utf8ByteLength matches TextEncoder', () => {
    for (const text of ['', 'abc', 'é', '€', '😀', 'a😀b€é', '\ud800', JSON.stringify(payload)]) {
      expect(utf8ByteLength(text)).toBe(new TextEncoder().encode(text).length);
    }
  });
});
