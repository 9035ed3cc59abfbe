import { request } from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectError, startTestSandbox, TOKENS, validBatch, type TestSandbox } from './support/http.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ rateLimitScale: 100 });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await sandbox.call('POST', '/_sandbox/reset', { unchecked: true });
});

const REPLAY = '/api/sdk/replay';
const keyHeader = { 'x-lucent-api-key': TOKENS.ingest };
const sessions = async () => (await sandbox.call('GET', '/_sandbox/sessions', { unchecked: true })).json.sessions;

function expectIngestError(result: Awaited<ReturnType<TestSandbox['call']>>, status: number, error: string): void {
  expectError(result, status, error);
  expect(result.headers.get('access-control-allow-origin')).toBe('*');
}

describe('ingest authentication', () => {
  it('accepts the key in the X-Lucent-Api-Key header or the api_key query parameter', async () => {
    const viaHeader = await sandbox.call('POST', REPLAY, { headers: keyHeader, body: validBatch('s_header', 1) });
    expect(viaHeader).toMatchObject({ status: 200, json: { ok: true } });
    expect(viaHeader.headers.get('access-control-allow-origin')).toBe('*');
    const viaQuery = await sandbox.call('POST', `${REPLAY}?api_key=${TOKENS.ingest}`, { body: validBatch('s_query', 1) });
    expect(viaQuery).toMatchObject({ status: 200, json: { ok: true } });
  });

  it('answers 401 Missing API key with the ApiKey challenge when no key is sent', async () => {
    const result = await sandbox.call('POST', REPLAY, { body: validBatch('s', 1) });
    expectIngestError(result, 401, 'Missing API key');
    expect(result.headers.get('www-authenticate')).toBe('ApiKey realm="lucent-ingest"');
  });

  it.each([
    ['an unknown key', 'luc_pk_nobody'],
    ['a revoked key', TOKENS.ingestRevoked],
    ['a Data API token', TOKENS.write],
    ['an empty key', ''],
  ])('answers 401 Invalid or revoked API key for %s', async (_case, key) => {
    for (const target of [
      { path: REPLAY, headers: { 'x-lucent-api-key': key } as Record<string, string> },
      { path: `${REPLAY}?api_key=${encodeURIComponent(key)}`, headers: {} as Record<string, string> },
    ]) {
      const result = await sandbox.call('POST', target.path, { headers: target.headers, body: validBatch('s', 1) });
      expectIngestError(result, 401, 'Invalid or revoked API key');
      expect(result.headers.get('www-authenticate')).toBe('ApiKey realm="lucent-ingest"');
    }
  });

  it('refuses an ingest key on the Data API', async () => {
    expectError(await sandbox.get('/api/v1/issues', TOKENS.ingest), 401, 'Missing or invalid bearer token');
    expectError(await sandbox.call('GET', '/api/v1/issues', { headers: keyHeader }), 401, 'Missing or invalid bearer token');
  });
});

