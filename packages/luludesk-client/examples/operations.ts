import { createLuluDeskDataClient, getUsage, listHandoffs, PermissionDeniedError } from '@apiforge/luludesk-client/operations';

// One function per operation: a bundle ships only the operations it imports.
const luludesk = createLuluDeskDataClient({
  apiKey: process.env.LULUDESK_API_KEY!,
  workspaceId: process.env.LULUDESK_WORKSPACE_ID!,
  timeoutMs: 10_000,
});

const usage = await getUsage(luludesk, { maxRetries: 1 });
console.log(`${Math.round(usage.data.messages_utilisation * 100)} % of the message allowance used`);

try {
  for await (const handoff of listHandoffs(luludesk, { status: 'pending', limit: 50 })) {
    console.log(handoff.id, handoff.created_at);
  }
} catch (error) {
  if (!(error instanceof PermissionDeniedError)) throw error; // the key lacks read:handoffs
}
