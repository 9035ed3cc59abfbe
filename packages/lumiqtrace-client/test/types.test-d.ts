import { describe, expectTypeOf, it } from 'vitest';
import { LumiqTraceClient, LumiqTraceIngestClient, type CostReport, type Event, type EventList, type IngestEvent, type TraceTree } from '../src/index.js';

describe('types', () => {
  const client = new LumiqTraceClient({ sessionToken: 't' });
  const ingest = new LumiqTraceIngestClient({ apiKey: 'lqt_x' });

  it('requires projectId and types the filters', () => {
    expectTypeOf(client.events.list).parameter(0).toHaveProperty('projectId').toEqualTypeOf<string>();
    // @ts-expect-error projectId is required
    client.events.list({ limit: 10 });
    // @ts-expect-error status is an enum
    client.events.list({ projectId: 'p', status: 'ok' });
  });

  it('types results', () => {
    expectTypeOf(client.events.list({ projectId: 'p' })).resolves.toEqualTypeOf<EventList>();
    const iterable: AsyncIterable<Event> = client.events.list({ projectId: 'p' });
    expectTypeOf(iterable).toEqualTypeOf<AsyncIterable<Event>>();
    expectTypeOf(client.traces.get('t', { projectId: 'p' })).resolves.toEqualTypeOf<TraceTree>();
    expectTypeOf(client.costs.get({ projectId: 'p' })).resolves.toEqualTypeOf<CostReport>();
  });

  it('read-back events: identity fields always there; model, provider and operation may be anything or absent', () => {
    expectTypeOf<Event['event_id']>().toEqualTypeOf<string>();
    expectTypeOf<Event['timestamp']>().toEqualTypeOf<string>();
    expectTypeOf<Event['model']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Event['provider']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Event['operation']>().toEqualTypeOf<string | undefined>();
  });

  it('takes ingest lines: the five required fields and the documented values', () => {
    expectTypeOf(ingest.send).parameter(0).toEqualTypeOf<readonly IngestEvent[]>();
    ingest.send([{ event_id: 'e', trace_id: 't', span_id: 's', timestamp: '2026-04-20T10:00:00.000Z', provider: 'custom' }]);
    // @ts-expect-error an event needs event_id, trace_id, span_id, timestamp and provider
    ingest.send([{ model: 'gpt-4o' }]);
    // @ts-expect-error provider is one of openai, anthropic, google, custom
    ingest.send([{ event_id: 'e', trace_id: 't', span_id: 's', timestamp: 'x', provider: 'azure' }]);
    // @ts-expect-error span_kind is one of the eight documented kinds
    ingest.send([{ event_id: 'e', trace_id: 't', span_id: 's', timestamp: 'x', provider: 'custom', span_kind: 'chain' }]);
    // @ts-expect-error a session client has no ingest
    client.send;
  });
});
