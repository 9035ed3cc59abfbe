import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectLqError, LQ, makeEvent, startLumiqSandbox, type LqSandbox } from './support/lumiqtrace.js';

let sandbox: LqSandbox;
let all: any[];
beforeAll(async () => {
  sandbox = await startLumiqSandbox();
  all = await sandbox.allEvents('projectId=proj_acme');
});
afterAll(() => sandbox.close());

const READS = ['/v1/events?projectId=proj_acme', '/v1/traces/run-acme-00001?projectId=proj_acme', '/v1/projects/proj_acme/overview', '/v1/costs?projectId=proj_acme', '/v1/performance?projectId=proj_acme'];
const round = (n: number, digits = 6) => Math.round(n * 10 ** digits) / 10 ** digits;

describe('seed', () => {
  it('holds at least 2,000 events of proj_acme, newest first, all different, in traces of several spans', () => {
    expect(all.length).toBeGreaterThanOrEqual(2000);
    expect(new Set(all.map((e) => e.event_id)).size).toBe(all.length);
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1], all[i]];
      expect(a.timestamp > b.timestamp || (a.timestamp === b.timestamp && a.event_id > b.event_id)).toBe(true);
    }
    const traces = new Map<string, number>();
    for (const e of all) traces.set(e.trace_id, (traces.get(e.trace_id) ?? 0) + 1);
    expect([...traces.values()].filter((n) => n >= 3).length).toBeGreaterThan(100);
    expect(new Set(all.map((e) => e.status))).toEqual(new Set(['success', 'error', 'timeout', 'rate_limited', 'cancelled']));
  });

  it('mixes SDK events with spans stored from OTLP without gen_ai attributes (no model, provider or span_kind)', () => {
    const plain = all.filter((e) => e.provider === undefined);
    expect(plain.length).toBeGreaterThan(20);
    for (const e of plain) {
      expect(e.model).toBeUndefined();
      expect(e.span_kind).toBeUndefined();
      expect(typeof e.operation).toBe('string');
    }
    const kinds = new Set(all.flatMap((e) => (e.span_kind === undefined ? [] : [e.span_kind])));
    expect([...kinds].every((k) => ['llm', 'agent', 'tool', 'planning', 'handoff', 'retriever', 'guardrail', 'general'].includes(k))).toBe(true);
    expect(all.some((e) => e.span_kind === 'tool' && e.model === undefined)).toBe(true);
  });

  it('is the same after a reset', async () => {
    await sandbox.call('POST', '/_sandbox/reset', { unchecked: true });
    expect((await sandbox.get('/v1/events?projectId=proj_acme&limit=200', LQ.member)).json.events).toEqual(all.slice(0, 200));
  });
});

describe('session authentication and membership', () => {
  it.each(READS)('serves %s to a member', async (path) => {
    expect((await sandbox.get(path, LQ.member)).status).toBe(200);
  });

  it.each(READS)('answers 401 "Not authenticated" on %s without, with an expired or with an ingest credential', async (path) => {
    const variants: Record<string, string>[] = [{}, { authorization: `Bearer ${LQ.expired}` }, { authorization: `Bearer ${LQ.ingest}` }, { authorization: 'Bearer nobody' }, { 'x-api-key': LQ.ingest }];
    for (const headers of variants) expectLqError(await sandbox.call('GET', path, { headers }), 401, 'Not authenticated');
  });

  it.each(READS)('answers 403 "Not a member of this organization" to the outsider on %s', async (path) => {
    expectLqError(await sandbox.get(path, LQ.outsider), 403, 'Not a member of this organization');
  });

  it('answers an unknown project like a foreign one, and lets the outsider read its own project', async () => {
    expectLqError(await sandbox.get('/v1/events?projectId=proj_nope', LQ.member), 403, 'Not a member of this organization');
    expectLqError(await sandbox.get('/v1/projects/proj_globex/overview', LQ.member), 403, 'Not a member of this organization');
    expect((await sandbox.get('/v1/events?projectId=proj_globex', LQ.outsider)).json.total).toBeGreaterThan(100);
  });

  it('tenant-leak lets a non-member read the project', async () => {
    const faulty = await startLumiqSandbox({ faults: ['tenant-leak'] });
    try {
      expect((await faulty.get('/v1/events?projectId=proj_acme', LQ.outsider)).status).toBe(200);
    } finally {
      await faulty.close();
    }
  });
});

