import { describe, expectTypeOf, it } from 'vitest';
import {
  LucentClient,
  LucentIngestClient,
  operationSamples,
  type Insight,
  type Issue,
  type IssueResponse,
  type IssueList,
  type IssueStatus,
  type IssueSummary,
  type ReplayAccepted,
  type RequestOptions,
  type Signal,
  type SignalList,
} from '../src/index.js';

const client = new LucentClient({ apiKey: 'luc_api_x' });
const ingest = new LucentIngestClient({ publicKey: 'luc_pk_x' });

describe('data client types', () => {
  it('awaiting a list gives the page; iterating gives items', async () => {
    expectTypeOf(await client.issues.list({ status: 'unresolved', limit: 50 })).toEqualTypeOf<IssueList>();
    expectTypeOf(await client.signals.list()).toEqualTypeOf<SignalList>();
    for await (const issue of client.issues.list()) expectTypeOf(issue).toEqualTypeOf<IssueSummary>();
    for await (const signal of client.signals.list()) expectTypeOf(signal).toEqualTypeOf<Signal>();
    for await (const insight of client.insights.list({ limit: 100 })) expectTypeOf(insight).toEqualTypeOf<Insight>();
    for await (const page of client.issues.list().pages()) expectTypeOf(page.nextCursor).toEqualTypeOf<string | null>();
  });

  it('get and updateStatus return the wire shape: the issue wrapped in `issue`', async () => {
    expectTypeOf(client.issues.get('id')).resolves.toEqualTypeOf<IssueResponse>();
    expectTypeOf(client.issues.updateStatus('id', { status: 'resolved' })).resolves.toEqualTypeOf<IssueResponse>();
    expectTypeOf<IssueResponse>().toEqualTypeOf<{ issue: Issue }>();
    const { issue } = await client.issues.get('id');
    expectTypeOf(issue.priority).toEqualTypeOf<'low' | 'medium' | 'high' | 'critical'>();
    expectTypeOf(issue.description).toEqualTypeOf<string | null>();
    expectTypeOf(issue.aiVerified).toEqualTypeOf<boolean | null | undefined>();
    expectTypeOf(issue.ticketUrl).toEqualTypeOf<string | null | undefined>();
    // @ts-expect-error severity is not a Lucent field
    void issue.severity;
    expectTypeOf<IssueStatus>().toEqualTypeOf<'unresolved' | 'ticket_created' | 'transient' | 'resolved'>();
  });

  it('rejects wrong statuses, unknown parameters and missing arguments', () => {
    // @ts-expect-error 'closed' is not an issue status
    void client.issues.list({ status: 'closed' });
    // @ts-expect-error limit is a number
    void client.issues.list({ limit: '50' });
    // @ts-expect-error signals cannot be filtered by status
    void client.signals.list({ status: 'resolved' });
    // @ts-expect-error the issue id is required
    void client.issues.get();
    // @ts-expect-error the update body is required
    void client.issues.updateStatus('id');
    // @ts-expect-error the update needs a status
    void client.issues.updateStatus('id', {});
    // @ts-expect-error 'done' is not an issue status
    void client.issues.updateStatus('id', { status: 'done' });
    // apiKey may come from LUCENT_API_KEY instead (checked at construction).
    void new LucentClient({ baseUrl: 'http://localhost' });
    // @ts-expect-error the ingest client takes publicKey, not apiKey
    void new LucentIngestClient({ apiKey: 'luc_pk_x' });
  });

  it('every method takes RequestOptions last', () => {
    expectTypeOf(client.issues.get).parameter(1).toEqualTypeOf<RequestOptions | undefined>();
    expectTypeOf(client.issues.list).parameter(1).toEqualTypeOf<RequestOptions | undefined>();
    // @ts-expect-error timeoutMs is a number
    void client.issues.get('id', { timeoutMs: '5s' });
  });
});

describe('ingest client types', () => {
  it('submit takes a typed replay batch', () => {
    const batch = {
      session: { id: 's', windowId: 'w', startedAt: 1, lastActivityAt: 2.5, url: 'https://example.com/' },
      user: { anonymousId: 'a', id: null, properties: null },
      page: { url: 'https://example.com/', referrer: null, viewport: null },
      replay: { events: [{ timestamp: 1.5, type: 42, data: {} }], sequence: 1 },
      metadata: null,
    };
    expectTypeOf(ingest.replay.submit(batch)).resolves.toEqualTypeOf<ReplayAccepted>();
    // @ts-expect-error the session needs windowId, startedAt, lastActivityAt and url
    void ingest.replay.submit({ ...batch, session: { id: 's' } });
    // @ts-expect-error the batch needs a replay sequence
    void ingest.replay.submit({ ...batch, replay: { events: [] } });
    // @ts-expect-error flush is 'normal' or 'final'
    void ingest.replay.submit({ ...batch, flush: 'now' });
  });

  it('the batcher takes rrweb events', () => {
    const session = { id: 's', windowId: 'w', startedAt: 1, lastActivityAt: 1, url: 'u' };
    const batcher = ingest.createBatcher({ session, user: { anonymousId: 'a' }, page: { url: 'u' } });
    batcher.add({ timestamp: 1, type: 3, data: { source: 1 } });
    // @ts-expect-error an event needs a timestamp
    batcher.add({ type: 3, data: {} });
    // @ts-expect-error the batcher needs the session
    void ingest.createBatcher({ user: { anonymousId: 'a' }, page: { url: 'u' } });
  });
});

describe('operationSamples', () => {
  it('has one renderer per operation', () => {
    expectTypeOf(operationSamples).toHaveProperty('listIssues');
    expectTypeOf(operationSamples.submitReplayBatch).returns.toEqualTypeOf<string>();
  });
});
