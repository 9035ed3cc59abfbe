import { cursorPagination, normalizeBaseUrl, operationCallerOf, paginate, type OperationClient, type Paginated } from '@apiforge/client-core';
import { createCaller } from './caller.js';
import { assertCredential, defaultBaseUrlFor, type LumiqTraceClientOptions } from './config.js';
import {
  getCosts as generatedGetCosts,
  getPerformance as generatedGetPerformance,
  getProjectOverview as generatedGetProjectOverview,
  getTrace as generatedGetTrace,
  listEvents as generatedListEvents,
} from './generated/sdk.gen.js';
import { OPERATION_META, type OperationId } from './generated/spec-meta.gen.js';
import type {
  CostReport,
  Event,
  EventList,
  GetCostsData,
  GetPerformanceData,
  GetTraceData,
  ListEventsData,
  PerformanceReport,
  ProjectOverview,
  TraceTree,
} from './generated/types.gen.js';
import type { RequestOptions } from './transports.js';

/**
 * The dashboard endpoints as standalone functions, one per operation, for bundles that ship only what
 * they call: `import { createLumiqTraceDataClient, getPerformance } from '@apiforge/lumiqtrace-client/operations'`.
 * LumiqTraceClient's resources call these same functions, so both behave alike (spec-driven retries,
 * timeouts, typed errors, pagination).
 */

export type EventListParams = ListEventsData['query'];
export type TraceParams = GetTraceData['query'];
export type CostParams = GetCostsData['query'];
export type PerformanceParams = GetPerformanceData['query'];

/** `await list()` is the first page, `for await` every event across pages, `.pages()` page by page. */
export type PageIterator<Page, Item, Params> = Paginated<Page, Item, Params>;

/**
 * A dashboard connection: session token, base URL, retry and timeout settings. The token lives only
 * in a closure inside it, never in a property. Only createLumiqTraceDataClient makes one.
 */
export type LumiqTraceDataClient = OperationClient;

/** Checks the session token (see LumiqTraceClientOptions) and prepares the transport; sends nothing. */
export function createLumiqTraceDataClient(options: LumiqTraceClientOptions): LumiqTraceDataClient {
  const token = assertCredential('data', options?.sessionToken);
  return createCaller(normalizeBaseUrl(options.baseUrl, defaultBaseUrlFor('data')), token, options);
}

const LIST_EVENTS = OPERATION_META.listEvents.pagination;

/** A project's events, newest first, filtered by model, status, time range, environment or user. */
export function listEvents(
  client: LumiqTraceDataClient,
  params: EventListParams,
  options?: RequestOptions,
): PageIterator<EventList, Event, EventListParams> {
  const caller = operationCallerOf<OperationId>(client);
  return paginate<EventList, Event, EventListParams>({
    params,
    fetchPage: (page) => caller.call<EventList>('listEvents', generatedListEvents, [page], options),
    getItems: (page) => (page as unknown as Record<string, readonly Event[]>)[LIST_EVENTS.itemsField] ?? [],
    nextParams: cursorPagination<EventList, EventListParams>({ cursorParam: LIST_EVENTS.cursorParam, cursorField: LIST_EVENTS.nextCursorField }),
  });
}

/** Every span of a trace as a tree (root spans with their `children`); NotFoundError for an unknown trace. */
export function getTrace(client: LumiqTraceDataClient, traceId: string, params: TraceParams, options?: RequestOptions): Promise<TraceTree> {
  return operationCallerOf<OperationId>(client).call('getTrace', generatedGetTrace, [traceId, params], options);
}

/** Headline KPIs, timeline, top models and latest failures of a project (the path's `id` is its projectId). */
export function getProjectOverview(client: LumiqTraceDataClient, projectId: string, options?: RequestOptions): Promise<ProjectOverview> {
  return operationCallerOf<OperationId>(client).call('getProjectOverview', generatedGetProjectOverview, [projectId], options);
}

/**
 * Spend per model and per day, month to date, a 30-day forecast and the prompt-cache hit rate. LumiqTrace does
 * not publish the field names of this report; the spec's names are assumptions and every field is optional.
 */
export function getCosts(client: LumiqTraceDataClient, params: CostParams, options?: RequestOptions): Promise<CostReport> {
  return operationCallerOf<OperationId>(client).call('getCosts', generatedGetCosts, [params], options);
}

/**
 * Latency percentiles, time to first token, throughput and timeout rate. LumiqTrace does not publish the field
 * names of this report; the spec's names are assumptions and every field is optional.
 */
export function getPerformance(client: LumiqTraceDataClient, params: PerformanceParams, options?: RequestOptions): Promise<PerformanceReport> {
  return operationCallerOf<OperationId>(client).call('getPerformance', generatedGetPerformance, [params], options);
}

export * from './errors.js';
export type { LumiqTraceClientOptions, RetryTuning } from './config.js';
export type { RequestOptions } from './transports.js';
export type { CostReport, Event, EventList, PerformanceReport, ProjectOverview, TraceTree } from './generated/types.gen.js';
