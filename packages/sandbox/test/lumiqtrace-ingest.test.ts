import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectLqError, LQ, makeEvent, makeEvents, ndjson, startLumiqSandbox, type LqSandbox } from './support/lumiqtrace.js';
import { toOtlpJson, toOtlpProtobuf, type TestSpan } from './support/otlp.js';

let sandbox: LqSandbox;
beforeAll(async () => {
  sandbox = await startLumiqSandbox();
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await sandbox.call('POST', '/_sandbox/reset', { unchecked: true });
});

const acme = async () => (await sandbox.projects())['proj_acme']!;

describe('POST /v1/ingest (NDJSON)', () => {
  it.each([1, 99, 100])('accepts %i events with 202 and no body, and stores them', async (count) => {
    const before = await acme();
    const result = await sandbox.ingest(makeEvents(count));
    expect(result.status).toBe(202);
    expect(result.text).toBe('');
    const after = await acme();
    expect(after.events - before.events).toBe(count);
    expect(after).toMatchObject({ acceptedBatches: 1, ingestedEvents: count, duplicateEvents: 0 });
  });

  it.each([101, 250])('refuses %i events with 400 "Max 100 events per batch" and stores none', async (count) => {
    const before = await acme();
    expectLqError(await sandbox.ingest(makeEvents(count)), 400, 'Max 100 events per batch');
    expect((await acme()).events).toBe(before.events);
  });

  it('accepts gzip bodies and applies the cap after inflating', async () => {
    expect((await sandbox.ingest(makeEvents(100), { gzip: true })).status).toBe(202);
    expectLqError(await sandbox.ingest(makeEvents(101), { gzip: true }), 400, 'Max 100 events per batch');
    expect((await acme()).ingestedEvents).toBe(100);
  });

  it('refuses an undecodable gzip body with 400 and an unknown Content-Encoding with 415', async () => {
    const headers = { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' };
    expectLqError(await sandbox.call('POST', '/v1/ingest', { apiKey: LQ.ingest, headers, body: 'not gzip' }), 400, 'Request body could not be decompressed as gzip');
    const br = { 'content-type': 'application/x-ndjson', 'content-encoding': 'br' };
    expectLqError(await sandbox.call('POST', '/v1/ingest', { apiKey: LQ.ingest, headers: br, body: ndjson([makeEvent()]) }), 415, 'Unsupported Content-Encoding: use gzip or send the body uncompressed');
  });

  it('refuses the whole batch when one line is not JSON or not an event of the documented shape', async () => {
    const good = ndjson(makeEvents(3));
    const { provider: _provider, ...withoutProvider } = makeEvent();
    const bad = [
      '{not json',
      '[1,2]',
      JSON.stringify(withoutProvider),
      JSON.stringify({ ...makeEvent(), provider: 'azure' }),
      JSON.stringify({ ...makeEvent(), operation: 'completion' }),
      JSON.stringify({ ...makeEvent(), status: 'ok' }),
      JSON.stringify({ ...makeEvent(), span_kind: 'chain' }),
      JSON.stringify({ ...makeEvent(), event_id: 'not-a-uuid' }),
      JSON.stringify({ ...makeEvent(), timestamp: 'yesterday' }),
      JSON.stringify({ ...makeEvent(), parent_span_id: null }),
      JSON.stringify({ ...makeEvent(), tags: { feature: 1 } }),
    ];
    for (const line of bad) {
      const body = `${good}${line}\n`;
      expectLqError(await sandbox.call('POST', '/v1/ingest', { apiKey: LQ.ingest, headers: { 'content-type': 'application/x-ndjson' }, body }), 400, 'Each line must be one JSON event object');
    }
    expectLqError(await sandbox.call('POST', '/v1/ingest', { apiKey: LQ.ingest, body: '\n \n' }), 400, 'Each line must be one JSON event object');
    expect((await acme()).ingestedEvents).toBe(0);
  });

  it('requires only the five documented fields, and keeps fields it does not know', async () => {
    const minimal = { event_id: randomUUID(), trace_id: 'run-minimal', span_id: 'span-1', timestamp: new Date().toISOString(), provider: 'custom' };
    const rich = makeEvent({
      trace_id: 'run-minimal',
      span_id: 'span-2',
      parent_span_id: 'span-1',
      span_kind: 'handoff',
      delegation_reason: 'billing question',
      metadata: { prompt: { version: 3, labels: ['a'] } },
      finish_reason: ['stop'],
      eval_scores: { relevance: 0.9 },
    });
    expect((await sandbox.ingest([minimal, rich])).status).toBe(202);
    const tree = await sandbox.get('/v1/traces/run-minimal?projectId=proj_acme', LQ.member);
    expect(tree.json).toEqual([{ ...minimal, children: [{ ...rich, children: [] }] }]);
  });

  it('keeps at most 500 characters of error_message, as documented', async () => {
    const event = makeEvent({ trace_id: 'run-long-error', status: 'error', error_message: '\u{1F600}'.repeat(300) + 'x'.repeat(300) });
    expect((await sandbox.ingest([event])).status).toBe(202);
    const [stored] = (await sandbox.get('/v1/traces/run-long-error?projectId=proj_acme', LQ.member)).json;
    expect(Array.from(stored.error_message as string)).toHaveLength(500);
    expect(stored.error_message).toBe('\u{1F600}'.repeat(300) + 'x'.repeat(200));
  });

  it('accepts CRLF line ends, blank lines and a missing final newline', async () => {
    const events = makeEvents(3);
    const body = `${JSON.stringify(events[0])}\r\n\n${JSON.stringify(events[1])}\r\n${JSON.stringify(events[2])}`;
    expect((await sandbox.call('POST', '/v1/ingest', { apiKey: LQ.ingest, body, headers: { 'content-type': 'application/x-ndjson' } })).status).toBe(202);
    expect((await acme()).ingestedEvents).toBe(3);
  });

  it('deduplicates by event_id across batches and inside one batch', async () => {
    const events = makeEvents(40);
    expect((await sandbox.ingest(events)).status).toBe(202);
    expect((await sandbox.ingest(events, { gzip: true })).status).toBe(202);
    const twice = makeEvent();
    expect((await sandbox.ingest([twice, twice, ...events.slice(0, 5)])).status).toBe(202);
    expect(await acme()).toMatchObject({ ingestedEvents: 41, duplicateEvents: 40 + 6, acceptedBatches: 3 });
    const listed = await sandbox.allEvents(`projectId=proj_acme&model=gpt-4o&start=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}`);
    expect(listed.filter((e) => e.event_id === twice.event_id)).toHaveLength(1);
  });

  it('makes ingested events readable exactly as sent, in list order', async () => {
    const event = makeEvent({ model: 'ingest-test-model', environment: 'ci', user_id: 'user_ci', tags: { suite: 'sandbox' } });
    await sandbox.ingest([event]);
    const page = await sandbox.get('/v1/events?projectId=proj_acme&model=ingest-test-model', LQ.member);
    expect(page.json).toEqual({ events: [event], nextCursor: null, total: 1 });
  });
});

describe('ingest authentication', () => {
  it.each([
    ['no key', undefined],
    ['an unknown key', 'lqt_nobody'],
    ['a revoked key', LQ.revoked],
    ['a session token as key', LQ.member],
    ['an empty key', ''],
  ])('answers 401 "Invalid API key" for %s', async (_case, apiKey) => {
    const result = await sandbox.call('POST', '/v1/ingest', { ...(apiKey !== undefined ? { apiKey } : {}), body: ndjson([makeEvent()]) });
    expectLqError(result, 401, 'Invalid API key');
  });

  it('does not take the ingest key as a bearer token', async () => {
    const result = await sandbox.call('POST', '/v1/ingest', { headers: { authorization: `Bearer ${LQ.ingest}` }, body: ndjson([makeEvent()]) });
    expectLqError(result, 401, 'Invalid API key');
  });
});

describe('monthly quota (lqt_sandbox_quota: 10 events per month)', () => {
  it('accepts up to the quota, then answers 429 "Monthly quota exceeded" with Retry-After until next month', async () => {
    expect((await sandbox.ingest(makeEvents(6), { apiKey: LQ.quota })).status).toBe(202);
    const batch = makeEvents(5);
    const refused = await sandbox.ingest(batch, { apiKey: LQ.quota });
    expectLqError(refused, 429, 'Monthly quota exceeded');
    const now = new Date();
    const nextMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(Math.abs(Date.now() + retryAfter * 1000 - nextMonth)).toBeLessThan(5_000);
    // The optional X-RateLimit-* headers (ours) describe the per-minute request window, never the quota.
    expect(refused.headers.get('x-ratelimit-limit')).toBe('1000');
    expect((await sandbox.ingest(batch.slice(0, 4), { apiKey: LQ.quota })).status).toBe(202);
    expectLqError(await sandbox.ingest(makeEvents(1), { apiKey: LQ.quota }), 429, 'Monthly quota exceeded');
    expect((await sandbox.projects())['proj_smallco']).toMatchObject({ events: 10, quotaUsed: 10, monthlyQuota: 10 });
  });

  it('does not count re-sent events against the quota', async () => {
    const events = makeEvents(10);
    expect((await sandbox.ingest(events, { apiKey: LQ.quota })).status).toBe(202);
    expect((await sandbox.ingest(events, { apiKey: LQ.quota })).status).toBe(202);
    expect((await sandbox.projects())['proj_smallco']).toMatchObject({ quotaUsed: 10, duplicateEvents: 10 });
  });

  it('leaves other organizations unlimited', async () => {
    for (let i = 0; i < 3; i++) expect((await sandbox.ingest(makeEvents(100))).status).toBe(202);
  });

  it('is restored by POST /_sandbox/reset', async () => {
    await sandbox.ingest(makeEvents(10), { apiKey: LQ.quota });
    await sandbox.call('POST', '/_sandbox/reset', { unchecked: true });
    expect((await sandbox.projects())['proj_smallco']).toMatchObject({ events: 0, quotaUsed: 0 });
  });
});

describe('POST /v1/otel', () => {
  const TRACE = '5b8efff798038103d269b633813fc60c';
  const now = BigInt(Date.now()) * 1_000_000n;
  const genAi = (spanId: string, parentSpanId?: string): TestSpan => ({
    traceId: TRACE,
    spanId,
    parentSpanId,
    name: 'chat',
    startNs: now,
    endNs: now + 1_312_000_000n,
    attributes: [
      ['gen_ai.system', 'openai'],
      ['gen_ai.request.model', 'gpt-4o'],
      ['gen_ai.usage.prompt_tokens', 904],
      ['gen_ai.usage.completion_tokens', 211],
      ['gen_ai.response.finish_reasons', ['stop']],
    ],
  });
  const exportBody = toOtlpJson([genAi('eee19b7ec3c1b174'), genAi('aaa19b7ec3c1b175', 'eee19b7ec3c1b174')]);
  const otel = (body: unknown, apiKey: string = LQ.ingest) =>
    sandbox.call('POST', '/v1/otel', { apiKey, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it("turns OTLP/JSON spans into events of the key's project, once per span, mapped as documented", async () => {
    expect((await otel(exportBody)).status).toBe(202);
    expect((await otel(exportBody)).status).toBe(202);
    expect(await acme()).toMatchObject({ ingestedEvents: 2, duplicateEvents: 2 });
    const tree = await sandbox.get(`/v1/traces/${TRACE}?projectId=proj_acme`, LQ.member);
    expect(tree.status).toBe(200);
    expect(tree.json).toHaveLength(1);
    expect(tree.json[0]).toMatchObject({
      trace_id: TRACE,
      span_id: 'eee19b7ec3c1b174',
      parent_span_id: null,
      provider: 'openai',
      model: 'gpt-4o',
      operation: 'chat',
      input_tokens: 904,
      output_tokens: 211,
      finish_reason: ['stop'],
      latency_ms: 1312,
    });
    expect(tree.json[0].children.map((c: { span_id: string }) => c.span_id)).toEqual(['aaa19b7ec3c1b175']);
  });

  it('stores a span without gen_ai attributes with its name as operation and no model, provider or span_kind', async () => {
    const plain: TestSpan = { traceId: 'ab'.repeat(16), spanId: 'cd'.repeat(8), name: 'GET /orders/{id}', startNs: now, endNs: now + 40_000_000n, attributes: [['http.method', 'GET']] };
    expect((await otel(toOtlpJson([plain]))).status).toBe(202);
    const [span] = (await sandbox.get(`/v1/traces/${plain.traceId}?projectId=proj_acme`, LQ.member)).json;
    expect(span).toMatchObject({ operation: 'GET /orders/{id}', latency_ms: 40, status: 'success', children: [] });
    for (const absent of ['model', 'provider', 'span_kind', 'input_tokens']) expect(span).not.toHaveProperty(absent);
    const listed = await sandbox.allEvents(`projectId=proj_acme&start=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}`);
    const { children: _children, ...fields } = span;
    expect(listed.find((e) => e.span_id === plain.spanId)).toEqual(fields);
  });

  it('decodes the protobuf encoding, with and without gen_ai attributes', async () => {
    const spans: TestSpan[] = [
      { traceId: '5b8efff798038103d269b633813fc60d', spanId: 'eee19b7ec3c1b176', name: 'chat', startNs: now, endNs: now + 500_000_000n, attributes: [['gen_ai.system', 'anthropic'], ['gen_ai.request.model', 'claude-sonnet-4-6']] },
      { traceId: '5b8efff798038103d269b633813fc60d', spanId: 'eee19b7ec3c1b177', parentSpanId: 'eee19b7ec3c1b176', name: 'db.query', startNs: now, endNs: now + 5_000_000n, statusCode: 2, statusMessage: 'deadlock' },
    ];
    const result = await sandbox.call('POST', '/v1/otel', { apiKey: LQ.ingest, headers: { 'content-type': 'application/x-protobuf' }, body: toOtlpProtobuf(spans) });
    expect(result.status).toBe(202);
    const [root] = (await sandbox.get('/v1/traces/5b8efff798038103d269b633813fc60d?projectId=proj_acme', LQ.member)).json;
    expect(root).toMatchObject({ span_id: 'eee19b7ec3c1b176', provider: 'anthropic', model: 'claude-sonnet-4-6', operation: 'chat' });
    expect(root.children[0]).toMatchObject({ operation: 'db.query', status: 'error', error_message: 'deadlock' });
    expect(root.children[0]).not.toHaveProperty('model');
  });

  it.each([
    ['a JSON array', []],
    ['spans that are not a list', { resourceSpans: [{ scopeSpans: [{ spans: {} }] }] }],
    ['a numeric traceId', { resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 5, spanId: 'aa' }] }] }] }],
    ['attributes that are not a list', { resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 'aa', spanId: 'bb', attributes: 'x' }] }] }] }],
  ])('answers 400 "Invalid OTLP export request" for %s', async (_case, body) => {
    expectLqError(await otel(body), 400, 'Invalid OTLP export request');
    expect((await acme()).acceptedBatches).toBe(0);
  });

  it('answers 400 for a protobuf body that is not an export request', async () => {
    const result = await sandbox.call('POST', '/v1/otel', { apiKey: LQ.ingest, headers: { 'content-type': 'application/x-protobuf' }, body: Uint8Array.from([0x0a, 0xff]) });
    expectLqError(result, 400, 'Invalid OTLP export request');
  });

  it('counts spans against the monthly quota and answers 429 "Monthly quota exceeded" with Retry-After only', async () => {
    const spans = Array.from({ length: 11 }, (_, i): TestSpan => ({ traceId: 'ef'.repeat(16), spanId: i.toString(16).padStart(16, '0'), name: 'step', startNs: now, endNs: now }));
    expect((await otel(toOtlpJson(spans.slice(0, 10)), LQ.quota)).status).toBe(202);
    const refused = await otel(toOtlpJson(spans.slice(10)), LQ.quota);
    expectLqError(refused, 429, 'Monthly quota exceeded');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('answers 401 without a key', async () => {
    expectLqError(await sandbox.call('POST', '/v1/otel', { headers: { 'content-type': 'application/json' }, body: JSON.stringify(exportBody) }), 401, 'Invalid API key');
  });
});

describe('ingest faults', () => {
  it('ndjson-uncapped accepts 101 events; dedupe-off stores re-sent events again', async () => {
    const faulty = await startLumiqSandbox({ faults: ['ndjson-uncapped', 'dedupe-off'] });
    try {
      expect((await faulty.ingest(makeEvents(101))).status).toBe(202);
      const events = makeEvents(5);
      await faulty.ingest(events);
      await faulty.ingest(events);
      expect((await faulty.projects())['proj_acme']).toMatchObject({ ingestedEvents: 111, duplicateEvents: 0 });
    } finally {
      await faulty.close();
    }
  });
});

it('keeps a body that is only a gzip bomb from expanding past the cap', async () => {
  const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
  const result = await sandbox.call('POST', '/v1/ingest', { apiKey: LQ.ingest, headers: { 'content-encoding': 'gzip' }, body: bomb });
  expectLqError(result, 413, 'Request body too large: the limit is 1048576 bytes after decompression');
});
