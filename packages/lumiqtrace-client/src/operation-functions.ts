/**
 * The API as standalone functions, one per operation, for bundles that ship only what they call:
 * `import { createLumiqTraceDataClient, getPerformance } from '@apiforge/lumiqtrace-client/operations'`.
 * The client classes call these same functions. All of it is generated from the spec.
 */
export * from './generated/operations.gen.js';
export type { ApiConnection as LumiqTraceDataClient, RetryTuning, WithResponse } from '@apiforge/client-core';
export * from './errors.js';
export type * from './generated/types.gen.js';
