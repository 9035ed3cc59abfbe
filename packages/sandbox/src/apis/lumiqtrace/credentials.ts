import type { Credential } from '../../engine/index.js';

const INGEST = ['projectApiKey'];
const SESSION = ['sessionBearer'];
const MEMBER = ['org:member'];

/** Fixed sandbox credentials (documented in the README exactly like this). */
export const lumiqtraceCredentials: ReadonlyMap<string, Credential> = new Map<string, Credential>([
  ['lqt_sandbox_ingest', { org: 'acme', scopes: [], kind: 'project API key (proj_acme)', schemes: INGEST }],
  ['lqt_sandbox_revoked', { org: 'acme', scopes: [], kind: 'project API key (revoked)', schemes: INGEST, revoked: true }],
  ['lqt_sandbox_quota', { org: 'smallco', scopes: [], kind: 'project API key (proj_smallco, quota 10 events/month)', schemes: INGEST }],
  ['lumiq_session_acme', { org: 'acme', scopes: MEMBER, kind: 'session of a member of acme', schemes: SESSION }],
  ['lumiq_session_outsider', { org: 'globex', scopes: MEMBER, kind: 'session of a user outside acme (member of globex)', schemes: SESSION }],
  ['lumiq_session_expired', { org: 'acme', scopes: MEMBER, kind: 'expired session', schemes: SESSION, revoked: true }],
]);

/** The project each ingest key writes to (keys are project-scoped). */
export const INGEST_KEY_PROJECTS: ReadonlyMap<string, string> = new Map([
  ['lqt_sandbox_ingest', 'proj_acme'],
  ['lqt_sandbox_revoked', 'proj_acme'],
  ['lqt_sandbox_quota', 'proj_smallco'],
]);
