import type { LumiqTraceClientOptions } from './config.js';
import { createLumiqTraceDataClient } from './operation-functions.js';
import { CostsResource, EventsResource, PerformanceResource, ProjectsResource, TracesResource } from './resources.js';

/** The dashboard endpoints (event log, traces, metrics), authenticated with a session token. */
export class LumiqTraceClient {
  readonly events: EventsResource;
  readonly traces: TracesResource;
  readonly projects: ProjectsResource;
  readonly costs: CostsResource;
  readonly performance: PerformanceResource;
  /** Where requests go (no credential in it). */
  readonly baseUrl: string;

  constructor(options: LumiqTraceClientOptions) {
    // The same connection the `/operations` entry hands out; the token stays in its closure.
    const client = createLumiqTraceDataClient(options);
    this.baseUrl = client.baseUrl;
    this.events = new EventsResource(client);
    this.traces = new TracesResource(client);
    this.projects = new ProjectsResource(client);
    this.costs = new CostsResource(client);
    this.performance = new PerformanceResource(client);
  }
}
