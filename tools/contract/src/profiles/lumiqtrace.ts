import { randomUUID } from 'node:crypto';
import { credentialFor, expectDocumented, expectSuccess } from '../derive/common.js';
import type { ApiModel } from '../spec.js';
import type { CaseDef } from '../types.js';
import type { ApiProfile, TokenFixture } from './types.js';

const HOME = 'proj_acme';

/** The quota key's organization has a monthly quota of 10 events (the sandbox README). */
const QUOTA = { token: 'quota-key', events: 10 } as const;

/** Events stored in a project, from the sandbox's GET /_sandbox/projects. */
function storedEvents(body: unknown, project: string): number {
  const projects = (body as { projects?: { id: string; events: number }[] }).projects ?? [];
  const found = projects.find((p) => p.id === project);
  if (!found) throw new Error(`/_sandbox/projects lists no ${project}`);
  return found.events;
}

/** LumiqTrace-only: the monthly quota 429 reaches only an organization that used its events up. */
function quotaCases(model: ApiModel, profile: ApiProfile): CaseDef[] {
  const op = model.operation('ingestEvents');
  const token = profile.tokens.find((t) => t.name === QUOTA.token) as TokenFixture;
  const line = op.requestBody?.content[0]?.examples[0]?.value as Record<string, unknown>;
  const events = (count: number) => Array.from({ length: count }, () => ({ ...line, event_id: randomUUID() }));
  return [
    {
      kind: 'errors',
      name: `ingestEvents: the organization's monthly quota (${QUOTA.events} events) used up → 429 quotaExceeded`,
      operationId: op.id,
      needs: ['writes', 'credential-values', 'ndjson-bodies'],
      group: 'quota:ingestEvents',
      async run(ctx) {
        const request = await ctx.safeRequest(op, token);
        const auth = credentialFor(ctx, op, token);
        const fits = await ctx.send(op, { ...request, auth, body: events(QUOTA.events) });
        if (fits.status !== 202) return expectSuccess(fits, `202 for the first ${QUOTA.events} events of the month`);
        // The 429 is this case's point: not retried after Retry-After, not counted as a throttle of the suite's making.
        return expectDocumented(ctx, op, await ctx.send(op, { ...request, auth, body: events(1), expectThrottle: true }), { status: 429, example: 'quotaExceeded' });
      },
    },
  ];
}

/**
 * LumiqTrace: project API keys (x-api-key, `lqt_`) for ingest and opaque session tokens (bearer, no
 * prefix: each fixture names its scheme) for everything else. The tenant is the project, named by
 * `projectId` in the query or `id` in the overview's path; a session outside the project's organization gets
 * 403 notAMember.
 */
export const lumiqtraceProfile: ApiProfile = {
  api: 'lumiqtrace',
  specModule: '@apiforge/lumiqtrace-openapi/openapi.json',
  homeTenant: HOME,
  errorBodyMatch: 'exact',
  tokens: [
    { name: 'ingest-key', value: 'lqt_sandbox_ingest', env: 'LUMIQTRACE_CONTRACT_API_KEY', tenant: HOME, scopes: [] },
    { name: 'ingest-revoked', value: 'lqt_sandbox_revoked', env: 'LUMIQTRACE_CONTRACT_REVOKED_API_KEY', scopes: [], revoked: true },
    { name: 'member', value: 'lumiq_session_acme', env: 'LUMIQTRACE_CONTRACT_SESSION', tenant: HOME, scopes: ['org:member'], scheme: 'sessionBearer' },
    { name: 'outsider', value: 'lumiq_session_outsider', env: 'LUMIQTRACE_CONTRACT_OUTSIDER_SESSION', tenant: 'proj_globex', scopes: ['org:member'], scheme: 'sessionBearer' },
    { name: 'expired', value: 'lumiq_session_expired', env: 'LUMIQTRACE_CONTRACT_EXPIRED_SESSION', scopes: [], revoked: true, scheme: 'sessionBearer' },
    { name: QUOTA.token, value: 'lqt_sandbox_quota', env: 'LUMIQTRACE_CONTRACT_QUOTA_API_KEY', tenant: 'proj_smallco', scopes: [] },
  ],
  // The overview names its project `{id}` in the path, as the reference does; it is the same projectId.
  pathParams: { projectId: { tenant: true }, id: { tenant: true }, traceId: { operationId: 'listEvents', field: 'trace_id' } },
  foreignTenant: { status: 403, example: 'notAMember' },
  ndjson: { tooManyExample: 'tooManyEvents', invalidLineExample: 'invalidLine' },
  recordCount: { path: '/_sandbox/projects', count: storedEvents },
  extraCases: quotaCases,
  liveEnv: {},
};
