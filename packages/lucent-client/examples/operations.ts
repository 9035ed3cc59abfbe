import { createLucentDataClient, getIssue, listIssues, NotFoundError } from '@apiforge/lucent-client/operations';

// One function per operation: a bundle ships only the operations it imports.
const lucent = createLucentDataClient({ apiKey: process.env.LUCENT_API_KEY!, timeoutMs: 10_000 });

const page = await listIssues(lucent, { status: 'unresolved', limit: 10 });
for (const summary of page.issues) {
  try {
    const { issue } = await getIssue(lucent, summary.id, { maxRetries: 1 });
    console.log(issue.title, issue.priority, issue.ticketUrl ?? 'no ticket');
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error; // resolved and purged meanwhile
  }
}
