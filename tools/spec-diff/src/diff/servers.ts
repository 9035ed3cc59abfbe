import type { DiffContext } from './context.js';
import { asArray, asObject, type JsonObject } from './resolve.js';

/** Server URLs with variables filled in by their defaults; OpenAPI's default server is "/". */
export function serverUrls(servers: unknown): string[] {
  const list = asArray(servers).map(asObject);
  if (list.length === 0) return ['/'];
  return list.map((server) => {
    const variables = asObject(server.variables);
    return String(server.url ?? '/').replace(/\{([^}]+)\}/g, (whole, name: string) => {
      const fallback = asObject(variables[name]).default;
      return typeof fallback === 'string' ? fallback : whole;
    });
  });
}

/** Removing or changing a URL strands clients configured for it; only adding URLs is safe. */
export function diffServerUrls(ctx: DiffContext, location: string[], subject: string, before: string[], after: string[]): void {
  const removed = before.filter((url) => !after.includes(url));
  const added = after.filter((url) => !before.includes(url));
  if (removed.length === 0 && added.length === 0) return;
  const detail = `${before.join(', ')} → ${after.join(', ')}`;
  if (removed.length) {
    ctx.emit('server-url-changed', 'breaking', [...location, 'servers'], detail, `Server URL for ${subject} changed; clients calling ${removed.join(', ')} will miss the API.`);
  } else {
    ctx.emit('server-url-added', 'non-breaking', [...location, 'servers'], detail, `Server URL ${added.join(', ')} added for ${subject}.`);
  }
}

export interface ServerScope {
  /** Effective URLs at this level. */
  urls: string[];
  /** Whether this level declares its own `servers` rather than inheriting. */
  overrides: boolean;
}

export function scopedServers(node: JsonObject, inherited: string[]): ServerScope {
  const overrides = Array.isArray(node.servers) && node.servers.length > 0;
  return { urls: overrides ? serverUrls(node.servers) : inherited, overrides };
}

/** Report at a level only when it (rather than a parent already reported) declares servers. */
export function diffScopedServers(ctx: DiffContext, location: string[], subject: string, before: ServerScope, after: ServerScope): void {
  if (!before.overrides && !after.overrides) return;
  diffServerUrls(ctx, location, subject, before.urls, after.urls);
}
