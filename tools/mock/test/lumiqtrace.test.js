import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specPathFor, startMock } from '../src/index.js';

// The third API through the same wrapper: nothing in the mock knows LumiqTrace.
const spec = JSON.parse(readFileSync(specPathFor('lumiqtrace').replace(/\.yaml$/, '.json'), 'utf8'));
const example = (name) => spec.components.examples[name].value;
const EVENT = example('IngestEvent');

let mock;
beforeAll(async () => {
  mock = await startMock({ api: 'lumiqtrace', port: 0 });
}, 90_000);
afterAll(() => mock?.close());

async function call(path, { method = 'GET', headers = {}, body } = {}) {
  const response = await fetch(mock.url + path, { method, headers, body, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}

const session = { authorization: 'Bearer any-session-token' };
const ndjsonHeaders = { 'x-api-key': 'lqt_anything', 'content-type': 'application/x-ndjson' };

describe('Prism mock of LumiqTrace (pnpm mock lumiqtrace)', () => {
  it('serves the documented examples of the dashboard endpoints', async () => {
    expect((await call('/v1/projects/proj_7f3k2m/overview', { headers: session })).json).toEqual(example('ProjectOverview'));
    expect((await call('/v1/events?projectId=proj_7f3k2m', { headers: { ...session, prefer: 'example=lastPage' } })).json).toEqual(example('EventListLastPage'));
    expect((await call('/v1/traces/run-2026-04-20-0042?projectId=proj_7f3k2m', { headers: session })).json).toEqual(example('TraceTree'));
  });

  it('answers Prefer: code=429, example=quotaExceeded with "Monthly quota exceeded" and its headers', async () => {
    // Ingest itself cannot reach the 429 (see below), so the quota example is selected on the OTLP endpoint, whose
    // 429 is the same shared response.
    const quota = await call('/v1/otel', {
      method: 'POST',
      headers: { 'x-api-key': 'lqt_anything', 'content-type': 'application/json', prefer: 'code=429, example=quotaExceeded' },
      body: JSON.stringify(example('OtlpTraceExport')),
    });
    expect(quota.status).toBe(429);
    expect(quota.json).toEqual({ error: 'Monthly quota exceeded' });
    expect(quota.headers.get('retry-after')).not.toBeNull();
    expect(quota.headers.get('cache-control')).toBe('no-store');
    const rate = await call('/v1/events?projectId=proj_7f3k2m', { headers: { ...session, prefer: 'code=429' } });
    expect(rate.json).toEqual({ error: 'Rate limit exceeded' });
  });

  it('answers requests without credentials with the documented 401 of each scheme', async () => {
    const bearer = await call('/v1/costs?projectId=proj_7f3k2m');
    expect(bearer.status).toBe(401);
    expect(bearer.json).toEqual({ error: 'Not authenticated' });
    const key = await call('/v1/ingest', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: `${JSON.stringify(EVENT)}\n` });
    expect(key.status).toBe(401);
    expect(key.json).toEqual({ error: 'Invalid API key' });
  });

  it('known limitation: answers every NDJSON upload with the ingest 400, whatever Prefer says', async () => {
    // Prism 5.14 validates the whole NDJSON body as one string against the one-line schema. Ingest is tested
    // against the sandbox instead (pnpm contract lumiqtrace marks these cases N/A on prism).
    for (const prefer of [undefined, 'code=202', 'code=429, example=quotaExceeded']) {
      const result = await call('/v1/ingest', {
        method: 'POST',
        headers: { ...ndjsonHeaders, ...(prefer ? { prefer } : {}) },
        body: `${JSON.stringify(EVENT)}\n${JSON.stringify(EVENT)}\n`,
      });
      expect(result.status).toBe(400);
    }
  });
});
