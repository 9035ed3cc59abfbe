export { LuluDeskClient } from './client.js';
export {
  ConversationsResource,
  HandoffsResource,
  InsightsResource,
  KnowledgeSourcesResource,
  UsageResource,
  type ConversationListParams,
  type HandoffListParams,
  type KnowledgeSourceListParams,
  type PageIterator,
} from './resources.js';
export { TOKEN_PREFIXES, type LuluDeskClientOptions } from './config.js';
export type { CallOptions as RequestOptions, RetryTuning } from '@apiforge/client-core';
export * from './errors.js';
export { OPERATIONS, type OperationId } from './operations.js';
export { operationSamples, sampleSetup, type OperationSample, type SampleArgs } from './samples.js';
export { OPERATION_META, DEFAULT_SERVER_URL, SPEC_VERSION } from './generated/spec-meta.gen.js';
export type * from './generated/types.gen.js';
