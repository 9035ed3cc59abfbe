/**
 * The Insights API as standalone functions, one per operation, for bundles that ship only what they
 * call: `import { createLuluDeskDataClient, getUsage } from '@apiforge/luludesk-client/operations'`.
 * LuluDeskClient's resources call these same functions. All of it is generated from the spec.
 */
export * from './generated/operations.gen.js';
export type { ApiConnection as LuluDeskDataClient, RetryTuning, WithResponse } from '@apiforge/client-core';
export * from './errors.js';
export type * from './generated/types.gen.js';
