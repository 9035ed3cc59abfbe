/**
 * The API as standalone functions, one per operation, for bundles that ship only what they call:
 * `import { createLucentDataClient, getIssue } from '@apiforge/lucent-client/operations'`. The client
 * classes call these same functions, so both behave alike. All of it is generated from the spec.
 */
export * from './generated/operations.gen.js';
export type { ApiConnection as LucentDataClient, ApiConnection as LucentIngestConnection, RetryTuning, WithResponse } from '@apiforge/client-core';
export * from './errors.js';
export type * from './generated/types.gen.js';
