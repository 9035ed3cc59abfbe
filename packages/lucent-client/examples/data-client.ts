import { LucentClient } from '@apiforge/lucent-client';

// Accepts API keys (luc_api_), OAuth access tokens (luc_oat_) and legacy keys (luc_mcp_).
const client = new LucentClient({ apiKey: process.env.LUCENT_API_KEY! });

const page = await client.issues.list({ status: 'unresolved', limit: 50 });
console.log(`${page.issues.length} unresolved issues on the first page`);

const first = page.issues[0];
if (first) {
  // The answer wraps the issue, as on the wire: { issue }.
  const { issue } = await client.issues.get(first.id);
  console.log(issue.title, issue.priority, issue.stepsToReplicate ?? '(not analysed yet)');
  // Needs a key with write:issues. Safe to repeat: the spec marks it idempotent.
  await client.issues.updateStatus(issue.id, { status: 'resolved' });
}