describe('GET /v1/events', () => {
  it('pages with limit and cursor; total counts every match', async () => {
    const first = await sandbox.get('/v1/events?projectId=proj_acme', LQ.member);
    expect(first.json.events).toHaveLength(50);
    expect(first.json.total).toBe(all.length);
    const second = await sandbox.get(`/v1/events?projectId=proj_acme&cursor=${first.json.nextCursor}`, LQ.member);
    expect(second.json.events).toEqual(all.slice(50, 100));
  });

  it('filters by model, status, environment, userId and time range', async () => {
    const start = all[Math.floor(all.length / 2)].timestamp;
    const end = all[100].timestamp;
    const query = `projectId=proj_acme&model=gpt-4o&status=success&environment=production&start=${start}&end=${end}`;
    const expected = all.filter((e) => e.model === 'gpt-4o' && e.status === 'success' && e.environment === 'production' && e.timestamp >= start && e.timestamp <= end);
    expect(expected.length).toBeGreaterThan(10);
    expect(await sandbox.allEvents(query)).toEqual(expected);
    const user = all[0].user_id;
    expect(await sandbox.allEvents(`projectId=proj_acme&userId=${user}`)).toEqual(all.filter((e) => e.user_id === user));
  });

  it.each([
    ['', 'projectId is required'],
    ['projectId=proj_acme&limit=0', 'limit must be an integer between 1 and 200'],
    ['projectId=proj_acme&limit=201', 'limit must be an integer between 1 and 200'],
    ['projectId=proj_acme&limit=1.5', 'limit must be an integer between 1 and 200'],
    ['projectId=proj_acme&status=ok', 'status must be one of: success, error, timeout, rate_limited, cancelled'],
    ['projectId=proj_acme&start=yesterday', 'start and end must be ISO 8601 timestamps'],
    ['projectId=proj_acme&cursor=forged', 'Invalid cursor'],
  ])('answers 400 for "%s"', async (query, message) => {
    expectLqError(await sandbox.get(`/v1/events?${query}`, LQ.member), 400, message);
  });

  it('refuses a cursor with other filters or another project', async () => {
    const { nextCursor } = (await sandbox.get('/v1/events?projectId=proj_acme&model=gpt-4o', LQ.member)).json;
    expectLqError(await sandbox.get(`/v1/events?projectId=proj_acme&cursor=${nextCursor}`, LQ.member), 400, 'Invalid cursor');
  });
});

describe('GET /v1/traces/{traceId}', () => {
  it('nests every span of the trace under its parent', async () => {
    const traceId = all.find((e) => e.span_id === 'span-tool-2')!.trace_id;
    const spans = all.filter((e) => e.trace_id === traceId);
    const tree = (await sandbox.get(`/v1/traces/${traceId}?projectId=proj_acme`, LQ.member)).json;
    const flat: any[] = [];
    const walk = (nodes: any[], parent: string | null) => {
      for (const { children, ...span } of nodes) {
        expect(span.parent_span_id ?? null).toBe(parent);
        flat.push(span);
        walk(children, span.span_id);
      }
    };
    walk(tree, null);
    expect(flat.map((s) => s.event_id).sort()).toEqual(spans.map((s) => s.event_id).sort());
  });

  it('answers 404 for an unknown trace and 400 without projectId', async () => {
    expectLqError(await sandbox.get('/v1/traces/run-nope?projectId=proj_acme', LQ.member), 404, 'Trace not found');
    expectLqError(await sandbox.get('/v1/traces/run-acme-00001', LQ.member), 400, 'projectId is required');
  });
});

