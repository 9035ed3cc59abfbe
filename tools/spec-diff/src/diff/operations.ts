import type { DiffContext } from './context.js';
import { diffDeprecated, diffDocs } from './docs.js';
import { diffOperationExtensions } from './extensions.js';
import { formatValue } from './json.js';
import { diffParameters, effectiveParameters } from './parameters.js';
import { asObject, isObject, type JsonObject } from './resolve.js';
import { diffRequestBody } from './request-body.js';
import { diffResponses } from './responses.js';
import { diffSecurity, effectiveSecurity } from './security.js';
import { diffScopedServers, scopedServers, type ServerScope } from './servers.js';

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface OperationPair {
  label: string;
  beforePathItem: JsonObject;
  afterPathItem: JsonObject;
  before: JsonObject;
  after: JsonObject;
  beforePathServers: ServerScope;
  afterPathServers: ServerScope;
}

export function diffOperation(ctx: DiffContext, pair: OperationPair): void {
  const { label, before, after } = pair;
  if (before.operationId !== after.operationId) {
    // Generated clients name their methods after operationId, so renaming it renames the SDK call.
    ctx.emit('operation-id-changed', 'breaking', [label, 'operationId'], `${formatValue(before.operationId)} → ${formatValue(after.operationId)}`,
      'The operationId changed; generated clients rename the method that calls this operation.');
  }
  diffParameters(ctx, label, effectiveParameters(ctx.before, pair.beforePathItem, before), effectiveParameters(ctx.after, pair.afterPathItem, after));
  diffRequestBody(ctx, label, isObject(before.requestBody) ? ctx.before.resolve(before.requestBody) : undefined, isObject(after.requestBody) ? ctx.after.resolve(after.requestBody) : undefined);
  diffResponses(ctx, label, before.responses, after.responses);
  diffSecurity(ctx, label, effectiveSecurity(ctx.before.root, before), effectiveSecurity(ctx.after.root, after));
  diffScopedServers(ctx, [label], label, scopedServers(before, pair.beforePathServers.urls), scopedServers(after, pair.afterPathServers.urls));
  diffOperationExtensions(ctx, label, before, after);
  diffDeprecated(ctx, before, after, [label], `operation ${label}`);
  diffDocs(ctx, before, after, [label], `operation ${label}`, ['summary', 'description', 'externalDocs', 'tags']);
}

export function operationsOf(pathItem: JsonObject): Map<string, JsonObject> {
  const result = new Map<string, JsonObject>();
  for (const method of METHODS) if (isObject(pathItem[method])) result.set(method, asObject(pathItem[method]));
  return result;
}
