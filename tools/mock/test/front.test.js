// What our own clients send by default reaches a documented answer: gzip request bodies are decoded
// before Prism sees them, and NDJSON uploads are validated line by line and answered from the spec.
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specJsonPathFor, startMock } from '../src/index.js';
import { hasMalformedPercentEncoding } from '../src/front.js';

const lucentSpec = JSON.parse(readFileSync(specJsonPathFor('lucent'), 'utf8'));
const replayBatch = lucentSpec.components.examples.ReplayBatch.value;

describe('the mock front (Lucent ingest, gzip by default in our client)', () => {
  let mock;
  beforeAll(async () => {
    mock = await startMock({ api: 'lucent', port: 0 });
  }, 90_000);
  afterAll(() => mock?.close());

  const post = (body, headers) =>
    fetch(`${mock.url}/api/sdk/replay`, { method: 'POST', headers: { 'x-lucent-api-key': 'luc_pk_mock', 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(10_000) });

  it('answers a gzip-compressed batch like a plain one (Prism alone never answers it)', async () => {
    const plain = await post(JSON.stringify(replayBatch));
    expect(plain.status).toBe(200);
    const gzipped = await post(gzipSync(JSON.stringify(replayBatch)), { 'content-encoding': 'gzip' });
    expect(gzipped.status).toBe(200);
    expect(await gzipped.json()).toEqual({ ok: true });
  });

  it('validates the decoded body: an invalid gzip-compressed batch gets the documented 400', async () => {
    const invalid = await post(gzipSync(JSON.stringify({ ...replayBatch, replay: { events: [], sequence: 1 } })), { 'content-encoding': 'gzip' });
    expect(invalid.status).toBe(400);
  });

  it('answers a body that is not gzip with the documented 400, and an unknown encoding with the documented 415', async () => {
    const broken = await post(Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' });
    expect(broken.status).toBe(400);
    const unknown = await post(Buffer.from('{}'), { 'content-encoding': 'br2' });
    expect(unknown.status).toBe(415);
  });

  /** A raw request target, sent as is (fetch would not let a malformed one through unchanged). */
  const raw = (target, method = 'GET') =>
    new Promise((resolve, reject) => {
      const { hostname, port } = new URL(mock.url);
      const req = request({ host: hostname, port, method, path: target, headers: { authorization: 'Bearer luc_api_x', 'x-lucent-api-key': 'luc_pk_mock' }, timeout: 10_000 }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk) => (text += chunk)).on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], text }));
      });
      req.on('timeout', () => req.destroy(new Error(`no answer to ${method} ${target}`))).on('error', reject).end();
    });

  it('refuses malformed percent-encoding in the path or query with a 400 of the documented shape, and stays healthy', async () => {
    // Prism 5.14.2 alone drops the connection on such a path and answers nothing afterwards (502 from the front).
    for (const target of ['/api/v1/issues/%', '/api/v1/issues/%ff', '/api/v1/issues?q=%zz', '/api/v1/issues?limit=%C3']) {
      const refused = await raw(target);
      expect(refused.status, target).toBe(400);
      expect(refused.type).toMatch(/json/);
      expect(JSON.parse(refused.text).error, target).toMatch(/malformed percent-encoding/);
    }
    // A route whose documented 400 has a richer schema keeps a body that schema accepts; an unknown path gets a plain JSON error.
    const replay = await raw('/api/sdk/replay?x=%', 'POST');
    expect(replay.status).toBe(400);
    expect(JSON.parse(replay.text).error).toMatch(/malformed percent-encoding/);
    expect((await raw('/no/such/%zz')).status).toBe(400);
    // The mock still answers a normal request after the malformed ones.
    const normal = await raw('/api/v1/issues?q=%25done%20now');
    expect(normal.status).toBe(200);
    expect(JSON.parse(normal.text).issues).toBeInstanceOf(Array);
  });

  it('tells malformed percent-encoding from valid escapes', () => {
    for (const target of ['/a/%', '/a/%zz', '/a/%ff', '/a/%C3', '/a?x=%', '/a?x=1&y=%g0', '/a?%zz=1']) expect(hasMalformedPercentEncoding(target), target).toBe(true);
    for (const target of ['/a', '/a/%20b', '/a/%C3%A9', '/a?x=%25&y=a+b', '/a?x=%E2%9C%93', '/a#%zz']) expect(hasMalformedPercentEncoding(target), target).toBe(false);
  });

  it('keeps Prism in charge of everything else (Prefer selects documented responses)', async () => {
    const limited = await fetch(`${mock.url}/api/v1/issues`, { headers: { authorization: 'Bearer luc_api_x', prefer: 'code=429' }, signal: AbortSignal.timeout(10_000) });
    expect(limited.status).toBe(429);
  });
});

