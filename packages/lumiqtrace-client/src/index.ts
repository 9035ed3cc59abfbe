export { LumiqTraceClient } from './data-client.js';
export { LumiqTraceIngestClient, OtelResource, MAX_EVENTS_PER_BATCH, splitIntoBatches, type SendOptions, type SendResult } from './ingest-client.js';
export { EventBatcher, type EventBatcherOptions } from './event-batcher.js';
export {
  EventsResource,
  TracesResource,
  ProjectsResource,
  CostsResource,
  PerformanceResource,
  type EventListParams,
  type TraceParams,
  type CostParams,
  type PerformanceParams,
  type PageIterator,
} from './resources.js';
export { retryOptionsFor, type RequestOptions } from './transports.js';
export {
  tokenPrefixesFor,
  defaultBaseUrlFor,
  type ClientKind,
  type LumiqTraceClientOptions,
  type LumiqTraceIngestClientOptions,
  type RetryTuning,
  type SharedClientOptions,
} from './config.js';
export * from './errors.js';
export { OPERATIONS, type OperationId } from './operations.js';
export { operationSamples, sampleSetup, type OperationSample, type SampleArgs } from './samples.js';
export { OPERATION_META, DEFAULT_SERVER_URL, SECURITY_SCHEMES, SPEC_VERSION } from './generated/spec-meta.gen.js';
export type * from './generated/types.gen.js';
