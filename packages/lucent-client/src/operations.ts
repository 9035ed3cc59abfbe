import type { OperationId } from './generated/spec-meta.gen.js';

/**
 * The one map from operationId to the hand-written surface: which client
 * exposes it, under which resource and method name, and how the method's
 * positional arguments map onto the generated call's { path, query, body }.
 * The resource classes route their arguments through it and `operationSamples`
 * renders calls from it, so the two cannot drift apart.
 */

/** One positional argument of a resource method. */
export type OperationArgument =
  | { readonly in: 'path'; readonly name: string }
  | { readonly in: 'query'; readonly optional: true }
  | { readonly in: 'body' };

export interface OperationBinding {
  readonly client: 'data' | 'ingest';
  readonly resource: string;
  readonly method: string;
  readonly args: readonly OperationArgument[];
  /** What the awaited result is called in code samples. */
  readonly resultName: string;
}

// One constant per operation, and its arguments apart, so a bundle keeps only the argument
// lists of the operations it calls (the rest of a binding is for code samples).
export const LIST_ISSUES_ARGS = [{ in: 'query', optional: true }] as const satisfies readonly OperationArgument[];
export const LIST_ISSUES = {
  client: 'data',
  resource: 'issues',
  method: 'list',
  args: LIST_ISSUES_ARGS,
  resultName: 'page',
} as const satisfies OperationBinding;
export const GET_ISSUE_ARGS = [{ in: 'path', name: 'issueId' }] as const satisfies readonly OperationArgument[];
export const GET_ISSUE = {
  client: 'data',
  resource: 'issues',
  method: 'get',
  args: GET_ISSUE_ARGS,
  resultName: 'issue',
} as const satisfies OperationBinding;
export const UPDATE_ISSUE_STATUS_ARGS = [{ in: 'path', name: 'issueId' }, { in: 'body' }] as const satisfies readonly OperationArgument[];
export const UPDATE_ISSUE_STATUS = {
  client: 'data',
  resource: 'issues',
  method: 'updateStatus',
  args: UPDATE_ISSUE_STATUS_ARGS,
  resultName: 'issue',
} as const satisfies OperationBinding;
export const LIST_SIGNALS_ARGS = [{ in: 'query', optional: true }] as const satisfies readonly OperationArgument[];
export const LIST_SIGNALS = {
  client: 'data',
  resource: 'signals',
  method: 'list',
  args: LIST_SIGNALS_ARGS,
  resultName: 'page',
} as const satisfies OperationBinding;
export const LIST_INSIGHTS_ARGS = [{ in: 'query', optional: true }] as const satisfies readonly OperationArgument[];
export const LIST_INSIGHTS = {
  client: 'data',
  resource: 'insights',
  method: 'list',
  args: LIST_INSIGHTS_ARGS,
  resultName: 'page',
} as const satisfies OperationBinding;
export const SUBMIT_REPLAY_BATCH_ARGS = [{ in: 'body' }] as const satisfies readonly OperationArgument[];
export const SUBMIT_REPLAY_BATCH = {
  client: 'ingest',
  resource: 'replay',
  method: 'submit',
  args: SUBMIT_REPLAY_BATCH_ARGS,
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

/** Maps a method's positional arguments onto the generated call's options. */
export function toGeneratedArguments(
  operationId: OperationId,
  specs: OperationBinding['args'],
  args: readonly unknown[],
): GeneratedArguments {
  const bound: GeneratedArguments = {};
  for (let index = 0; index < specs.length; index++) {
    const spec = specs[index] as OperationArgument;
    const value = args[index];
    if (spec.in === 'path') {
      if (typeof value !== 'string' || value === '') {
        throw new TypeError(`${operationId}: ${spec.name} must be a non-empty string.`);
      }
      bound.path = { ...bound.path, [spec.name]: value };
    } else if (spec.in === 'query') {
      if (value !== undefined) bound.query = value as Record<string, unknown>;
    } else {
      bound.body = value;
    }
  }
  return bound;
}

export interface GeneratedArguments {
  path?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
}
