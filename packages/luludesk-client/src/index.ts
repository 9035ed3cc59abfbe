export * from './operation-functions.js';
export * from './generated/resources.gen.js';
export { operationSamples, sampleSetup } from './generated/samples.gen.js';
export type { OperationSample, SampleArgs, Logger, LogLevel, RequestEvent, ResponseEvent } from '@apiforge/client-core';
export { OPERATION_META, DEFAULT_SERVER_URL, SPEC_VERSION } from './generated/spec-meta.gen.js';
import { tokenPrefixesFor } from './generated/operations.gen.js';

/** Key prefixes the spec's `x-token-prefixes` accept (`lld_`). */
export const TOKEN_PREFIXES: readonly string[] = tokenPrefixesFor('insights');
