// A partner's test of its LumiqTrace integration; runs when LUMIQTRACE_BASE_URL is set (mock or sandbox).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LumiqTraceClient } from '@apiforge/lumiqtrace-client';

const baseUrl = process.env.LUMIQTRACE_BASE_URL;

test('lists events', { skip: !baseUrl && 'LUMIQTRACE_BASE_URL is not set' }, async () => {
  const client = new LumiqTraceClient({ sessionToken: process.env.LUMIQTRACE_SESSION_TOKEN, baseUrl, timeoutMs: 10_000 });
  const page = await client.events.list({ projectId: process.env.LUMIQTRACE_PROJECT_ID, limit: 3 });
  assert.ok(Array.isArray(page.events));
});
