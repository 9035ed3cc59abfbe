// A partner's test of its Lucent integration; runs when LUCENT_BASE_URL is set (mock or sandbox).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LucentClient } from '@apiforge/lucent-client';

const baseUrl = process.env.LUCENT_BASE_URL;

test('lists issues', { skip: !baseUrl && 'LUCENT_BASE_URL is not set' }, async () => {
  const client = new LucentClient({ apiKey: process.env.LUCENT_API_KEY, baseUrl, timeoutMs: 10_000 });
  const page = await client.issues.list({ limit: 5 });
  assert.ok(Array.isArray(page.issues) && page.issues.length > 0);
  assert.equal(typeof page.issues[0].id, 'string');
});
