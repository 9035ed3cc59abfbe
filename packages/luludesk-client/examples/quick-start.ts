import { LuluDeskClient } from '@apiforge/luludesk-client';

// A workspace API key (lld_…) and the workspace it belongs to.
const client = new LuluDeskClient({
  apiKey: process.env.LULUDESK_API_KEY!,
  workspaceId: process.env.LULUDESK_WORKSPACE_ID!,
});

const summary = await client.insights.get();
console.log(`${summary.data.conversations.total} conversations, ${summary.data.handoffs.pending} handoffs pending`);

const usage = await client.usage.get();
console.log(`${Math.round(usage.data.messages_utilisation * 100)} % of the message allowance used`);
