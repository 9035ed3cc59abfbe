import { SEED_PLANS } from './seed.js';

/**
 * Values of the seeded data an example request can name, by parameter name, for one workspace (the `org`
 * of a fixture credential): the workspace id itself (`/api/v1/workspaces/{id}`). Empty for an unknown one.
 */
export function luludeskSampleValues(org: string): Readonly<Record<string, string>> {
  return org in SEED_PLANS ? { id: org } : {};
}
