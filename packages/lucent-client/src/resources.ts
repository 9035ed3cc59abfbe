import type { OperationCaller } from './caller.js';
import { getIssue, listInsights, listIssues, listSignals, updateIssueStatus } from './generated/sdk.gen.js';
import type {
  Insight,
  InsightList,
  IssueDetail,
  IssueList,
  IssueStatusUpdate,
  IssueSummary,
  ListInsightsData,
  ListIssuesData,
  ListSignalsData,
  Signal,
  SignalList,
} from './generated/types.gen.js';
import { paginateOperation, type PageIterator } from './pagination.js';
import type { RequestOptions } from './retry.js';

export type IssueListParams = NonNullable<ListIssuesData['query']>;
export type SignalListParams = NonNullable<ListSignalsData['query']>;
export type InsightListParams = NonNullable<ListInsightsData['query']>;

export class IssuesResource {
  readonly #caller: OperationCaller;

  constructor(caller: OperationCaller) {
    this.#caller = caller;
  }

  /** Issues newest first, optionally by status. Await it for one page; iterate it for every issue. */
  list(params: IssueListParams = {}, options?: RequestOptions): PageIterator<IssueList, IssueSummary, IssueListParams> {
    return paginateOperation('listIssues', params, (page) =>
      this.#caller.call<IssueList>('listIssues', listIssues, [page], options),
    );
  }

  /** One issue with its analysis; NotFoundError when it is not in the token's organization. */
  get(issueId: string, options?: RequestOptions): Promise<IssueDetail> {
    return this.#caller.call('getIssue', getIssue, [issueId], options);
  }

  /** Sets the status (needs write:issues). Idempotent, so it is retried like a read. */
  updateStatus(issueId: string, update: IssueStatusUpdate, options?: RequestOptions): Promise<IssueDetail> {
    return this.#caller.call('updateIssueStatus', updateIssueStatus, [issueId, update], options);
  }
}

export class SignalsResource {
  readonly #caller: OperationCaller;

  constructor(caller: OperationCaller) {
    this.#caller = caller;
  }

  /** Signals with match counts, newest first. */
  list(params: SignalListParams = {}, options?: RequestOptions): PageIterator<SignalList, Signal, SignalListParams> {
    return paginateOperation('listSignals', params, (page) =>
      this.#caller.call<SignalList>('listSignals', listSignals, [page], options),
    );
  }
}

export class InsightsResource {
  readonly #caller: OperationCaller;

  constructor(caller: OperationCaller) {
    this.#caller = caller;
  }

  /** AI-generated insights, newest first. */
  list(params: InsightListParams = {}, options?: RequestOptions): PageIterator<InsightList, Insight, InsightListParams> {
    return paginateOperation('listInsights', params, (page) =>
      this.#caller.call<InsightList>('listInsights', listInsights, [page], options),
    );
  }
}
