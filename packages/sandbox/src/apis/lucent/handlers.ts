import { createHash } from 'node:crypto';
import {
  exampleReply,
  invalidParameterReply,
  paginate,
  type Handler,
  type Reply,
  type RequestContext,
} from '../../engine/index.js';
import type { Issue, IssueStatus } from './model.js';
import { ticketOf } from './seed.js';
import { MAX_SEQUENCES_PER_SESSION, MAX_SESSIONS_PER_ORG, summaryJsonOf, type LucentState, type OrgData } from './state.js';

type Ctx = RequestContext<LucentState>;

function orgOf(ctx: Ctx): OrgData {
  const org = ctx.principal && ctx.state.orgs.get(ctx.principal.org);
  if (!org) throw new Error(`No data for organization ${ctx.principal?.org ?? '(none)'}`);
  return org;
}

/** The cursor is bound to the endpoint, the organization and every filter of the request. */
function binding(ctx: Ctx, filters: Record<string, unknown>): string {
  return JSON.stringify([ctx.op.id, ctx.principal?.org, filters]);
}

function listPage<T>(ctx: Ctx, records: readonly T[], filters: Record<string, unknown>, matches?: (record: T) => boolean) {
  const pagination = ctx.op.pagination!;
  const cursor = ctx.params[pagination.cursorParam] as string | undefined;
  return paginate({
    sorted: records,
    order: ctx.env.orderOf(ctx.op.id),
    limit: ctx.params['limit'] as number,
    cursor,
    binding: binding(ctx, filters),
    codec: ctx.env.cursors,
    ...(matches ? { matches } : {}),
  });
}

function simpleList(field: 'signals' | 'insights'): Handler<LucentState> {
  return (ctx) => {
    const page = listPage<object>(ctx, orgOf(ctx)[field], {});
    if (!page.ok) return invalidParameterReply(ctx.op, ctx.op.pagination!.cursorParam);
    return { status: 200, body: { [field]: page.items, nextCursor: page.nextCursor } };
  };
}

const listIssues: Handler<LucentState> = (ctx) => {
  const status = ctx.params['status'] as IssueStatus | undefined;
  const page = listPage(ctx, orgOf(ctx).issues, { status: status ?? null }, status ? (issue) => issue.status === status : undefined);
  if (!page.ok) return invalidParameterReply(ctx.op, ctx.op.pagination!.cursorParam);
  let json = '{"issues":[';
  for (let i = 0; i < page.items.length; i++) {
    if (i > 0) json += ',';
    json += summaryJsonOf(ctx.state, page.items[i]!);
  }
  json += `],"nextCursor":${page.nextCursor === null ? 'null' : JSON.stringify(page.nextCursor)}}`;
  return { status: 200, json };
};

/** Lucent's UUID check: 8-4-4-4-12 hex digits, nothing around them. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The issue the path names, or the documented refusal: 400 for an id that is not a UUID, 404 for none in the organization. */
function issueOf(ctx: Ctx, options: { leak?: boolean } = {}): { issue: Issue } | { reply: Reply } {
  const raw = String(ctx.params['issueId']);
  // The engine already refused values that fail the spec's `format: uuid`; this also refuses forms it lets through (urn:uuid:...).
  if (!UUID.test(raw)) return { reply: invalidParameterReply(ctx.op, 'issueId') };
  const id = raw.toLowerCase();
  let issue = orgOf(ctx).issuesById.get(id);
  if (!issue && options.leak) {
    for (const org of ctx.state.orgs.values()) issue ??= org.issuesById.get(id);
  }
  return issue ? { issue } : { reply: exampleReply(ctx.op, 404) };
}

const getIssue: Handler<LucentState> = (ctx) => {
  const found = issueOf(ctx, { leak: ctx.env.faults.has('tenant-leak') });
  if ('reply' in found) return found.reply;
  return { status: 200, body: { issue: found.issue } };
};

/** Sets the status; other body fields are ignored (the body schema is open). Same status again: unchanged, 200. */
const updateIssueStatus: Handler<LucentState> = (ctx) => {
  const found = issueOf(ctx);
  if ('reply' in found) return found.reply;
  const { issue } = found;
  const { status } = ctx.body as { status: IssueStatus };
  if (issue.status !== status) {
    issue.status = status;
    const now = Math.max(Date.now(), Date.parse(issue.updatedAt) + 1);
    issue.updatedAt = new Date(now).toISOString();
    // The sandbox links a ticket while an issue is in ticket_created, and unlinks it when it leaves.
    const ticket =
      status === 'ticket_created'
        ? ticketOf(orgOf(ctx).workspace, Number.parseInt(issue.id.slice(0, 4), 16))
        : { ticketProvider: null, ticketUrl: null, ticketIdentifier: null };
    Object.assign(issue, ticket);
    ctx.state.summaryJson.delete(issue.id);
  }
  return { status: 200, body: { issue } };
};

interface ReplayBatchBody {
  session: { id: string };
  replay: { sequence: number; events: unknown[] };
  flush?: 'normal' | 'final';
}

/** JSON with object keys sorted, so the same batch re-serialized in another key order has the same digest. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

const digestOf = (body: unknown): string => createHash('sha256').update(canonicalJson(body)).digest('base64url');

/**
 * Idempotent per (session id, sequence): the same batch again is 200 and stored once; a different batch
 * under a (session id, sequence) already accepted is 409, and the first one is kept. Runs synchronously,
 * so concurrent duplicates cannot both count. Storage is bounded (state.ts): sessions per organization
 * and batch digests per session, oldest forgotten first.
 */
const submitReplayBatch: Handler<LucentState> = (ctx): Reply => {
  const batch = ctx.body as ReplayBatchBody;
  const org = ctx.principal!.org;
  const key = `${org}\u0000${batch.session.id}`;
  const digest = digestOf(batch);
  let session = ctx.state.sessions.get(key);
  if (!session) {
    session = { id: batch.session.id, org, sequences: new Map(), batches: 0, events: 0, finalReceived: false };
    ctx.state.sessions.set(key, session);
    const count = (ctx.state.sessionCount.get(org) ?? 0) + 1;
    ctx.state.sessionCount.set(org, count);
    if (count > MAX_SESSIONS_PER_ORG) {
      // Maps iterate in insertion order: the first session of this organization is its oldest.
      for (const [other, s] of ctx.state.sessions) {
        if (s.org !== org) continue;
        ctx.state.sessions.delete(other);
        ctx.state.sessionCount.set(org, count - 1);
        break;
      }
    }
  }
  const seen = session.sequences.get(batch.replay.sequence);
  if (seen !== undefined) {
    return seen === digest ? { status: 200, body: { ok: true } } : exampleReply(ctx.op, 409, 'conflictingBatch');
  }
  session.sequences.set(batch.replay.sequence, digest);
  if (session.sequences.size > MAX_SEQUENCES_PER_SESSION) {
    session.sequences.delete(session.sequences.keys().next().value!);
  }
  session.batches += 1;
  session.events += batch.replay.events.length;
  if (batch.flush === 'final') session.finalReceived = true;
  return { status: 200, body: { ok: true } };
};

export const lucentHandlers: Record<string, Handler<LucentState>> = {
  listIssues,
  getIssue,
  updateIssueStatus,
  listSignals: simpleList('signals'),
  listInsights: simpleList('insights'),
  submitReplayBatch,
};
