import { request } from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectError, expectIngestError, startTestSandbox, TOKENS, validBatch, type TestSandbox } from './support/http.js';

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

describe('ingest authentication', () => {
  it('accepts the key in the X-Lucent-Api-Key header or the api_key query parameter', async () => {
    const viaHeader = await sandbox.call('POST', REPLAY, { headers: keyHeader, body: validBatch('s_header', 1) });
    expect(viaHeader).toMatchObject({ status: 200, json: { ok: true } });
    expect(viaHeader.headers.get('access-control-allow-origin')).toBe('*');
    // The ingest API documents none of the Data API's headers.
    for (const name of ['cache-control', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'www-authenticate']) {
      expect(viaHeader.headers.get(name), name).toBeNull();
    }
    const viaQuery = await sandbox.call('POST', `${REPLAY}?api_key=${TOKENS.ingest}`, { body: validBatch('s_query', 1) });
    expect(viaQuery).toMatchObject({ status: 200, json: { ok: true } });
  });

  it('answers 401 Missing API key, without a challenge, when no key is sent', async () => {
    const result = await sandbox.call('POST', REPLAY, { body: validBatch('s', 1) });
    expectIngestError(result, 401, 'Missing API key');
  });

  it.each([
    ['an unknown key', 'luc_pk_nobody'],
    ['a revoked key', TOKENS.ingestRevoked],
    ['a Data API token', TOKENS.write],
    ['an empty key', ''],
  ])('answers 401 Invalid or revoked API key, without a challenge, for %s', async (_case, key) => {
    for (const target of [
      { path: REPLAY, headers: { 'x-lucent-api-key': key } as Record<string, string> },
      { path: `${REPLAY}?api_key=${encodeURIComponent(key)}`, headers: {} as Record<string, string> },
    ]) {
      const result = await sandbox.call('POST', target.path, { headers: target.headers, body: validBatch('s', 1) });
      expectIngestError(result, 401, 'Invalid or revoked API key');
    }
  });

  it('refuses an ingest key on the Data API', async () => {
    expectError(await sandbox.get('/api/v1/issues', TOKENS.ingest), 401, 'Missing or invalid bearer token');
    expectError(await sandbox.call('GET', '/api/v1/issues', { headers: keyHeader }), 401, 'Missing or invalid bearer token');
  });
});

