import { SEED_PLANS, seedOrg } from './seed.js';

/**
 * Values of the seeded data an example request can name, by parameter name, for one organization (the
 * `org` of a fixture credential): its first seeded issue. Read from the deterministic seed, so samples
 * that use them are answered 2xx by a freshly started (or reset) sandbox. Empty for an unknown org.
 */
export function lucentSampleValues(org: string): Readonly<Record<string, string>> {
  const plan = SEED_PLANS[org];
  const issue = plan ? seedOrg(plan).issues[0] : undefined;
  return issue ? { issueId: issue.id } : {};
}
