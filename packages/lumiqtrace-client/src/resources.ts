import { cursorPagination, paginate, type Paginated } from '@apiforge/client-core';
import type { LumiqTraceCaller } from './caller.js';
import { getCosts, getPerformance, getProjectOverview, getTrace, listEvents } from './generated/sdk.gen.js';
import { OPERATION_META } from './generated/spec-meta.gen.js';
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

export type EventListParams = ListEventsData['query'];
export type TraceParams = GetTraceData['query'];
export type CostParams = GetCostsData['query'];
export type PerformanceParams = GetPerformanceData['query'];

/** `await list()` is the first page, `for await` every event across pages, `.pages()` page by page. */
export type PageIterator<Page, Item, Params> = Paginated<Page, Item, Params>;

const LIST_EVENTS = OPERATION_META.listEvents.pagination;

export class EventsResource {
  readonly #caller: LumiqTraceCaller;

  constructor(caller: LumiqTraceCaller) {
    this.#caller = caller;
  }

  /** A project's events, newest first, filtered by model, status, time range, environment or user. */
  list(params: EventListParams, options?: RequestOptions): PageIterator<EventList, Event, EventListParams> {
    return paginate<EventList, Event, EventListParams>({
      params,
      fetchPage: (page) => this.#caller.call<EventList>('listEvents', listEvents, [page], options),
      getItems: (page) => (page as unknown as Record<string, readonly Event[]>)[LIST_EVENTS.itemsField] ?? [],
      nextParams: cursorPagination<EventList, EventListParams>({ cursorParam: LIST_EVENTS.cursorParam, cursorField: LIST_EVENTS.nextCursorField }),
    });
  }
}

export class TracesResource {
  readonly #caller: LumiqTraceCaller;

  constructor(caller: LumiqTraceCaller) {
    this.#caller = caller;
  }

  /** Every span of a trace as a tree (root spans with their `children`); NotFoundError for an unknown trace. */
  get(traceId: string, params: TraceParams, options?: RequestOptions): Promise<TraceTree> {
    return this.#caller.call('getTrace', getTrace, [traceId, params], options);
  }
}

export class ProjectsResource {
  readonly #caller: LumiqTraceCaller;

  constructor(caller: LumiqTraceCaller) {
    this.#caller = caller;
  }

  /** Headline KPIs, timeline, top models and latest failures of a project. */
  overview(projectId: string, options?: RequestOptions): Promise<ProjectOverview> {
    return this.#caller.call('getProjectOverview', getProjectOverview, [projectId], options);
  }
}

export class CostsResource {
  readonly #caller: LumiqTraceCaller;

  constructor(caller: LumiqTraceCaller) {
    this.#caller = caller;
  }

  /** Spend per model and per day, month to date, a 30-day forecast and the prompt-cache hit rate. */
  get(params: CostParams, options?: RequestOptions): Promise<CostReport> {
    return this.#caller.call('getCosts', getCosts, [params], options);
  }
}

export class PerformanceResource {
  readonly #caller: LumiqTraceCaller;

  constructor(caller: LumiqTraceCaller) {
    this.#caller = caller;
  }

  /** Latency percentiles, time to first token, throughput and timeout rate. */
  get(params: PerformanceParams, options?: RequestOptions): Promise<PerformanceReport> {
    return this.#caller.call('getPerformance', getPerformance, [params], options);
  }
}
