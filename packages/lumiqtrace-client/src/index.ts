export * from './operation-functions.js';
export * from './generated/resources.gen.js';
export { LumiqTraceIngestClient, MAX_EVENTS_PER_BATCH, retryOptionsFor, splitIntoBatches, type SendOptions, type SendResult } from './ingest-client.js';
export { EventBatcher, type EventBatcherOptions } from './event-batcher.js';
export { operationSamples, sampleSetup } from './generated/samples.gen.js';
export type { OperationSample, SampleArgs, Logger, LogLevel, RequestEvent, ResponseEvent } from '@apiforge/client-core';
export { OPERATION_META, DEFAULT_SERVER_URL, SECURITY_SCHEMES, SPEC_VERSION } from './generated/spec-meta.gen.js';
/** @deprecated Options shared by both clients; use ClientOptions. */
export type { ClientOptions as SharedClientOptions } from '@apiforge/client-core';
