import type { OperationBinding } from '@apiforge/client-core';
import type { OperationId } from './generated/spec-meta.gen.js';

/**
 * operationId → the hand-written surface: resource, method name and how positional arguments map
 * onto the generated call. The workspace `{id}` of every path comes from the client's `workspaceId`,
 * so no method takes it. The resources route calls through this table and `operationSamples`
 * renders calls from it, so the two cannot drift apart.
 */
export const OPERATIONS = {
  getInsights: { client: 'insights', resource: 'insights', method: 'get', args: [], resultName: 'summary' },
  listConversations: { client: 'insights', resource: 'conversations', method: 'list', args: [{ in: 'query', optional: true }], resultName: 'page' },
  listHandoffs: { client: 'insights', resource: 'handoffs', method: 'list', args: [{ in: 'query', optional: true }], resultName: 'page' },
  getUsage: { client: 'insights', resource: 'usage', method: 'get', args: [], resultName: 'usage' },
  listKnowledgeSources: {
    client: 'insights',
    resource: 'knowledgeSources',
    method: 'list',
    args: [{ in: 'query', optional: true }],
    resultName: 'page',
  },
} as const satisfies Record<OperationId, OperationBinding>;

export type { OperationId };
