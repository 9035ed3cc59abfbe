import { afterEach, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  LuluDeskClient,
  LuluDeskCredentialError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  type Conversation,
  type Handoff,
} from '../src/index.js';
import { startFakeServer, type FakeServer, type Scripted } from './support/fake-server.js';
import { FIRST, KEYS } from './support/keys.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(respond: Parameters<typeof startFakeServer>[0], options: { maxRetries?: number } = {}) {
  server = await startFakeServer(respond);
  return new LuluDeskClient({ apiKey: KEYS.all, workspaceId: FIRST, baseUrl: server.url, retry: { initialRetryDelayMs: 1, maxBackoffMs: 5 }, ...options });
}

const conversation = (n: number): Conversation => ({
  id: `conv_${String(n).padStart(3, '0')}`,
  workspace_id: FIRST,
  started_at: new Date(Date.UTC(2026, 4, 1) - n * 60_000).toISOString(),
  ended_at: null,
  message_count: n,
  handoff_id: null,
  status: 'open',
});
// The handoff object is our model (LuluDesk documents none), so every field of the type is optional.
const handoff = (n: number) => ({
  id: `ho_${n}`,
  workspace_id: FIRST,
  conversation_id: `conv_${n}`,
  status: 'pending',
  reason: null,
  created_at: new Date(Date.UTC(2026, 4, 1) - n * 60_000).toISOString(),
  updated_at: new Date(Date.UTC(2026, 4, 1) - n * 60_000).toISOString(),
}) satisfies Handoff;
const error = (status: number, code: string, extra: Record<string, unknown> = {}): Scripted => ({
  status,
  body: { error: code, message: `${code} happened`, ...extra },
  headers: { 'cache-control': 'no-store' },
});