describe('metrics are aggregates of the stored events', () => {
  it('overview: KPIs over the last 30 days, top models, latest failures', async () => {
    const overview = (await sandbox.get('/v1/projects/proj_acme/overview', LQ.member)).json;
    const since = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 - 29 * 86_400_000).toISOString();
    const window = all.filter((e) => e.timestamp >= since);
    expect(overview.kpis.totalRequests).toBe(window.length);
    expect(overview.kpis.totalCost).toBeCloseTo(window.reduce((s, e) => s + (e.cost_usd ?? 0), 0), 4);
    expect(overview.timeline.reduce((s: number, b: any) => s + b.requests, 0)).toBe(window.length);
    expect(overview.recentErrors.map((e: any) => e.event_id)).toEqual(window.filter((e) => e.status !== 'success').slice(0, 10).map((e) => e.event_id));
    expect(overview.topModels).toHaveLength(5);
    expect(overview.kpis.errorRate).toBeCloseTo(window.filter((e) => ['error', 'timeout', 'rate_limited'].includes(e.status)).length / window.length, 5);
  });

  it('costs: per model and per day over the window', async () => {
    const start = all[all.length - 1].timestamp;
    const end = all[0].timestamp;
    const report = (await sandbox.get(`/v1/costs?projectId=proj_acme&start=${start}&end=${end}`, LQ.member)).json;
    const total = round(all.reduce((s, e) => s + (e.cost_usd ?? 0), 0), 4);
    expect(round(report.byModel.reduce((s: number, m: any) => s + m.cost, 0), 4)).toBeCloseTo(total, 3);
    expect(round(report.daily.reduce((s: number, d: any) => s + d.cost, 0), 4)).toBeCloseTo(total, 3);
    // Tool and agent spans, and OTLP spans without gen_ai attributes, have no model.
    expect(report.byModel.reduce((s: number, m: any) => s + m.requests, 0)).toBe(all.filter((e) => e.model !== undefined).length);
    const costs = report.byModel.map((m: any) => m.cost);
    expect(costs).toEqual([...costs].sort((a, b) => b - a));
    const input = all.reduce((s, e) => s + (e.input_tokens ?? 0), 0);
    expect(report.cacheHitRate).toBeCloseTo(all.reduce((s, e) => s + (e.cached_tokens ?? 0), 0) / input, 5);
    expectLqError(await sandbox.get(`/v1/costs?projectId=proj_acme&start=${end}&end=${start}`, LQ.member), 400, 'start and end must be ISO 8601 timestamps');
  });

  it('performance: percentiles, TTFT, throughput and timeout rate', async () => {
    const report = (await sandbox.get('/v1/performance?projectId=proj_acme', LQ.member)).json;
    const latencies = all.map((e) => e.latency_ms).filter((n) => n !== undefined).sort((a, b) => a - b);
    expect(report.latency.p50).toBe(latencies[Math.ceil(0.5 * latencies.length) - 1]);
    expect(report.latency.p99).toBe(latencies[Math.ceil(0.99 * latencies.length) - 1]);
    expect(report.timeoutRate).toBeCloseTo(all.filter((e) => e.status === 'timeout').length / all.length, 5);
    expect(report.avgTtft).toBeGreaterThan(0);
  });

  it('reflects ingested events', async () => {
    const before = (await sandbox.get('/v1/projects/proj_acme/overview', LQ.member)).json.kpis.totalRequests;
    expect((await sandbox.ingest([makeEvent(), makeEvent()])).status).toBe(202);
    expect((await sandbox.get('/v1/projects/proj_acme/overview', LQ.member)).json.kpis.totalRequests).toBe(before + 2);
    await sandbox.call('POST', '/_sandbox/reset', { unchecked: true });
  });
});

describe('rate limits', () => {
  it('limits dashboard reads per session and ingest per key, each in its own window', async () => {
    const limited = await startLumiqSandbox({ rateLimitScale: 0.01 });
    try {
      for (let i = 0; i < 3; i++) expect((await limited.get('/v1/costs?projectId=proj_acme', LQ.member)).status).toBe(200);
      const refused = await limited.get('/v1/performance?projectId=proj_acme', LQ.member);
      expectLqError(refused, 429, 'Rate limit exceeded');
      expect(refused.headers.get('x-ratelimit-limit')).toBe('3');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await limited.get('/v1/events?projectId=proj_globex', LQ.outsider)).status).toBe(200);
      for (let i = 0; i < 10; i++) expect((await limited.ingest([makeEvent()])).status).toBe(202);
      expectLqError(await limited.ingest([makeEvent()]), 429, 'Rate limit exceeded');
    } finally {
      await limited.close();
    }
  });
});

describe('GET /v1/events filters take one value each', () => {
  it.each(['model=a&model=b', 'environment=x&environment=y', 'userId=x&userId=y'])('%s → 400, never a 5xx (found by the reliability fuzz)', async (query) => {
    expectLqError(await sandbox.get(`/v1/events?projectId=proj_acme&${query}`, LQ.member), 400, 'model, environment and userId each take one value');
  });

  it.each(['model=', 'environment=', 'userId='])('%s is a value like any other (no event has it)', async (query) => {
    expect((await sandbox.get(`/v1/events?projectId=proj_acme&${query}`, LQ.member)).json).toEqual({ events: [], nextCursor: null, total: 0 });
  });
});
