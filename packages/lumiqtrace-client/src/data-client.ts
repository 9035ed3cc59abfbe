import { createCaller, type LumiqTraceCaller } from './caller.js';
import { normalizeBaseUrl } from '@apiforge/client-core';
import { assertCredential, defaultBaseUrlFor, type LumiqTraceClientOptions } from './config.js';
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
    const token = assertCredential('data', options?.sessionToken);
    this.baseUrl = normalizeBaseUrl(options.baseUrl, defaultBaseUrlFor('data'));
    const caller = createCaller(this.baseUrl, token, options);
    this.events = new EventsResource(caller);
    this.traces = new TracesResource(caller);
    this.projects = new ProjectsResource(caller);
    this.costs = new CostsResource(caller);
    this.performance = new PerformanceResource(caller);
  }
}
