import { startMock, type RunningMock } from '@apiforge/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformance, lucentSpec, validBatch } from './support/http.js';

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ api: 'lucent', port: 0 });
}, 90_000);
afterAll(() => mock?.close());

async function get(path: string, prefer: string) {
  const response = await fetch(mock.url + path, {
    headers: { authorization: 'Bearer luc_api_anything', prefer },
    signal: AbortSignal.timeout(10_000),
  });
  const body = await response.text();
  return { status: response.status, headers: response.headers, body, problems: conformance.check({ method: 'GET', path, status: response.status, headers: response.headers, body }) };
}

describe('Prism mock (startMock)', () => {
  it('listens on 127.0.0.1', () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers Prefer: code=429 with the documented body and rate-limit headers', async () => {
    const result = await get('/api/v1/issues', 'code=429');
    expect(result.status).toBe(429);
    expect(JSON.parse(result.body)).toEqual({ error: 'Rate limit exceeded' });
    expect(result.headers.get('retry-after')).toBe('17');
    expect(result.problems).toEqual([]);
  });

  it('answers Prefer: example=lastPage with the documented last page', async () => {
    const result = await get('/api/v1/issues', 'example=lastPage');
    expect(result.status).toBe(200);
    const page = JSON.parse(result.body);
    expect(page.nextCursor).toBeNull();
    expect(page.issues[0].id).toBe('0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e');
    expect(result.problems).toEqual([]);
  });

  it.each([
    ['/api/v1/issues/87b3a6b6-5af5-438b-a39c-eff148a68ccb', 'code=404', 404, { error: 'Issue not found' }],
    ['/api/v1/insights', 'code=400', 400, { error: 'limit must be an integer between 1 and 100' }],
    ['/api/v1/signals', 'code=403', 403, { error: 'Missing required scope: read:lucent' }],
  ])('serves the documented example of %s with %s', async (path, prefer, status, body) => {
    const result = await get(path, prefer);
    expect(result.status).toBe(status);
    expect(JSON.parse(result.body)).toEqual(body);
    expect(result.problems).toEqual([]);
  });

  it('selects every documented response of every operation with Prefer: code=...', async () => {
    const checked: string[] = [];
    for (const [template, item] of Object.entries(lucentSpec.paths)) {
      for (const [method, operation] of Object.entries(item as Record<string, any>)) {
        if (!operation?.responses) continue;
        const path = template.replace('{issueId}', '87b3a6b6-5af5-438b-a39c-eff148a68ccb');
        const ingest = path === '/api/sdk/replay';
        for (const status of Object.keys(operation.responses)) {
          const response = await fetch(mock.url + path, {
            method: method.toUpperCase(),
            headers: {
              prefer: `code=${status}`,
              'content-type': 'application/json',
              ...(ingest ? { 'x-lucent-api-key': 'luc_pk_anything' } : { authorization: 'Bearer luc_api_anything' }),
            },
            ...(method === 'get' ? {} : { body: JSON.stringify(ingest ? validBatch('s_mock', 1) : { status: 'resolved' }) }),
            signal: AbortSignal.timeout(10_000),
          });
          const body = await response.text();
          expect(response.status, `${method} ${path} code=${status}`).toBe(Number(status));
          expect(conformance.check({ method, path, status: response.status, headers: response.headers, body })).toEqual([]);
          checked.push(`${method} ${template} ${status}`);
        }
      }
    }
    expect(checked.length).toBeGreaterThan(25);
  });
});
