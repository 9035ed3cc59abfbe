import type { ApiEnvironment, ListOrder } from '../../engine/index.js';
import { issueSummary, type Insight, type Issue, type Signal } from './model.js';
import { SEED_PLANS, seedOrg } from './seed.js';

export interface OrgData {
  /** The organization's workspace name in its ticket system's URLs. */
  workspace: string;
  /** Sorted in list order; createdAt and id never change, so the order survives updates. */
  issues: Issue[];
  issuesById: Map<string, Issue>;
  signals: Signal[];
  insights: Insight[];
}

export interface IngestSession {
  id: string;
  org: string;
  /** Digest of each accepted batch by sequence: a re-sent batch must be the same batch. */
  sequences: Map<number, string>;
  batches: number;
  events: number;
  finalReceived: boolean;
}

/** Replay sessions an organization keeps at most; past it the least recently created one is dropped. */
export const MAX_SESSIONS_PER_ORG = 10_000;
/** Batch digests a session keeps at most; past it the oldest are forgotten (a re-send of one counts as new). */
export const MAX_SEQUENCES_PER_SESSION = 10_000;

export interface LucentState {
  orgs: Map<string, OrgData>;
  /** By `${org}\0${session id}`, in creation order. */
  sessions: Map<string, IngestSession>;
  /** Sessions per organization, to apply MAX_SESSIONS_PER_ORG. */
  sessionCount: Map<string, number>;
  /** Serialized IssueSummary (the list form) per issue id, dropped when the issue changes. */
  summaryJson: Map<string, string>;
}

function sortBy<T>(records: T[], order: ListOrder): T[] {
  return records.sort((a, b) =>
    order.compareKeys(order.keyOf(a as Record<string, unknown>), order.keyOf(b as Record<string, unknown>)),
  );
}

export function createLucentState(env: ApiEnvironment): LucentState {
  const orgs = new Map<string, OrgData>();
  for (const [org, plan] of Object.entries(SEED_PLANS)) {
    const seed = seedOrg(plan);
    const issues = sortBy(seed.issues, env.orderOf('listIssues'));
    orgs.set(org, {
      workspace: plan.workspace,
      issues,
      issuesById: new Map(issues.map((issue) => [issue.id, issue])),
      signals: sortBy(seed.signals, env.orderOf('listSignals')),
      insights: sortBy(seed.insights, env.orderOf('listInsights')),
    });
  }
  return { orgs, sessions: new Map(), sessionCount: new Map(), summaryJson: new Map() };
}

/** The issue's list entry as JSON: only the IssueSummary fields (no analysis, no updatedAt), cached until it changes. */
export function summaryJsonOf(state: LucentState, issue: Issue): string {
  let json = state.summaryJson.get(issue.id);
  if (json === undefined) {
    json = JSON.stringify(issueSummary(issue));
    state.summaryJson.set(issue.id, json);
  }
  return json;
}