/** Every API whose spec has an NDJSON upload (x-ndjson): the front answers it from the spec. */
const ndjsonApis = ['lucent', 'luludesk', 'lumiqtrace'].flatMap((api) => {
  const spec = JSON.parse(readFileSync(specJsonPathFor(api), 'utf8'));
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([, op]) => op && typeof op === 'object' && op.requestBody)
      .flatMap(([method, op]) => {
        const body = op.requestBody.$ref ? spec.components.requestBodies[op.requestBody.$ref.split('/').pop()] : op.requestBody;
        return Object.entries(body.content ?? {})
          .filter(([, media]) => media['x-ndjson'])
          .map(([mediaType, media]) => {
            const example = Object.values(media.examples ?? {})[0];
            const line = example?.$ref ? spec.components.examples[example.$ref.split('/').pop()].value : example?.value;
            const scheme = Object.keys((op.security ?? spec.security)[0])[0];
            return { api, path, method: method.toUpperCase(), mediaType, maxItems: media['x-ndjson'].maxItems, line, scheme: spec.components.securitySchemes[scheme] };
          });
      }),
  );
});

describe.each(ndjsonApis)('the mock front answers $api $method $path NDJSON uploads from the spec', ({ api, path, method, mediaType, maxItems, line, scheme }) => {
  let mock;
  beforeAll(async () => {
    mock = await startMock({ api, port: 0 });
  }, 90_000);
  afterAll(() => mock?.close());

  const credential = scheme.type === 'http' ? { authorization: 'Bearer mock_token' } : { [scheme.name.toLowerCase()]: `${scheme['x-token-prefixes']?.[0] ?? ''}mock_key` };
  const upload = (lines, headers = {}, encode = (x) => x) =>
    fetch(`${mock.url}${path}`, { method, headers: { 'content-type': mediaType, ...credential, ...headers }, body: encode(lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n'), signal: AbortSignal.timeout(10_000) });

  it('valid lines get the documented success, gzip-compressed too', async () => {
    expect((await upload([line, line])).status).toBeLessThan(300);
    expect((await upload([line], { 'content-encoding': 'gzip' }, (text) => gzipSync(text))).status).toBeLessThan(300);
  });

  it('a line that is not JSON, or breaks the line schema, gets the documented 400', async () => {
    expect((await upload(['{not json'])).status).toBe(400);
    expect((await upload([{ ...line, [Object.keys(line)[0]]: { not: 'valid' } }])).status).toBe(400);
  });

  it('more lines than the documented maximum get the documented 400', async () => {
    if (maxItems === undefined) return;
    expect((await upload(Array.from({ length: maxItems + 1 }, () => line))).status).toBe(400);
  });

  it('no credential gets the documented 401; Prefer still selects a documented response', async () => {
    const response = await fetch(`${mock.url}${path}`, { method, headers: { 'content-type': mediaType }, body: `${JSON.stringify(line)}\n`, signal: AbortSignal.timeout(10_000) });
    expect(response.status).toBe(401);
    expect((await upload([line], { prefer: 'code=429' })).status).toBe(429);
  });
});
