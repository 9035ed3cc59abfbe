import { DiffContext, type DiffOptions } from './context.js';
import { diffDocs } from './docs.js';
import { diffPaths } from './paths.js';
import { asObject, type JsonObject, SpecDocument } from './resolve.js';
import { diffSchemeExtensions } from './extensions.js';
import { diffSecuritySchemes } from './security.js';
import { diffServerUrls, serverUrls } from './servers.js';
import type { Change } from './types.js';

export type { Change, ChangeKind, Level, Severity } from './types.js';
export type { DiffOptions } from './context.js';
export { DEFAULT_DEPRECATION_DAYS } from './context.js';
export { formatLocation } from './types.js';

function listPaths(spec: JsonObject): string[] {
  return Object.keys(asObject(spec.paths));
}

/**
 * Every change between two bundled OpenAPI documents, classified. `undefined` on one side means the
 * API does not exist there: a new API is all additions, a removed API is one breaking change.
 */
export function diffSpecs(before: JsonObject | undefined, after: JsonObject | undefined, options: DiffOptions = {}): Change[] {
  if (!before && !after) return [];
  if (!before) {
    const paths = listPaths(after as JsonObject);
    return [
      { kind: 'api-added', severity: 'non-breaking', level: 'info', location: ['(API)'], detail: 'new API', message: `New API with ${paths.length} path${paths.length === 1 ? '' : 's'}.` },
      ...paths.map((path): Change => ({ kind: 'path-added', severity: 'non-breaking', level: 'info', location: [path], detail: 'added', message: `Path ${path} was added.` })),
    ];
  }
  if (!after) {
    return [{ kind: 'api-removed', severity: 'breaking', level: 'breaking', location: ['(API)'], detail: 'removed', message: 'The whole API was removed.' }];
  }
  const ctx = new DiffContext(new SpecDocument(before), new SpecDocument(after), options);
  const beforeServers = serverUrls(before.servers);
  const afterServers = serverUrls(after.servers);
  diffServerUrls(ctx, [], 'the whole API', beforeServers, afterServers);
  diffSecuritySchemes(ctx);
  diffSchemeExtensions(ctx);
  diffPaths(ctx, beforeServers, afterServers);
  const beforeInfo = asObject(before.info);
  const afterInfo = asObject(after.info);
  diffDocs(ctx, beforeInfo, afterInfo, ['info'], 'the API info', ['title', 'summary', 'description', 'version', 'termsOfService', 'contact', 'license']);
  diffDocs(ctx, before, after, [], 'the API', ['tags', 'externalDocs']);
  return ctx.changes;
}
