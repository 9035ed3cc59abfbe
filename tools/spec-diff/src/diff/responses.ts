import type { DiffContext } from './context.js';
import { diffDocs } from './docs.js';
import { asObject, type JsonObject } from './resolve.js';
import { diffContent } from './media.js';
import { diffSchema } from './schema.js';

function headersByName(ctx: DiffContext, side: 'before' | 'after', response: JsonObject): Map<string, JsonObject> {
  const doc = ctx[side];
  const result = new Map<string, JsonObject>();
  for (const [name, node] of Object.entries(asObject(response.headers))) result.set(name.toLowerCase(), { name, ...doc.resolve(node) });
  return result;
}

function diffHeaders(ctx: DiffContext, operation: string, status: string, before: JsonObject, after: JsonObject): void {
  const was = headersByName(ctx, 'before', before);
  const is = headersByName(ctx, 'after', after);
  for (const [key, header] of was) {
    const name = String(header.name);
    const other = is.get(key);
    if (!other) {
      // A required header is a promise clients may rely on; an optional one they must already do without.
      if (header.required === true) {
        ctx.emit('response-header-removed', 'breaking', [operation, `response ${status}`, `header ${name}`], 'removed', `Required response header ${name} of the ${status} response was removed; clients reading it get nothing.`);
      } else {
        ctx.emit('response-header-removed', 'warning', [operation, `response ${status}`, `header ${name}`], 'removed', `Optional response header ${name} of the ${status} response was removed; clients that use it when present lose it.`);
      }
      continue;
    }
    if (header.required === true && other.required !== true) {
      ctx.emit('response-header-became-optional', 'breaking', [operation, `response ${status}`, `header ${name}`, 'required'], 'true → false',
        `Response header ${name} of the ${status} response is no longer required; clients relying on it can find it missing.`);
    } else if (header.required !== true && other.required === true) {
      ctx.emit('response-header-became-required', 'non-breaking', [operation, `response ${status}`, `header ${name}`, 'required'], 'false → true', `Response header ${name} of the ${status} response is now always sent.`);
    }
    diffSchema(ctx, { operation, direction: 'response', root: `response ${status} header ${name}`, noun: `response header ${name}`, field: '' }, header.schema, other.schema);
  }
  for (const [key, header] of is) {
    if (!was.has(key)) ctx.emit('response-header-added', 'non-breaking', [operation, `response ${status}`, `header ${String(header.name)}`], 'added', `Response header ${String(header.name)} was added to the ${status} response.`);
  }
}

/** Status codes, their bodies and headers. A removed status leaves clients without the shape they handled. */
export function diffResponses(ctx: DiffContext, operation: string, before: unknown, after: unknown): void {
  const was = asObject(before);
  const is = asObject(after);
  for (const status of Object.keys(was)) {
    if (status in is) continue;
    ctx.emit('response-status-removed', 'breaking', [operation, `response ${status}`], 'removed', `The ${status} response was removed; clients handling it lose that shape.`);
  }
  for (const status of Object.keys(is)) {
    if (!(status in was)) {
      ctx.emit('response-status-added', 'non-breaking', [operation, `response ${status}`], 'added', `A ${status} response was added.`);
      continue;
    }
    const wasResponse = ctx.before.resolve(was[status]);
    const isResponse = ctx.after.resolve(is[status]);
    diffContent(ctx, operation, 'response', `response ${status}`, `the ${status} response`, wasResponse.content, isResponse.content);
    diffHeaders(ctx, operation, status, wasResponse, isResponse);
    diffDocs(ctx, wasResponse, isResponse, [operation, `response ${status}`], `the ${status} response`, ['description']);
  }
}