describe('ingest bodies', () => {
  it('accepts gzip, plain JSON and text/plain (sendBeacon) bodies', async () => {
    const gz = await sandbox.call('POST', REPLAY, {
      headers: { ...keyHeader, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify(validBatch('s_gzip', 1, 5))),
    });
    expect(gz.status).toBe(200);
    const beacon = await sandbox.call('POST', `${REPLAY}?api_key=${TOKENS.ingest}`, {
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify(validBatch('s_beacon', 1, 3, 'final')),
    });
    expect(beacon.status).toBe(200);
    const identity = await sandbox.call('POST', REPLAY, {
      headers: { ...keyHeader, 'content-encoding': 'identity' },
      body: validBatch('s_identity', 1),
    });
    expect(identity.status).toBe(200);
    expect(await sessions()).toEqual(
      expect.arrayContaining([
        { id: 's_gzip', batches: 1, events: 5, finalReceived: false },
        { id: 's_beacon', batches: 1, events: 3, finalReceived: true },
        { id: 's_identity', batches: 1, events: 2, finalReceived: false },
      ]),
    );
  });

  it('lists every problem of an invalid batch in details', async () => {
    const batch = validBatch('s', -1) as any;
    delete batch.session.id;
    batch.extra = true;
    const result = await sandbox.call('POST', REPLAY, { headers: keyHeader, body: batch });
    expect(result.status).toBe(400);
    expect(result.json.error).toBe('Invalid replay batch');
    expect(result.json.details).toEqual(
      expect.arrayContaining([
        { path: '/replay/sequence', message: 'must be an integer greater than or equal to 0' },
        { path: '/session/id', message: 'is required' },
        { path: '/extra', message: 'is not allowed' },
      ]),
    );
    expect(await sessions()).toEqual([]);
  });

  it('answers 400 to invalid JSON and to undecodable gzip', async () => {
    expectIngestError(
      await sandbox.call('POST', REPLAY, { headers: { ...keyHeader, 'content-type': 'application/json' }, body: '{"session":' }),
      400,
      'Request body must be valid JSON',
    );
    expectIngestError(
      await sandbox.call('POST', REPLAY, { headers: { ...keyHeader, 'content-encoding': 'gzip' }, body: 'not gzip at all' }),
      400,
      'Request body could not be decompressed as gzip',
    );
    const truncated = gzipSync(JSON.stringify(validBatch('s', 1))).subarray(0, 20);
    expectIngestError(
      await sandbox.call('POST', REPLAY, { headers: { ...keyHeader, 'content-encoding': 'gzip' }, body: truncated }),
      400,
      'Request body could not be decompressed as gzip',
    );
  });

  it('answers 400 to a body that is not valid UTF-8, plain or gzip', async () => {
    const json = JSON.stringify(validBatch('s_utf8', 1));
    const at = json.indexOf('s_utf8');
    const invalid = Buffer.concat([Buffer.from(json.slice(0, at)), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from(json.slice(at))]);
    for (const [headers, body] of [
      [{ 'content-type': 'application/json' }, invalid],
      [{ 'content-encoding': 'gzip' }, gzipSync(invalid)],
    ] as const) {
      expectIngestError(await sandbox.call('POST', REPLAY, { headers: { ...keyHeader, ...headers }, body }), 400, 'Request body must be valid JSON');
    }
    expect(await sessions()).toEqual([]);
  });

  it.each(['br', 'deflate', 'gzip, br'])('answers 415 to Content-Encoding %s', async (encoding) => {
    expectIngestError(
      await sandbox.call('POST', REPLAY, { headers: { ...keyHeader, 'content-encoding': encoding }, body: validBatch('s', 1) }),
      415,
      'Unsupported Content-Encoding: use gzip or identity',
    );
  });

  it('accepts exactly 5 MiB and answers 413 above it, plain or gzip', async () => {
    const LIMIT = 5 * 1024 * 1024;
    const sized = (size: number): string => {
      const base = JSON.stringify({ ...validBatch('s_big', 1), metadata: { userAgent: '' } });
      return base.replace('"userAgent":""', `"userAgent":"${'x'.repeat(size - base.length)}"`);
    };
    expect(Buffer.byteLength(sized(LIMIT))).toBe(LIMIT);
    expect((await sandbox.call('POST', REPLAY, { headers: keyHeader, body: sized(LIMIT), unchecked: false })).status).toBe(200);
    const tooLarge = 'Request body too large: the limit is 5242880 bytes of JSON after decompression';
    expectIngestError(await sandbox.call('POST', REPLAY, { headers: { ...keyHeader, 'content-type': 'application/json' }, body: sized(LIMIT + 1) }), 413, tooLarge);
    expectIngestError(
      await sandbox.call('POST', REPLAY, { headers: { ...keyHeader, 'content-encoding': 'gzip' }, body: gzipSync(sized(LIMIT + 1)) }),
      413,
      tooLarge,
    );
  });
});

/**
 * 1 GiB of zeros as ~1 MB of gzip: 1,024 concatenated gzip members of 1 MiB of zeros each (a valid
 * multi-member gzip stream), so the test never holds the plain bytes and builds it in milliseconds.
 */
