import type { OperationBinding as CoreOperationBinding } from '@apiforge/client-core/operation-binding';
import type { OperationId } from './generated/spec-meta.gen.js';

/**
 * The one map from operationId to the hand-written surface: which client
 * exposes it, under which resource and method name, and how the method's
 * positional arguments map onto the generated call's { path, query, body }.
 * `operationSamples` renders calls from it. The operation functions build
 * their generated call's arguments directly (a bundle then carries no table),
 * so the two cannot drift apart silently: the samples test type-checks every
 * rendered call against the built package, and a method whose arguments no
 * longer match its binding fails it.
 */

/** The binding shape is client-core's, shared by every client; this client has a data and an ingest side. */
export type OperationBinding = CoreOperationBinding & { readonly client: 'data' | 'ingest' };

export const LIST_ISSUES = {
  client: 'data',
  resource: 'issues',
  method: 'list',
  args: [{ in: 'query', optional: true }],
  resultName: 'page',
} as const satisfies OperationBinding;
export const GET_ISSUE = {
  client: 'data',
  resource: 'issues',
  method: 'get',
  args: [{ in: 'path', name: 'issueId' }],
  // The answer wraps the issue: `{ issue }`.
  resultName: '{ issue }',
} as const satisfies OperationBinding;
export const UPDATE_ISSUE_STATUS = {
  client: 'data',
  resource: 'issues',
  method: 'updateStatus',
  args: [{ in: 'path', name: 'issueId' }, { in: 'body' }],
  resultName: '{ issue }',
} as const satisfies OperationBinding;
export const LIST_SIGNALS = {
  client: 'data',
  resource: 'signals',
  method: 'list',
  args: [{ in: 'query', optional: true }],
  resultName: 'page',
} as const satisfies OperationBinding;
export const LIST_INSIGHTS = {
  client: 'data',
  resource: 'insights',
  method: 'list',
  args: [{ in: 'query', optional: true }],
  resultName: 'page',
} as const satisfies OperationBinding;
export const SUBMIT_REPLAY_BATCH = {
  client: 'ingest',
  resource: 'replay',
  method: 'submit',
  args: [{ in: 'body' }],
  resultName: 'result',
} as const satisfies OperationBinding;

export const OPERATIONS = {
  listIssues: LIST_ISSUES,
  getIssue: GET_ISSUE,
  updateIssueStatus: UPDATE_ISSUE_STATUS,
  listSignals: LIST_SIGNALS,
  listInsights: LIST_INSIGHTS,
  submitReplayBatch: SUBMIT_REPLAY_BATCH,
} as const satisfies Record<OperationId, OperationBinding>;

export type { OperationId };

export type { GeneratedArguments } from '@apiforge/client-core/operation-binding';
