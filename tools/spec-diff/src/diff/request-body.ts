import type { DiffContext } from './context.js';
import { diffDocs } from './docs.js';
import { type JsonObject } from './resolve.js';
import { diffContent } from './media.js';

const NOUN = 'the request body';

export function diffRequestBody(ctx: DiffContext, operation: string, before: JsonObject | undefined, after: JsonObject | undefined): void {
  if (!before && !after) return;
  if (before && !after) {
    ctx.emit('request-body-removed', 'breaking', [operation, 'body'], 'removed', 'The request body was removed; callers still sending one are ignored or rejected.');
    return;
  }
  if (!before && after) {
    if (after.required === true) ctx.emit('request-body-added', 'breaking', [operation, 'body'], 'added (required)', 'A required request body was added; existing calls without one will be rejected.');
    else ctx.emit('request-body-added', 'non-breaking', [operation, 'body'], 'added (optional)', 'An optional request body was added.');
    return;
  }
  const was = before as JsonObject;
  const is = after as JsonObject;
  if (was.required !== true && is.required === true) {
    ctx.emit('request-body-became-required', 'breaking', [operation, 'body', 'required'], 'false → true', 'The request body is now required; calls without one will be rejected.');
  } else if (was.required === true && is.required !== true) {
    ctx.emit('request-body-became-optional', 'non-breaking', [operation, 'body', 'required'], 'true → false', 'The request body is now optional.');
  }
  diffContent(ctx, operation, 'request', 'body', NOUN, was.content, is.content);
  diffDocs(ctx, was, is, [operation, 'body'], NOUN, ['description']);
}
