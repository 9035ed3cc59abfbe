import type { DiffContext } from './context.js';
import { diffDocs } from './docs.js';
import { asObject } from './resolve.js';
import { diffSchema } from './schema.js';
import type { Direction, SchemaSite } from './schema-site.js';

/** JSON bodies are the norm; only other media types are spelled out in locations. */
function rootFor(prefix: string, mediaType: string): string {
  return mediaType === 'application/json' ? prefix : `${prefix}(${mediaType})`;
}

/**
 * Compares the `content` maps of a request body or response. A request losing a media type breaks
 * callers that send it; a response losing one breaks clients that ask for it.
 */
export function diffContent(
  ctx: DiffContext,
  operation: string,
  direction: Direction,
  prefix: string,
  noun: string,
  before: unknown,
  after: unknown,
): void {
  const was = asObject(before);
  const is = asObject(after);
  for (const mediaType of Object.keys(was)) {
    if (mediaType in is) continue;
    ctx.emit('media-type-removed', 'breaking', [operation, rootFor(prefix, mediaType)], 'media type removed',
      `${noun.charAt(0).toUpperCase()}${noun.slice(1)} no longer supports ${mediaType}.`);
  }
  for (const mediaType of Object.keys(is)) {
    if (mediaType in was) {
      const site: SchemaSite = { operation, direction, root: rootFor(prefix, mediaType), noun, field: '' };
      diffSchema(ctx, site, asObject(was[mediaType]).schema, asObject(is[mediaType]).schema);
      diffDocs(ctx, asObject(was[mediaType]), asObject(is[mediaType]), [operation, site.root], noun, ['example', 'examples']);
    } else {
      ctx.emit('media-type-added', 'non-breaking', [operation, rootFor(prefix, mediaType)], 'media type added',
        `${noun.charAt(0).toUpperCase()}${noun.slice(1)} now also supports ${mediaType}.`);
    }
  }
}
