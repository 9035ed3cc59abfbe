import { PROJECT_PLANS, seedAnchor, seedProject } from './seed.js';

/**
 * Values of the seeded data an example request can name, by parameter name, for one organization (the
 * `org` of a fixture credential): its first seeded project (as `projectId` and as the `id` of
 * /v1/projects/{id}) and that project's first seeded trace. Trace ids do not depend on the seed's time
 * anchor. Empty for an unknown org.
 */
export function lumiqtraceSampleValues(org: string): Readonly<Record<string, string>> {
  const plan = PROJECT_PLANS.find((p) => p.org === org);
  if (!plan) return {};
  const trace = seedProject(plan, seedAnchor())[0]?.trace_id;
  return { projectId: plan.project, id: plan.project, ...(trace ? { traceId: trace } : {}) };
}
