import { LuluDeskClient, PermissionDeniedError } from '@apiforge/luludesk-client';

// apiKey, workspaceId and baseUrl come from LULUDESK_API_KEY, LULUDESK_WORKSPACE_ID and LULUDESK_BASE_URL.
const client = new LuluDeskClient({
  defaultHeaders: { 'X-Report': 'weekly' },
  logLevel: 'warn', // retries and failures; or LULUDESK_LOG / APIFORGE_LOG
  onRequest: ({ method, url }) => console.log('→', method, url), // redacted: no key in it
});

const { data: usage, status, requestId } = await client.usage.get().withResponse();
console.log(status, requestId, usage.data.messages_used);

try {
  await client.handoffs.list({ limit: 5 }, { headers: { Prefer: 'code=403' } });
} catch (error) {
  if (error instanceof PermissionDeniedError) console.log(error.code, 'request id:', error.requestId);
  else throw error;
}