describe('LuluDeskClient against a local fake server', () => {
  it('sends the key as a bearer token to the workspace path', async () => {
    const client = await clientFor(() => ({ status: 200, body: { data: {}, workspace_id: FIRST, meta: { period_type: 'billing_period' } } }));
    await client.usage.get();
    expect(server!.requests[0]).toMatchObject({ method: 'GET', path: `/api/v1/workspaces/${FIRST}/usage` });
    expect(server!.requests[0]!.headers.authorization).toBe(`Bearer ${KEYS.all}`);
  });

  it('defaults to the spec server', () => {
    expect(new LuluDeskClient({ apiKey: KEYS.all, workspaceId: FIRST }).baseUrl).toBe('https://luluclaw.com');
  });

  it('walks conversations by following pagination.next_cursor', async () => {
    const all = Array.from({ length: 25 }, (_, i) => conversation(i));
    const client = await clientFor((request) => {
      const start = Number(request.query.get('cursor') ?? 0);
      const limit = Number(request.query.get('limit'));
      const more = start + limit < all.length;
      return {
        status: 200,
        body: { data: all.slice(start, start + limit), pagination: { page: 1, limit, total: all.length, has_more: more, next_cursor: more ? String(start + limit) : null } },
      };
    });
    const seen = [];
    for await (const item of client.conversations.list({ limit: 10 })) seen.push(item.id);
    expect(seen).toEqual(all.map((c) => c.id));
    expect(server!.requests.map((r) => r.query.get('cursor'))).toEqual([null, '10', '20']);
  });

  it('walks handoffs by sending the last created_at as before, keeping the status filter', async () => {
    const all = Array.from({ length: 12 }, (_, i) => handoff(i));
    const client = await clientFor((request) => {
      const before = request.query.get('before');
      const older = all.filter((h) => before === null || h.created_at < before);
      const limit = Number(request.query.get('limit'));
      return { status: 200, body: { data: older.slice(0, limit), workspace_id: FIRST, meta: { limit, has_more: older.length > limit } } };
    });
    const pages = [];
    for await (const page of client.handoffs.list({ status: 'pending', limit: 5 }).pages()) pages.push(page.data?.length);
    expect(pages).toEqual([5, 5, 2]);
    expect(server!.requests.map((r) => r.query.get('before'))).toEqual([null, all[4]!.created_at, all[9]!.created_at]);
    expect(server!.requests.every((r) => r.query.get('status') === 'pending')).toBe(true);
  });

  it('walks handoffs from a server that sends no meta: full pages continue, a short page ends the walk', async () => {
    const all = Array.from({ length: 7 }, (_, i) => handoff(i));
    const client = await clientFor((request) => {
      const before = request.query.get('before');
      const limit = Number(request.query.get('limit'));
      return { status: 200, body: { data: all.filter((h) => before === null || h.created_at < before).slice(0, limit) } };
    });
    const ids = [];
    for await (const item of client.handoffs.list({ limit: 3 })) ids.push(item.id);
    expect(ids).toEqual(all.map((h) => h.id));
    expect(server!.requests).toHaveLength(3);
  });

  it('walks knowledge sources by page number up to meta.total', async () => {
    const client = await clientFor((request) => {
      const page = Number(request.query.get('page') ?? 1);
      return { status: 200, body: { data: page <= 2 ? [{ id: `ks_${page}a` }, { id: `ks_${page}b` }] : [{ id: 'ks_3a' }], workspace_id: FIRST, meta: { total: 5, page, limit: 2 } } };
    });
    const ids = [];
    for await (const source of client.knowledgeSources.list({ limit: 2 })) ids.push(source.id);
    expect(ids).toEqual(['ks_1a', 'ks_1b', 'ks_2a', 'ks_2b', 'ks_3a']);
    expect(server!.requests).toHaveLength(3);
  });

  it('throws UnprocessableEntityError with the code and details of a 422', async () => {
    const details = [{ field: 'limit', value: '0', constraint: 'integer between 1 and 100' }];
    const client = await clientFor(() => error(422, 'invalid_params', { details }));
    const thrown = await client.conversations.list({ limit: 0 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(thrown).toBeInstanceOf(UnprocessableEntityError);
    expect((thrown as UnprocessableEntityError).code).toBe('invalid_params');
    expect((thrown as UnprocessableEntityError).message).toBe('invalid_params happened');
    expect((thrown as UnprocessableEntityError).details).toEqual(details);
    expect(server!.requests).toHaveLength(1);
  });

  it.each([
    [401, 'auth_required', AuthenticationError],
    [403, 'insufficient_scope', PermissionDeniedError],
    [403, 'forbidden', PermissionDeniedError],
    [404, 'workspace_not_found', NotFoundError],
  ] as const)('maps %i %s to its error class without retrying', async (status, code, ErrorClass) => {
    const client = await clientFor(() => error(status, code));
    const thrown = await client.insights.get().catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(ErrorClass);
    expect((thrown as { code: string }).code).toBe(code);
    expect(server!.requests).toHaveLength(1);
    expect(JSON.stringify(thrown)).not.toContain(KEYS.all);
  });

  it('retries 429 after Retry-After and 500 with backoff, then succeeds', async () => {
    const ok = { status: 200, body: { data: [], workspace_id: FIRST, meta: { total: 0, page: 1, limit: 20 } } };
    const client = await clientFor((_request, index) =>
      index === 0 ? { ...error(429, 'rate_limited'), headers: { 'retry-after': '0' } } : index === 1 ? error(500, 'internal_error') : ok,
    );
    expect((await client.knowledgeSources.list()).meta.total).toBe(0);
    expect(server!.requests).toHaveLength(3);
  });

  it('gives up with RateLimitError carrying retryAfter when retries are off', async () => {
    const client = await clientFor(() => ({ ...error(429, 'rate_limited'), headers: { 'retry-after': '23' } }), { maxRetries: 0 });
    const thrown = await client.usage.get().catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(RateLimitError);
    expect((thrown as RateLimitError).retryAfter).toBe(23);
  });
});

describe('LuluDeskClient construction', () => {
  it.each([
    [{ apiKey: undefined }, /needs a workspace API key starting with lld_ in `apiKey`; none was given/],
    [{ apiKey: 'lld_' }, /only the prefix/],
    [{ apiKey: 'luc_api_sandbox_read' }, /none of these prefixes/],
    [{ workspaceId: 'my-workspace' }, /needs the workspace UUID/],
  ])('refuses %j, never echoing the key', (override, message) => {
    const construct = () => new LuluDeskClient({ apiKey: KEYS.all, workspaceId: FIRST, ...override } as never);
    expect(construct).toThrow(LuluDeskCredentialError);
    expect(construct).toThrow(message);
    try {
      construct();
    } catch (e) {
      expect(String((e as Error).message)).not.toContain('sandbox_read');
    }
  });
});
