export { LucentClient } from './data-client.js';
export { LucentIngestClient, ReplayResource, type SubmitOptions } from './ingest-client.js';
export { ReplayBatcher, type DroppedReplayEvents, type FailedReplayBatch, type ReplayBatcherOptions } from './replay-batcher.js';
export {
  IssuesResource,
  SignalsResource,
  InsightsResource,
  type IssueListParams,
  type SignalListParams,
  type InsightListParams,
} from './resources.js';
export type { PageIterator } from './pagination.js';
export type { RequestOptions } from './retry.js';
export {
  tokenPrefixesFor,
  defaultBaseUrlFor,
  type ClientKind,
  type LucentClientOptions,
  type LucentIngestClientOptions,
  type RetryTuning,
  type SharedClientOptions,
} from './config.js';
export * from './errors.js';
export { OPERATIONS, type OperationBinding, type OperationId } from './operations.js';
export { operationSamples, sampleSetup, type OperationSample, type SampleArgs } from './samples.js';
export { OPERATION_META, DEFAULT_SERVER_URL, SPEC_VERSION } from './generated/spec-meta.gen.js';
export type * from './generated/types.gen.js';
