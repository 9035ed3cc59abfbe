import type { DiffContext } from './context.js';
import { judgeRemoval, strictest } from './deprecation.js';
import { diffDocs } from './docs.js';
import { diffOperation, operationsOf } from './operations.js';
import { asObject } from './resolve.js';
import { diffScopedServers, scopedServers } from './servers.js';

/** `/issues/{id}` and `/issues/{issueId}` are the same route; only the parameter name differs. */
function routeKey(path: string): string {
  return path.replace(/\{[^}]*\}/g, '{}');
}

function byRoute(paths: Record<string, unknown>): Map<string, string> {
  const result = new Map<string, string>();
  for (const path of Object.keys(paths)) result.set(routeKey(path), path);
  return result;
}

export function diffPaths(ctx: DiffContext, beforeRootServers: string[], afterRootServers: string[]): void {
  const was = asObject(ctx.before.root.paths);
  const is = asObject(ctx.after.root.paths);
  const wasRoutes = byRoute(was);
  const isRoutes = byRoute(is);
  for (const [route, path] of wasRoutes) {
    if (isRoutes.has(route)) continue;
    const verdict = strictest([...operationsOf(ctx.before.resolve(was[path])).values()].map((operation) => judgeRemoval(ctx, operation)))
      ?? { severity: 'breaking' as const, why: 'without being deprecated first' };
    ctx.emit('path-removed', verdict.severity, [path], 'removed', `Path ${path} and all its operations were removed ${verdict.why}.`);
  }
  for (const [route, afterPath] of isRoutes) {
    const beforePath = wasRoutes.get(route);
    if (beforePath === undefined) {
      ctx.emit('path-added', 'non-breaking', [afterPath], 'added', `Path ${afterPath} was added.`);
      continue;
    }
    const beforeItem = ctx.before.resolve(was[beforePath]);
    const afterItem = ctx.after.resolve(is[afterPath]);
    const beforePathServers = scopedServers(beforeItem, beforeRootServers);
    const afterPathServers = scopedServers(afterItem, afterRootServers);
    diffScopedServers(ctx, [afterPath], `path ${afterPath}`, beforePathServers, afterPathServers);
    diffDocs(ctx, beforeItem, afterItem, [afterPath], `path ${afterPath}`, ['summary', 'description']);
    const beforeOps = operationsOf(beforeItem);
    const afterOps = operationsOf(afterItem);
    for (const method of beforeOps.keys()) {
      if (afterOps.has(method)) continue;
      const verdict = judgeRemoval(ctx, beforeOps.get(method) ?? {});
      ctx.emit('operation-removed', verdict.severity, [`${method.toUpperCase()} ${afterPath}`], 'removed', `Operation ${method.toUpperCase()} ${afterPath} was removed ${verdict.why}.`);
    }
    for (const [method, after] of afterOps) {
      const label = `${method.toUpperCase()} ${afterPath}`;
      const before = beforeOps.get(method);
      if (!before) {
        ctx.emit('operation-added', 'non-breaking', [label], 'added', `Operation ${label} was added.`);
        continue;
      }
      diffOperation(ctx, { label, beforePathItem: beforeItem, afterPathItem: afterItem, before, after, beforePathServers, afterPathServers });
    }
  }
}
