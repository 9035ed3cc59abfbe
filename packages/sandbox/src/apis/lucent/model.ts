export const ISSUE_STATUSES = ['unresolved', 'ticket_created', 'transient', 'resolved'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];
export type IssueSeverity = 'low' | 'medium' | 'high' | 'critical';

export interface Issue {
  id: string;
  title: string;
  status: IssueStatus;
  severity: IssueSeverity;
  sessionCount: number;
  userCount: number;
  firstSeenAt: string;
  lastSeenAt: string;
  createdAt: string;
  updatedAt: string;
  url: string;
  summary: string;
  affectedPages: string[];
  sampleSessionIds: string[];
  ticketUrl: string | null;
}

export interface Signal {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  matchCount: number;
  lastMatchedAt: string | null;
  createdAt: string;
}

export interface Insight {
  id: string;
  title: string;
  body: string;
  category: 'usability' | 'performance' | 'error' | 'conversion';
  relatedIssueIds: string[];
  createdAt: string;
}

export interface OrgSeed {
  issues: Issue[];
  signals: Signal[];
  insights: Insight[];
}

/** The list form of an issue: every IssueSummary field, in schema order. */
export function issueSummary(issue: Issue): Omit<Issue, 'summary' | 'affectedPages' | 'sampleSessionIds' | 'ticketUrl'> {
  return {
    id: issue.id,
    title: issue.title,
    status: issue.status,
    severity: issue.severity,
    sessionCount: issue.sessionCount,
    userCount: issue.userCount,
    firstSeenAt: issue.firstSeenAt,
    lastSeenAt: issue.lastSeenAt,
    createdAt: issue.createdAt,
    updatedAt: issue.updatedAt,
    url: issue.url,
  };
}
