import { startSandbox, type Sandbox } from '@apiforge/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  BadRequestError,
  isMonthlyQuotaExceeded,
  LumiqTraceClient,
  LumiqTraceIngestClient,
  NotFoundError,
  PermissionDeniedError,
  type Event,
} from '../src/index.js';
import { makeEvent, makeEvents } from './support.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ api: 'lumiqtrace', port: 0 });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
});

const member = () => new LumiqTraceClient({ sessionToken: 'lumiq_session_acme', baseUrl: sandbox.url });
const ingest = (apiKey = 'lqt_sandbox_ingest') => new LumiqTraceIngestClient({ apiKey, baseUrl: sandbox.url });
async function projectCounts(id: string): Promise<{ events: number; ingestedEvents: number; duplicateEvents: number; acceptedBatches: number }> {
  const { projects } = (await (await fetch(`${sandbox.url}/_sandbox/projects`)).json()) as { projects: { id: string }[] };
  return projects.find((p) => p.id === id) as never;
}

describe('LumiqTraceIngestClient against the sandbox', () => {
  it('sends 250 events in three gzip NDJSON requests and re-sending them adds nothing', async () => {
    const events = makeEvents(250);
    expect(await ingest().send(events)).toEqual({ batches: 3, events: 250 });
    expect(await projectCounts('proj_acme')).toMatchObject({ ingestedEvents: 250, acceptedBatches: 3, duplicateEvents: 0 });
    await ingest().send(events);
    expect(await projectCounts('proj_acme')).toMatchObject({ ingestedEvents: 250, duplicateEvents: 250 });
  });

  it('the batcher delivers every event once', async () => {
    const batcher = ingest().createBatcher();
    const events = makeEvents(205);
    for (const event of [...events, ...events.slice(0, 10)]) batcher.add(event);
    await batcher.close();
    expect(await projectCounts('proj_acme')).toMatchObject({ ingestedEvents: 205, acceptedBatches: 3, duplicateEvents: 0 });
  });

  it('surfaces the monthly quota as a RateLimitError without retrying', async () => {
    let retries = 0;
    const client = new LumiqTraceIngestClient({ apiKey: 'lqt_sandbox_quota', baseUrl: sandbox.url, retry: { onRetry: () => void retries++ } });
    await client.send(makeEvents(10));
    const error = await client.send([makeEvent()]).catch((e: unknown) => e);
    expect(isMonthlyQuotaExceeded(error)).toBe(true);
    expect(retries).toBe(0);
  });

  it('answers a revoked key with AuthenticationError', async () => {
    await expect(ingest('lqt_sandbox_revoked').send([makeEvent()])).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('exports OTLP/JSON spans', async () => {
    const start = BigInt(Date.now()) * 1_000_000n;
    await ingest().otel.export({
      resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 'aa'.repeat(16), spanId: 'bb'.repeat(8), name: 'chat', startTimeUnixNano: String(start), endTimeUnixNano: String(start + 5_000_000n) }] }] }],
    });
    const tree = await member().traces.get('aa'.repeat(16), { projectId: 'proj_acme' });
    expect(tree[0]).toMatchObject({ span_id: 'bb'.repeat(8), operation: 'chat', latency_ms: 5, children: [] });
    // A span without gen_ai attributes has no model or provider.
    expect(tree[0]!.model).toBeUndefined();
    expect(tree[0]!.provider).toBeUndefined();
  });
});

describe('LumiqTraceClient against the sandbox', () => {
  it('iterates every event across cursor pages', async () => {
    const first = await member().events.list({ projectId: 'proj_acme', limit: 200 });
    const all: Event[] = [];
    for await (const event of member().events.list({ projectId: 'proj_acme', limit: 200 })) all.push(event);
    expect(all.length).toBe(first.total);
    expect(all.length).toBeGreaterThanOrEqual(2000);
    expect(new Set(all.map((e) => e.event_id)).size).toBe(all.length);
    let pages = 0;
    for await (const page of member().events.list({ projectId: 'proj_acme', model: 'gpt-4o', limit: 100 }).pages()) {
      pages++;
      expect(page.events.every((e) => e.model === 'gpt-4o')).toBe(true);
    }
    expect(pages).toBeGreaterThan(1);
  });

  it('reads a trace tree, the overview, costs and performance', async () => {
    const client = member();
    const [event] = (await client.events.list({ projectId: 'proj_acme', limit: 1 })).events;
    const tree = await client.traces.get(event!.trace_id, { projectId: 'proj_acme' });
    expect(tree.length).toBeGreaterThan(0);
    expect((await client.projects.overview('proj_acme')).kpis.totalRequests).toBeGreaterThan(1000);
    expect((await client.costs.get({ projectId: 'proj_acme' })).byModel?.length).toBeGreaterThan(3);
    expect((await client.performance.get({ projectId: 'proj_acme' })).latency?.p50).toBeGreaterThan(0);
  });

  it('maps the documented errors to typed errors', async () => {
    const outsider = new LumiqTraceClient({ sessionToken: 'lumiq_session_outsider', baseUrl: sandbox.url });
    await expect(outsider.projects.overview('proj_acme')).rejects.toBeInstanceOf(PermissionDeniedError);
    const expired = new LumiqTraceClient({ sessionToken: 'lumiq_session_expired', baseUrl: sandbox.url });
    const error = await expired.costs.get({ projectId: 'proj_acme' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).body).toEqual({ error: 'Not authenticated' });
    await expect(member().traces.get('run-nope', { projectId: 'proj_acme' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(member().events.list({ projectId: 'proj_acme', limit: 500 })).rejects.toBeInstanceOf(BadRequestError);
  });
});
