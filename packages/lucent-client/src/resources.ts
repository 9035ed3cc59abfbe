import type {
  Insight,
  InsightList,
  IssueResponse,
  IssueList,
  IssueStatusUpdate,
  IssueSummary,
  Signal,
  SignalList,
} from './generated/types.gen.js';
import {
  getIssue,
  listInsights,
  listIssues,
  listSignals,
  updateIssueStatus,
  type InsightListParams,
  type IssueListParams,
  type LucentDataClient,
  type SignalListParams,
} from './operation-functions.js';
import type { PageIterator } from './pagination.js';
import type { RequestOptions } from './retry.js';

export type { IssueListParams, SignalListParams, InsightListParams };

export class IssuesResource {
  readonly #client: LucentDataClient;

  constructor(client: LucentDataClient) {
    this.#client = client;
  }

  /** Issues newest first, optionally by status. Await it for one page; iterate it for every issue. */
  list(params: IssueListParams = {}, options?: RequestOptions): PageIterator<IssueList, IssueSummary, IssueListParams> {
    return listIssues(this.#client, params, options);
  }

  /** The issue, wrapped in `issue` as on the wire; NotFoundError when it is not in the token's organization. */
  get(issueId: string, options?: RequestOptions): Promise<IssueResponse> {
    return getIssue(this.#client, issueId, options);
  }

  /** Sets the status (needs write:issues). Idempotent, so it is retried like a read. */
  updateStatus(issueId: string, update: IssueStatusUpdate, options?: RequestOptions): Promise<IssueResponse> {
    return updateIssueStatus(this.#client, issueId, update, options);
  }
}

export class SignalsResource {
  readonly #client: LucentDataClient;

  constructor(client: LucentDataClient) {
    this.#client = client;
  }

  /** Signals with match counts, newest first. */
  list(params: SignalListParams = {}, options?: RequestOptions): PageIterator<SignalList, Signal, SignalListParams> {
    return listSignals(this.#client, params, options);
  }
}

export class InsightsResource {
  readonly #client: LucentDataClient;

  constructor(client: LucentDataClient) {
    this.#client = client;
  }

  /** AI-generated insights, newest first. */
  list(params: InsightListParams = {}, options?: RequestOptions): PageIterator<InsightList, Insight, InsightListParams> {
    return listInsights(this.#client, params, options);
  }
}
