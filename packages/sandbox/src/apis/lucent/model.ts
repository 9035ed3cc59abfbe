export const ISSUE_STATUSES = ['unresolved', 'ticket_created', 'transient', 'resolved'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];
export const ISSUE_PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export type IssuePriority = (typeof ISSUE_PRIORITIES)[number];

/** The ticket linked to an issue; the three fields are optional on the wire and null when no ticket exists. */
export interface IssueTicket {
  ticketProvider?: string | null;
  ticketUrl?: string | null;
  ticketIdentifier?: string | null;
}

/** An issue with every field Lucent documents (`Issue` = `IssueSummary` + the analysis fields), in schema order. */
export interface Issue extends IssueTicket {
  id: string;
  title: string;
  description: string | null;
  status: IssueStatus;
  priority: IssuePriority;
  previewUrl: string | null;
  createdAt: string;
  sessionCount: number;
  stepsToReplicate: string | null;
  aiVerified: boolean | null;
  updatedAt: string;
}

export interface Signal {
  id: string;
  name: string;
  prompt: string;
  /** Lucent lists no values; the sandbox uses `active` and `paused`. */
  status: string;
  backfillStatus: string | null;
  createdAt: string;
  matchCount: number;
  /** Absent or null when no session matched yet. */
  lastMatchAt?: string | null;
}

export interface Insight {
  id: string;
  createdAt: string;
  intervalStart: string;
  intervalEnd: string;
  sessionsCount: number;
  contentPreview: string;
}

export interface OrgSeed {
  issues: Issue[];
  signals: Signal[];
  insights: Insight[];
}

export type IssueSummary = Omit<Issue, 'stepsToReplicate' | 'aiVerified' | 'updatedAt'>;

/** The list form of an issue: the IssueSummary fields in schema order; ticket fields only where the issue has them. */
export function issueSummary(issue: Issue): IssueSummary {
  const summary: IssueSummary = {
    id: issue.id,
    title: issue.title,
    description: issue.description,
    status: issue.status,
    priority: issue.priority,
    previewUrl: issue.previewUrl,
    createdAt: issue.createdAt,
    sessionCount: issue.sessionCount,
  };
  if (issue.ticketProvider !== undefined) summary.ticketProvider = issue.ticketProvider;
  if (issue.ticketUrl !== undefined) summary.ticketUrl = issue.ticketUrl;
  if (issue.ticketIdentifier !== undefined) summary.ticketIdentifier = issue.ticketIdentifier;
  return summary;
}
