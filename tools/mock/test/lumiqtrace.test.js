import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specJsonPathFor, startMock } from '../src/index.js';

// The third API through the same wrapper: nothing in the mock knows LumiqTrace.
const spec = JSON.parse(readFileSync(specJsonPathFor('lumiqtrace'), 'utf8'));
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

  it('answers Prefer: code=429, example=quotaExceeded with "Monthly quota exceeded" and Retry-After', async () => {
    // Selected on the OTLP endpoint, which Prism itself answers (NDJSON uploads are answered by the front, below);
    // its documented 429 is the monthly event quota.
    const quota = await call('/v1/otel', {
      method: 'POST',
      headers: { 'x-api-key': 'lqt_anything', 'content-type': 'application/json', prefer: 'code=429, example=quotaExceeded' },
      body: JSON.stringify(example('OtlpTraceExport')),
    });
    expect(quota.status).toBe(429);
    expect(quota.json).toEqual({ error: 'Monthly quota exceeded' });
    expect(quota.headers.get('retry-after')).not.toBeNull();
    // LumiqTrace documents no caching or challenge header, so the spec declares none and the mock sends none.
    expect(quota.headers.get('cache-control')).toBeNull();
    const rate = await call('/v1/events?projectId=proj_7f3k2m', { headers: { ...session, prefer: 'code=429' } });
    expect(rate.json).toEqual({ error: 'Rate limit exceeded' });
  });

  it('answers requests without credentials with the documented 401 of each scheme', async () => {
    const bearer = await call('/v1/costs?projectId=proj_7f3k2m');
    expect(bearer.status).toBe(401);
    expect(bearer.json).toEqual({ error: 'Not authenticated' });
    expect(bearer.headers.get('www-authenticate')).toBeNull();
    const key = await call('/v1/ingest', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: `${JSON.stringify(EVENT)}\n` });
    expect(key.status).toBe(401);
    expect(key.json).toEqual({ error: 'Invalid API key' });
  });

  it('answers NDJSON uploads line by line from the spec (the front before Prism)', async () => {
    const upload = (lines, headers = {}) =>
      call('/v1/ingest', { method: 'POST', headers: { ...ndjsonHeaders, ...headers }, body: `${lines.map((l) => JSON.stringify(l)).join('\n')}\n` });
    const minimal = { event_id: EVENT.event_id, trace_id: 'run-1', span_id: 's1', timestamp: EVENT.timestamp, provider: 'custom' };
    expect((await upload([EVENT, EVENT])).status).toBe(202);
    // Only the five documented fields are required, and unknown fields are not refused.
    expect((await upload([minimal, { ...EVENT, eval_scores: { relevance: 1 } }])).status).toBe(202);
    const bad = await upload([EVENT, { ...EVENT, provider: 'azure' }]);
    expect(bad.status).toBe(400);
    const tooMany = await upload(Array.from({ length: 101 }, () => EVENT));
    expect({ status: tooMany.status, body: tooMany.json }).toEqual({ status: 400, body: { error: 'Max 100 events per batch' } });
    const quota = await upload([EVENT], { prefer: 'code=429, example=quotaExceeded' });
    expect({ status: quota.status, body: quota.json }).toEqual({ status: 429, body: { error: 'Monthly quota exceeded' } });
  });
});
