import type { CostReport, Event, EventList, PerformanceReport, ProjectOverview, TraceTree } from './generated/types.gen.js';
import {
  getCosts,
  getPerformance,
  getProjectOverview,
  getTrace,
  listEvents,
  type CostParams,
  type EventListParams,
  type LumiqTraceDataClient,
  type PageIterator,
  type PerformanceParams,
  type TraceParams,
} from './operation-functions.js';
import type { RequestOptions } from './transports.js';

export type { CostParams, EventListParams, PageIterator, PerformanceParams, TraceParams };

export class EventsResource {
  readonly #client: LumiqTraceDataClient;

  constructor(client: LumiqTraceDataClient) {
    this.#client = client;
  }

  /** A project's events, newest first, filtered by model, status, time range, environment or user. */
  list(params: EventListParams, options?: RequestOptions): PageIterator<EventList, Event, EventListParams> {
    return listEvents(this.#client, params, options);
  }
}

export class TracesResource {
  readonly #client: LumiqTraceDataClient;

  constructor(client: LumiqTraceDataClient) {
    this.#client = client;
  }

  /** Every span of a trace as a tree (root spans with their `children`); NotFoundError for an unknown trace. */
  get(traceId: string, params: TraceParams, options?: RequestOptions): Promise<TraceTree> {
    return getTrace(this.#client, traceId, params, options);
  }
}

export class ProjectsResource {
  readonly #client: LumiqTraceDataClient;

  constructor(client: LumiqTraceDataClient) {
    this.#client = client;
  }

  /** Headline KPIs, timeline, top models and latest failures of a project. */
  overview(projectId: string, options?: RequestOptions): Promise<ProjectOverview> {
    return getProjectOverview(this.#client, projectId, options);
  }
}

export class CostsResource {
  readonly #client: LumiqTraceDataClient;

  constructor(client: LumiqTraceDataClient) {
    this.#client = client;
  }

  /** Spend per model and per day, month to date, a 30-day forecast and the prompt-cache hit rate. */
  get(params: CostParams, options?: RequestOptions): Promise<CostReport> {
    return getCosts(this.#client, params, options);
  }
}

export class PerformanceResource {
  readonly #client: LumiqTraceDataClient;

  constructor(client: LumiqTraceDataClient) {
    this.#client = client;
  }

  /** Latency percentiles, time to first token, throughput and timeout rate. */
  get(params: PerformanceParams, options?: RequestOptions): Promise<PerformanceReport> {
    return getPerformance(this.#client, params, options);
  }
}
