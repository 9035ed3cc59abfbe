import type { DiffContext } from './context.js';
import { diffDeprecation } from './deprecation.js';
import { deepEqual, formatValue } from './json.js';
import type { JsonObject } from './resolve.js';

/** Keywords that only document; changing them alters no request or response. */
export const DOC_KEYWORDS = ['summary', 'description', 'title', 'example', 'examples', 'externalDocs', '$comment'] as const;

function shortDetail(before: unknown, after: unknown): string {
  if (before === undefined) return 'added';
  if (after === undefined) return 'removed';
  if (typeof before === 'string' && typeof after === 'string' && before.length + after.length < 60) {
    return `${formatValue(before)} → ${formatValue(after)}`;
  }
  return 'changed';
}

/** Reports documentation keyword changes on one object as docs-only changes. */
export function diffDocs(
  ctx: DiffContext,
  before: JsonObject,
  after: JsonObject,
  location: string[],
  subject: string,
  keywords: readonly string[] = DOC_KEYWORDS,
): void {
  for (const keyword of keywords) {
    // Examples are often $refs to components/examples: compare what they point at, not the pointer.
    if (deepEqual(ctx.before.expand(before[keyword]), ctx.after.expand(after[keyword]))) continue;
    ctx.emit(
      'docs-changed',
      'docs-only',
      [...location, keyword],
      shortDetail(before[keyword], after[keyword]),
      `The ${keyword} of ${subject} changed (documentation only).`,
    );
  }
}

/** Deprecation marks and x-sunset dates (see deprecation.ts); callers keep working but are warned. */
export function diffDeprecated(
  ctx: DiffContext,
  before: JsonObject,
  after: JsonObject,
  location: string[],
  subject: string,
): void {
  diffDeprecation(ctx, before, after, location, subject);
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
