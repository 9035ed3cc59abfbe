// A partner's test of its LuluDesk integration; runs when LULUDESK_BASE_URL is set (mock or sandbox).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LuluDeskClient } from '@apiforge/luludesk-client';

const baseUrl = process.env.LULUDESK_BASE_URL;

test('lists conversations', { skip: !baseUrl && 'LULUDESK_BASE_URL is not set' }, async () => {
  const client = new LuluDeskClient({ apiKey: process.env.LULUDESK_API_KEY, workspaceId: process.env.LULUDESK_WORKSPACE_ID, baseUrl, timeoutMs: 10_000 });
  const page = await client.conversations.list({ limit: 5 });
  assert.ok(Array.isArray(page.data) && page.data.length > 0);
});