function gzipBomb(): Buffer {
  const member = gzipSync(Buffer.alloc(1024 * 1024), { level: 9 });
  return Buffer.concat(Array.from({ length: 1024 }, () => member));
}

describe('gzip bomb', () => {
  it('is refused with 413 without inflating, and the server keeps serving', async () => {
    const bomb = gzipBomb();
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    // Sanity: the members really inflate (a prefix of 4 of them gives 4 MiB).
    expect(gunzipSync(bomb.subarray(0, (bomb.length / 1024) * 4)).length).toBe(4 * 1024 * 1024);
    globalThis.gc?.();
    const before = process.memoryUsage();
    let peak = 0;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peak = Math.max(peak, now.rss - before.rss, now.heapUsed + now.arrayBuffers - before.heapUsed - before.arrayBuffers);
    }, 5);
    const result = await sandbox.call('POST', REPLAY, { headers: { ...keyHeader, 'content-encoding': 'gzip' }, body: bomb });
    clearInterval(sampler);
    expectIngestError(result, 413, 'Request body too large: the limit is 5242880 bytes of JSON after decompression');
    // The cap is 5 MiB; a full inflation would need 1 GiB.
    expect(peak).toBeLessThan(128 * 1024 * 1024);
    expect((await sandbox.get('/api/v1/issues?limit=1', TOKENS.read)).status).toBe(200);
    expect((await sandbox.call('POST', REPLAY, { headers: keyHeader, body: validBatch('s_after', 1) })).status).toBe(200);
  });
});

describe('idempotency', () => {
  it('counts a batch once per (session id, sequence), even when duplicates arrive concurrently', async () => {
    const sends = [];
    for (let copy = 0; copy < 10; copy++) {
      for (const sequence of [1, 2, 3]) {
        const body = JSON.stringify(validBatch('s_dup', sequence, 4, sequence === 3 ? 'final' : 'normal'));
        sends.push(
          sandbox.call('POST', REPLAY, {
            headers: copy % 2 ? { ...keyHeader, 'content-encoding': 'gzip' } : { ...keyHeader, 'content-type': 'application/json' },
            body: copy % 2 ? gzipSync(body) : body,
          }),
        );
      }
    }
    const results = await Promise.all(sends);
    expect(results.every((r) => r.status === 200 && r.json.ok === true)).toBe(true);
    expect(await sessions()).toEqual([{ id: 's_dup', batches: 3, events: 12, finalReceived: true }]);
  });

  it('clears ingested sessions on reset', async () => {
    await sandbox.call('POST', REPLAY, { headers: keyHeader, body: validBatch('s_reset', 1) });
    expect(await sessions()).toHaveLength(1);
    expect((await sandbox.call('POST', '/_sandbox/reset', { unchecked: true })).json).toEqual({ ok: true });
    expect(await sessions()).toEqual([]);
  });
});

describe('CORS', () => {
  it('answers the preflight with 204 and the documented allowed headers', async () => {
    const result = await sandbox.call('OPTIONS', REPLAY, {
      headers: {
        origin: 'https://shop.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, content-encoding, x-lucent-api-key',
      },
    });
    expect(result.status).toBe(204);
    expect(result.headers.get('access-control-allow-origin')).toBe('*');
    expect(result.headers.get('access-control-allow-methods')).toContain('POST');
    const allowed = (result.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(['content-type', 'content-encoding', 'x-lucent-api-key']));
  });

  it('has no preflight on the Data API', async () => {
    const result = await sandbox.call('OPTIONS', '/api/v1/issues', { unchecked: true });
    expect(result.status).toBe(405);
  });
});

describe('client that stops sending', () => {
  it('does not break the server when the upload is aborted mid-body', async () => {
    const url = new URL(sandbox.url);
    await new Promise<void>((resolve) => {
      const req = request({ host: url.hostname, port: url.port, path: REPLAY, method: 'POST', headers: { ...keyHeader, 'content-length': '100000' } });
      req.on('error', () => resolve());
      req.write('{"session":');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
    expect((await sandbox.call('POST', REPLAY, { headers: keyHeader, body: validBatch('s_alive', 1) })).status).toBe(200);
  });
});
