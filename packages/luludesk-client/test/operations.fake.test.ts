import { afterEach, describe, expect, it } from 'vitest';
import { createLuluDeskDataClient, getUsage, listConversations, LuluDeskCredentialError, NotFoundError } from '../src/operation-functions.js';
import { startFakeServer, type FakeServer } from './support/fake-server.js';
import { FIRST, KEYS } from './support/keys.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the /operations entry against a local fake server', () => {
  it('sends each operation to the workspace path with the key, and keeps the key out of the client', async () => {
    server = await startFakeServer((request) =>
      request.path.endsWith('/usage')
        ? { status: 200, body: { data: {}, workspace_id: FIRST, meta: { period_type: 'billing_period' } } }
        : { status: 200, body: { data: [], pagination: { next_cursor: null } } },
    );
    const luludesk = createLuluDeskDataClient({ apiKey: KEYS.all, workspaceId: FIRST, baseUrl: `${server.url}/` });
    expect(luludesk.baseUrl).toBe(server.url);
    expect(JSON.stringify(luludesk)).not.toContain(KEYS.all);
    await getUsage(luludesk);
    const conversations = [];
    for await (const conversation of listConversations(luludesk, { limit: 10 })) conversations.push(conversation);
    expect(conversations).toEqual([]);
    expect(server.requests.map((request) => request.path)).toEqual([
      `/api/v1/workspaces/${FIRST}/usage`,
      `/api/v1/workspaces/${FIRST}/conversations`,
    ]);
    expect(server.requests[1]!.query.get('limit')).toBe('10');
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${KEYS.all}`);
  });

  it('checks the key and workspace like LuluDeskClient, and maps errors to the same classes', async () => {
    expect(() => createLuluDeskDataClient({ apiKey: 'nope', workspaceId: FIRST })).toThrow(LuluDeskCredentialError);
    expect(() => createLuluDeskDataClient({ apiKey: KEYS.all, workspaceId: 'w1' })).toThrow(LuluDeskCredentialError);
    server = await startFakeServer(() => ({ status: 404, body: { error: 'workspace_not_found', message: 'no such workspace' } }));
    const luludesk = createLuluDeskDataClient({ apiKey: KEYS.all, workspaceId: FIRST, baseUrl: server.url });
    await expect(getUsage(luludesk)).rejects.toBeInstanceOf(NotFoundError);
    expect(() => getUsage({ baseUrl: server!.url })).toThrow(/create…Client\(options\)/);
  });
});
