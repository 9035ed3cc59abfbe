import { OperationCaller } from './caller.js';
import { normalizeBaseUrl } from '@apiforge/client-core/spec-client';
import { assertCredential, type LucentClientOptions } from './config.js';
import {
  getIssue as generatedGetIssue,
  listInsights as generatedListInsights,
  listIssues as generatedListIssues,
  listSignals as generatedListSignals,
  updateIssueStatus as generatedUpdateIssueStatus,
} from './generated/sdk.gen.js';
import type {
  Insight,
  InsightList,
  IssueResponse,
  IssueList,
  IssueStatusUpdate,
  IssueSummary,
  ListInsightsData,
  ListIssuesData,
  ListSignalsData,
  Signal,
  SignalList,
} from './generated/types.gen.js';
import {
  DEFAULT_SERVER_URL,
  getIssueMeta,
  listInsightsMeta,
  listIssuesMeta,
  listSignalsMeta,
  updateIssueStatusMeta,
} from './generated/spec-meta.gen.js';
import { paginateOperation, type PageIterator } from './pagination.js';
import { createTransports, type RequestOptions } from './retry.js';

/**
 * The Data API as standalone functions, one per operation, for bundles that
 * ship only what they call: `import { createLucentDataClient, getIssue } from
 * '@apiforge/lucent-client/operations'`. LucentClient's resources call these
 * same functions, so both behave alike (retries, timeouts, typed errors).
 */

export type IssueListParams = NonNullable<ListIssuesData['query']>;
export type SignalListParams = NonNullable<ListSignalsData['query']>;
export type InsightListParams = NonNullable<ListInsightsData['query']>;

/**
 * A Data API connection: credential, base URL, retry and timeout settings. The
 * credential lives only in a closure inside it, never in a property. Only
 * createLucentDataClient makes one (the operations call its hidden `call`).
 */
export interface LucentDataClient {
  /** Where requests go (no credential in it). */
  readonly baseUrl: string;
}

/** Checks the credential (see LucentClientOptions) and prepares the transport; sends nothing. */
export function createLucentDataClient(options: LucentClientOptions): LucentDataClient {
  const apiKey = assertCredential('data', options?.apiKey);
  // The Data API is the spec's document-level server (defaultBaseUrlFor('data')).
  return new OperationCaller(normalizeBaseUrl(options.baseUrl, DEFAULT_SERVER_URL), apiKey, createTransports(options));
}

/** Issues newest first, optionally by status. Await it for one page; iterate it for every issue. */
export function listIssues(
  client: LucentDataClient,
  params: IssueListParams = {},
  options?: RequestOptions,
): PageIterator<IssueList, IssueSummary, IssueListParams> {
  const caller = client as OperationCaller;
  return paginateOperation(listIssuesMeta.pagination, params, (page) =>
    caller.call<IssueList>(listIssuesMeta, generatedListIssues, { query: page }, options),
  );
}

/** The issue, wrapped in `issue` as on the wire; NotFoundError when it is not in the token's organization. */
export function getIssue(client: LucentDataClient, issueId: string, options?: RequestOptions): Promise<IssueResponse> {
  // An empty id is refused by the SDK client before anything is sent.
  return (client as OperationCaller).call(getIssueMeta, generatedGetIssue, { path: { issueId } }, options);
}

/** Sets the status (needs write:issues). Idempotent, so it is retried like a read. */
export function updateIssueStatus(
  client: LucentDataClient,
  issueId: string,
  update: IssueStatusUpdate,
  options?: RequestOptions,
): Promise<IssueResponse> {
  return (client as OperationCaller).call(updateIssueStatusMeta, generatedUpdateIssueStatus, { path: { issueId }, body: update }, options);
}

/** Signals with match counts, newest first. */
export function listSignals(
  client: LucentDataClient,
  params: SignalListParams = {},
  options?: RequestOptions,
): PageIterator<SignalList, Signal, SignalListParams> {
  const caller = client as OperationCaller;
  return paginateOperation(listSignalsMeta.pagination, params, (page) =>
    caller.call<SignalList>(listSignalsMeta, generatedListSignals, { query: page }, options),
  );
}

/** AI-generated insights, newest first. */
export function listInsights(
  client: LucentDataClient,
  params: InsightListParams = {},
  options?: RequestOptions,
): PageIterator<InsightList, Insight, InsightListParams> {
  const caller = client as OperationCaller;
  return paginateOperation(listInsightsMeta.pagination, params, (page) =>
    caller.call<InsightList>(listInsightsMeta, generatedListInsights, { query: page }, options),
  );
}

export * from './errors.js';
export { LucentCredentialError, type LucentClientOptions, type RetryTuning } from './config.js';
export type { PageIterator } from './pagination.js';
export type { RequestOptions } from './retry.js';
export type { Insight, InsightList, Issue, IssuePriority, IssueResponse, IssueList, IssueStatus, IssueStatusUpdate, IssueSummary, Signal, SignalList } from './generated/types.gen.js';