describe("Lucent's replay batch schema", () => {
  const ZOD_REQUIRED = (path: (string | number)[], expected: string) => ({ code: 'invalid_type', expected, received: 'undefined', path, message: 'Required' });

  it('accepts nulls, unknown fields everywhere, fractional numbers and any integer event type', async () => {
    const batch = {
      session: {
        id: 's_open',
        windowId: 'w_1',
        startedAt: 1771929000000.25,
        lastActivityAt: 1771929139003.5,
        url: 'https://shop.example.com/',
        tabTitle: 'Shop',
      },
      user: { id: null, anonymousId: 'anon_open', properties: null, traits: { plan: 'pro' } },
      page: { url: 'https://shop.example.com/', referrer: null, viewport: null, title: 'Home' },
      replay: {
        events: [
          { timestamp: 1771929138412.75, type: 42, data: { source: 2 }, delay: 3 },
          { timestamp: 1771929139003, type: -1, data: null },
          { timestamp: 1771929139003.5, type: 3, data: 'opaque' },
        ],
        sequence: 0,
        compressed: false,
      },
      metadata: null,
      sdkVersion: '1.4.0',
    };
    const result = await sandbox.call('POST', REPLAY, { headers: keyHeader, body: batch });
    expect(result).toMatchObject({ status: 200, json: { ok: true } });
    const nested = {
      ...batch,
      session: { ...batch.session, id: 's_open_2' },
      user: { anonymousId: 'anon_open', properties: { email: 'a@example.com' } },
      page: { url: 'https://shop.example.com/', referrer: 'https://www.example.org/', viewport: { width: 1440.5, height: 900.25, dpr: 2 } },
      metadata: { userAgent: null, language: null, timezone: 'Europe/Berlin' },
      flush: 'final',
    };
    expect((await sandbox.call('POST', REPLAY, { headers: keyHeader, body: nested })).status).toBe(200);
    expect(await sessions()).toEqual(
      expect.arrayContaining([
        { id: 's_open', batches: 1, events: 3, finalReceived: false },
        { id: 's_open_2', batches: 1, events: 3, finalReceived: true },
      ]),
    );
  });

  it('refuses a batch without events with the documented too_small issue', async () => {
    const batch = validBatch('s_empty', 1, 0);
    const result = await sandbox.call('POST', REPLAY, { headers: keyHeader, body: batch });
    expect(result.status).toBe(400);
    expect(result.headers.get('access-control-allow-origin')).toBe('*');
    expect(result.json).toEqual({
      error: 'Invalid replay batch',
      details: [
        {
          code: 'too_small',
          minimum: 1,
          type: 'array',
          inclusive: true,
          exact: false,
          path: ['replay', 'events'],
          message: 'Array must contain at least 1 element(s)',
        },
      ],
    });
  });

  it.each([
    ['windowId', 'string'],
    ['startedAt', 'number'],
    ['lastActivityAt', 'number'],
    ['url', 'string'],
  ])('refuses a session without %s with an invalid_type issue', async (field, expected) => {
    const batch = validBatch('s_missing', 1) as any;
    delete batch.session[field];
    const result = await sandbox.call('POST', REPLAY, { headers: keyHeader, body: batch });
    expect(result.status).toBe(400);
    expect(result.json).toEqual({ error: 'Invalid replay batch', details: [ZOD_REQUIRED(['session', field], expected)] });
  });

  it('refuses an empty windowId, and reports every problem of the documented example', async () => {
    const empty = validBatch('s_window', 1) as any;
    empty.session.windowId = '';
    const result = await sandbox.call('POST', REPLAY, { headers: keyHeader, body: empty });
    expect(result.status).toBe(400);
    expect(result.json.details).toEqual([
      {
        code: 'too_small',
        minimum: 1,
        type: 'string',
        inclusive: true,
        exact: false,
        path: ['session', 'windowId'],
        message: 'String must contain at least 1 character(s)',
      },
    ]);

    const both = validBatch('s_window', 1, 0) as any;
    delete both.session.windowId;
    const documented = await sandbox.call('POST', REPLAY, { headers: keyHeader, body: both });
    expect(documented.json.details).toHaveLength(2);
    expect(documented.json.details).toEqual(
      expect.arrayContaining([
        ZOD_REQUIRED(['session', 'windowId'], 'string'),
        expect.objectContaining({ code: 'too_small', path: ['replay', 'events'] }),
      ]),
    );
    expect(await sessions()).toEqual([]);
  });

  it('names array indexes as numbers and object keys as strings in a path', async () => {
    const batch = validBatch('s_paths', 1, 3) as any;
    batch.replay.events[2] = { timestamp: '2026-02-24', type: 3, data: {} };
    batch.page.viewport = { width: 1440 };
    batch.flush = 'later';
    const result = await sandbox.call('POST', REPLAY, { headers: keyHeader, body: batch });
    expect(result.status).toBe(400);
    expect(result.json.details).toEqual(
      expect.arrayContaining([
        { code: 'invalid_type', expected: 'number', received: 'string', path: ['replay', 'events', 2, 'timestamp'], message: 'Expected number, received string' },
        ZOD_REQUIRED(['page', 'viewport', 'height'], 'number'),
        {
          code: 'invalid_enum_value',
          options: ['normal', 'final'],
          received: 'later',
          path: ['flush'],
          message: "Invalid enum value. Expected 'normal' | 'final', received 'later'",
        },
      ]),
    );
    expect(result.json.details).toHaveLength(3);
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

  it('lists every problem of an invalid batch in details, as Zod issues', async () => {
    const batch = validBatch('s', -1) as any;
    delete batch.session.id;
    batch.session.startedAt = '1771929000000';
    batch.replay.events[1].type = 2.5;
    batch.extra = true;
    const result = await sandbox.call('POST', REPLAY, { headers: keyHeader, body: batch });
    expect(result.status).toBe(400);
    expect(result.json.error).toBe('Invalid replay batch');
    expect(result.headers.get('access-control-allow-origin')).toBe('*');
    expect(result.json.details).toHaveLength(4);
    expect(result.json.details).toEqual(
      expect.arrayContaining([
        { code: 'invalid_type', expected: 'string', received: 'undefined', path: ['session', 'id'], message: 'Required' },
        { code: 'invalid_type', expected: 'number', received: 'string', path: ['session', 'startedAt'], message: 'Expected number, received string' },
        { code: 'invalid_type', expected: 'integer', received: 'float', path: ['replay', 'events', 1, 'type'], message: 'Expected integer, received float' },
        {
          code: 'too_small',
          minimum: 0,
          type: 'number',
          inclusive: true,
          exact: false,
          path: ['replay', 'sequence'],
          message: 'Number must be greater than or equal to 0',
        },
      ]),
    );
    // Objects are open: the unknown top-level key is no problem.
    expect(JSON.stringify(result.json.details)).not.toContain('extra');
    expect(await sessions()).toEqual([]);
  });

  it('answers 400 to invalid JSON and to undecodable gzip', async () => {
    expectIngestError(
      await sandbox.call('POST', REPLAY, { headers: { ...keyHeader, 'content-type': 'application/json' }, body: '{"session":' }),
      400,
      'Invalid JSON body',
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
      expectIngestError(await sandbox.call('POST', REPLAY, { headers: { ...keyHeader, ...headers }, body }), 400, 'Invalid JSON body');
    }
    expect(await sessions()).toEqual([]);
  });

  it.each(['br', 'deflate', 'gzip, br'])('answers 415 to Content-Encoding %s', async (encoding) => {
    expectIngestError(
      await sandbox.call('POST', REPLAY, { headers: { ...keyHeader, 'content-encoding': encoding }, body: validBatch('s', 1) }),
      415,
      'Unsupported Content-Encoding: send plain JSON or gzip',
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
