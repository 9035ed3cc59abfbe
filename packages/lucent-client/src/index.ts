export * from './operation-functions.js';
export * from './generated/resources.gen.js';
export { LucentIngestClient, type SubmitOptions } from './ingest-client.js';
export { ReplayBatcher, type DroppedReplayEvents, type FailedReplayBatch, type ReplayBatcherOptions } from './replay-batcher.js';
export { operationSamples, sampleSetup } from './generated/samples.gen.js';
export type { OperationBinding, OperationSample, SampleArgs, Logger, LogLevel, RequestEvent, ResponseEvent } from '@apiforge/client-core';
export { OPERATION_META, DEFAULT_SERVER_URL, SPEC_VERSION } from './generated/spec-meta.gen.js';
/** @deprecated Options shared by both clients; use ClientOptions. */
export type { ClientOptions as SharedClientOptions } from '@apiforge/client-core';
