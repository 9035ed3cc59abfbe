import { LuluDeskClient } from '@apiforge/luludesk-client';

const client = new LuluDeskClient({
  apiKey: process.env.LULUDESK_API_KEY!,
  workspaceId: process.env.LULUDESK_WORKSPACE_ID!,
});

// Every conversation, newest first: the client follows pagination.next_cursor.
for await (const conversation of client.conversations.list({ limit: 100 })) {
  console.log(conversation.started_at, conversation.status, conversation.message_count);
}

// Pending handoffs: the client sends the last handoff's created_at as `before`.
for await (const handoff of client.handoffs.list({ status: 'pending' })) {
  console.log(handoff.created_at, handoff.reason ?? '(no reason)');
}

// Page by page: knowledge sources are numbered pages up to meta.total.
for await (const page of client.knowledgeSources.list({ limit: 20 }).pages()) {
  console.log(`page ${page.meta.page}: ${page.data.map((source) => `${source.name} (${source.status})`).join(', ')}`);
}

// Awaiting a list gives its first page only.
const first = await client.conversations.list({ limit: 20 });
console.log(`${first.pagination.total} conversations in all`);
