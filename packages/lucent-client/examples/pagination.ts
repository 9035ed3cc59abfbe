import { LucentClient } from '@apiforge/lucent-client';

const client = new LucentClient({ apiKey: process.env.LUCENT_API_KEY! });

// Every issue across all pages; the next page is fetched when this one is used up.
for await (const issue of client.issues.list({ status: 'unresolved' })) {
  console.log(issue.createdAt, issue.title);
}

// Page by page, e.g. to show progress or to store the cursor.
for await (const page of client.signals.list({ limit: 200 }).pages()) {
  console.log(`${page.signals.length} signals, next cursor: ${page.nextCursor ?? 'none'}`);
}

// Stop early: breaking out costs no further requests.
const recent = [];
for await (const insight of client.insights.list()) {
  recent.push(insight);
  if (recent.length === 10) break;
}
