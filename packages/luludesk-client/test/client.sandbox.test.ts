import { startSandbox, type Sandbox } from '@apiforge/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LuluDeskClient, NotFoundError, PermissionDeniedError, UnprocessableEntityError, type Conversation, type Handoff } from '../src/index.js';
import { FIRST, KEYS, SECOND } from './support/keys.js';

let sandbox: Sandbox;
let client: LuluDeskClient;
beforeAll(async () => {
  // Walks send hundreds of requests; the sandbox's 60/min per key (an assumption of the spec) is checked by the sandbox's own tests.
  sandbox = await startSandbox({ api: 'luludesk', rateLimitScale: 100 });
  client = new LuluDeskClient({ apiKey: KEYS.all, workspaceId: FIRST, baseUrl: sandbox.url });
});
afterAll(() => sandbox.close());

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('LuluDeskClient against the LuluDesk sandbox', () => {
  it('walks all 312 conversations by cursor, the same at every page size, newest first', async () => {
    const reference = await collect(client.conversations.list({ limit: 100 }));
    expect(reference).toHaveLength(312);
    expect(new Set(reference.map((c) => c.id)).size).toBe(312);
    const ordered = (a: Conversation, b: Conversation) => a.started_at > b.started_at || (a.started_at === b.started_at && a.id > b.id);
    expect(reference.every((c, i) => i === 0 || ordered(reference[i - 1]!, c))).toBe(true);
    for (const limit of [7, 20]) expect((await collect(client.conversations.list({ limit }))).map((c) => c.id)).toEqual(reference.map((c) => c.id));
  });

  it('pages lazily: awaiting gives page one, pages() gives each page with its number', async () => {
    const first = await client.conversations.list({ limit: 50 });
    expect(first.pagination).toMatchObject({ page: 1, limit: 50, total: 312, has_more: true });
    const pages = await collect(client.conversations.list({ limit: 50 }).pages());
    expect(pages.map((p) => p.pagination.page)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(pages.at(-1)!.pagination.next_cursor).toBeNull();
  });

  it('walks all 120 handoffs with the before cursor, and each status filter on its own', async () => {
    const all = await collect(client.handoffs.list({ limit: 11 }));
    expect(all).toHaveLength(120);
    const created = all.map((h) => h.created_at ?? '');
    expect(created.every((at, i) => at !== '' && (i === 0 || created[i - 1]! > at))).toBe(true);
    let filtered = 0;
    for (const status of ['pending', 'accepted', 'resolved', 'rejected'] as const) {
      const some: Handoff[] = await collect(client.handoffs.list({ status, limit: 8 }));
      expect(some.length, status).toBeGreaterThan(0);
      expect(some.every((h) => h.status === status)).toBe(true);
      filtered += some.length;
    }
    expect(filtered).toBe(120);
  });

  it('reads insights, usage and all 8 knowledge sources by page number', async () => {
    const insights = await client.insights.get();
    const usage = await client.usage.get();
    expect(insights.workspace_id).toBe(FIRST);
    expect(insights.data.messages.total).toBe(usage.data.messages_used);
    expect((await collect(client.knowledgeSources.list({ limit: 3 }))).map((s) => s.id)).toEqual(
      (await client.knowledgeSources.list()).data.map((s) => s.id),
    );
  });

  it('turns a 422 into UnprocessableEntityError with the details of each rejected value', async () => {
    const thrown = await client.handoffs.list({ limit: 201, status: 'closed' as never }).then(() => undefined, (e: unknown) => e);
    expect(thrown).toBeInstanceOf(UnprocessableEntityError);
    const error = thrown as UnprocessableEntityError;
    expect(error.code).toBe('invalid_params');
    expect(error.details).toEqual([
      { field: 'status', value: 'closed', constraint: 'one of pending, accepted, resolved, rejected' },
      { field: 'limit', value: '201', constraint: 'integer between 1 and 200' },
    ]);
  });

  it('turns a missing scope and a foreign workspace into PermissionDeniedError, an unknown one into NotFoundError', async () => {
    const usageOnly = new LuluDeskClient({ apiKey: KEYS.usageOnly, workspaceId: FIRST, baseUrl: sandbox.url });
    expect((await usageOnly.usage.get()).workspace_id).toBe(FIRST);
    const scope = await usageOnly.conversations.list().then(() => undefined, (e: unknown) => e);
    expect(scope).toBeInstanceOf(PermissionDeniedError);
    expect((scope as PermissionDeniedError).code).toBe('insufficient_scope');
    expect((scope as PermissionDeniedError).message).toContain('read:conversations');

    const foreign = new LuluDeskClient({ apiKey: KEYS.second, workspaceId: FIRST, baseUrl: sandbox.url });
    expect(((await foreign.insights.get().catch((e: unknown) => e)) as PermissionDeniedError).code).toBe('forbidden');
    const own = new LuluDeskClient({ apiKey: KEYS.second, workspaceId: SECOND, baseUrl: sandbox.url });
    expect((await own.insights.get()).workspace_id).toBe(SECOND);

    const unknown = new LuluDeskClient({ apiKey: KEYS.all, workspaceId: '00000000-0000-4000-8000-000000000000', baseUrl: sandbox.url });
    expect(await unknown.usage.get().catch((e: unknown) => e)).toBeInstanceOf(NotFoundError);
  });
});
