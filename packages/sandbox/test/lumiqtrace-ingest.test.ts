import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectLqError, LQ, makeEvent, makeEvents, ndjson, startLumiqSandbox, type LqSandbox } from './support/lumiqtrace.js';

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
    expectLqError(await sandbox.call('POST', '/v1/ingest', { apiKey: LQ.ingest, headers: br, body: ndjson([makeEvent()]) }), 415, 'Unsupported Content-Encoding: use gzip or identity');
  });

  it('refuses the whole batch when one line is not JSON or not an event', async () => {
    const good = ndjson(makeEvents(3));
    for (const bad of ['{not json', JSON.stringify({ ...makeEvent(), unknown_field: 1 }), JSON.stringify({ ...makeEvent(), status: 'ok' }), '[1,2]']) {
      const body = `${good}${bad}\n`;
      expectLqError(await sandbox.call('POST', '/v1/ingest', { apiKey: LQ.ingest, headers: { 'content-type': 'application/x-ndjson' }, body }), 400, 'Each line must be one JSON event object');
    }
    expectLqError(await sandbox.call('POST', '/v1/ingest', { apiKey: LQ.ingest, body: '\n \n' }), 400, 'Each line must be one JSON event object');
    expect((await acme()).ingestedEvents).toBe(0);
  });

  it('accepts CRLF line ends, blank lines and a missing final newline', async () => {
    const events = makeEvents(3);
    const body = `${JSON.stringify(events[0])}\r\n\n${JSON.stringify(events[1])}\r\n${JSON.stringify(events[2])}`;
    expect((await sandbox.call('POST', '/v1/ingest', { apiKey: LQ.ingest, body })).status).toBe(202);
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
  ])('answers 401 "Invalid API key" with the ApiKey challenge for %s', async (_case, apiKey) => {
    const result = await sandbox.call('POST', '/v1/ingest', { ...(apiKey !== undefined ? { apiKey } : {}), body: ndjson([makeEvent()]) });
    expectLqError(result, 401, 'Invalid API key');
    expect(result.headers.get('www-authenticate')).toBe('ApiKey realm="lumiqtrace-ingest"');
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
    expect(Number(refused.headers.get('x-ratelimit-reset'))).toBe(Math.ceil(nextMonth / 1000));
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('x-ratelimit-limit')).toBe('10');
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('4');
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
  const span = (spanId: string, parent?: string) => ({
    traceId: '5b8efff798038103d269b633813fc60c',
    spanId,
    ...(parent ? { parentSpanId: parent } : {}),
    name: 'chat',
    startTimeUnixNano: String(BigInt(Date.now()) * 1_000_000n),
    endTimeUnixNano: String((BigInt(Date.now()) + 1312n) * 1_000_000n),
    attributes: [
      { key: 'gen_ai.system', value: { stringValue: 'openai' } },
      { key: 'gen_ai.request.model', value: { stringValue: 'gpt-4o' } },
      { key: 'gen_ai.usage.prompt_tokens', value: { intValue: '904' } },
      { key: 'gen_ai.usage.completion_tokens', value: { intValue: 211 } },
    ],
  });
  const exportBody = { resourceSpans: [{ scopeSpans: [{ spans: [span('eee19b7ec3c1b174'), span('aaa19b7ec3c1b175', 'eee19b7ec3c1b174')] }] }] };

  it('turns OTLP/JSON spans into events of the key\'s project, once per span', async () => {
    const send = () => sandbox.call('POST', '/v1/otel', { apiKey: LQ.ingest, headers: { 'content-type': 'application/json' }, body: JSON.stringify(exportBody) });
    expect((await send()).status).toBe(202);
    expect((await send()).status).toBe(202);
    expect(await acme()).toMatchObject({ ingestedEvents: 2, duplicateEvents: 2 });
    const tree = await sandbox.get('/v1/traces/5b8efff798038103d269b633813fc60c?projectId=proj_acme', LQ.member);
    expect(tree.status).toBe(200);
    expect(tree.json).toHaveLength(1);
    expect(tree.json[0]).toMatchObject({ span_id: 'eee19b7ec3c1b174', provider: 'openai', model: 'gpt-4o', operation: 'chat', input_tokens: 904, output_tokens: 211, latency_ms: 1312 });
    expect(tree.json[0].children.map((c: { span_id: string }) => c.span_id)).toEqual(['aaa19b7ec3c1b175']);
  });

  it('decodes the protobuf encoding', async () => {
    const body = encodeOtlpProtobuf('5b8efff798038103d269b633813fc60d', 'eee19b7ec3c1b176', 'chat', 'anthropic', 'claude-sonnet-4-6');
    const result = await sandbox.call('POST', '/v1/otel', { apiKey: LQ.ingest, headers: { 'content-type': 'application/x-protobuf' }, body });
    expect(result.status).toBe(202);
    const tree = await sandbox.get('/v1/traces/5b8efff798038103d269b633813fc60d?projectId=proj_acme', LQ.member);
    expect(tree.json[0]).toMatchObject({ span_id: 'eee19b7ec3c1b176', provider: 'anthropic', model: 'claude-sonnet-4-6', operation: 'chat' });
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

/** A minimal protobuf ExportTraceServiceRequest with one span, written by hand for the test. */
function encodeOtlpProtobuf(traceIdHex: string, spanIdHex: string, name: string, system: string, model: string): Uint8Array {
  const varint = (n: number): number[] => {
    const out: number[] = [];
    while (n > 127) {
      out.push((n & 127) | 128);
      n >>>= 7;
    }
    out.push(n);
    return out;
  };
  const field = (no: number, bytes: Uint8Array | number[]): number[] => [...varint((no << 3) | 2), ...varint(bytes.length), ...bytes];
  const str = (s: string) => [...Buffer.from(s, 'utf8')];
  const fixed64 = (no: number, value: bigint): number[] => {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(value);
    return [...varint((no << 3) | 1), ...b];
  };
  const attr = (key: string, value: string) => field(9, [...field(1, str(key)), ...field(2, field(1, str(value)))]);
  const start = BigInt(Date.now()) * 1_000_000n;
  const span = [
    ...field(1, [...Buffer.from(traceIdHex, 'hex')]),
    ...field(2, [...Buffer.from(spanIdHex, 'hex')]),
    ...field(5, str(name)),
    ...fixed64(7, start),
    ...fixed64(8, start + 500_000_000n),
    ...attr('gen_ai.system', system),
    ...attr('gen_ai.request.model', model),
  ];
  return Uint8Array.from(field(1, field(2, field(2, span))));
}

it('keeps a body that is only a gzip bomb from expanding past the cap', async () => {
  const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
  const result = await sandbox.call('POST', '/v1/ingest', { apiKey: LQ.ingest, headers: { 'content-encoding': 'gzip' }, body: bomb });
  expectLqError(result, 413, 'Request body too large: the limit is 1048576 bytes after decompression');
});
