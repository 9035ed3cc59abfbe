import { describe, expectTypeOf, it } from 'vitest';
import { LumiqTraceClient, LumiqTraceIngestClient, type CostReport, type Event, type EventList, type TraceTree } from '../src/index.js';

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

  it('takes whole events on ingest', () => {
    expectTypeOf(ingest.send).parameter(0).toEqualTypeOf<readonly Event[]>();
    // @ts-expect-error an event needs event_id, trace_id, span_id, timestamp, provider, model, operation, status
    ingest.send([{ model: 'gpt-4o' }]);
    // @ts-expect-error a session client has no ingest
    client.send;
  });
});
