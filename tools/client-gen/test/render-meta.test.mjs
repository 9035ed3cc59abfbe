import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { renderMeta } from '../src/generate.mjs';

const require = createRequire(import.meta.url);
const spec = JSON.parse(readFileSync(require.resolve('@apiforge/lumiqtrace-openapi/openapi.json'), 'utf8'));

/** Evaluates the generated module's constants (plain JSON behind `as const`). */
function constants(source) {
  const out = {};
  for (const match of source.matchAll(/export const (\w+) = ([\s\S]*?)(?: as const)?;\n/g)) out[match[1]] = JSON.parse(match[2]);
  return out;
}

describe('renderMeta (LumiqTrace)', () => {
  const meta = constants(renderMeta(spec, '@apiforge/lumiqtrace-openapi'));

  it('copies every x-retry by status', () => {
    expect(meta.OPERATION_META.ingestEvents.retry).toEqual({
      400: { retry: 'never' },
      401: { retry: 'never' },
      429: { retry: 'after-retry-after', except: ['Monthly quota exceeded'] },
      500: { retry: 'exponential-backoff', initialDelayMs: 1000, multiplier: 2, maxDelayMs: 30000 },
    });
    expect(meta.OPERATION_META.getTrace.retry['404']).toEqual({ retry: 'never' });
  });

  it('records NDJSON limits, the dedupe field, schemes and pagination', () => {
    expect(meta.OPERATION_META.ingestEvents).toMatchObject({
      ndjson: { mediaType: 'application/x-ndjson', maxItems: 100 },
      dedupeField: 'event_id',
      idempotent: true,
      securitySchemes: ['projectApiKey'],
      tokenPrefixes: ['lqt_'],
    });
    expect(meta.OPERATION_META.listEvents.pagination).toMatchObject({ strategy: 'cursor', cursorParam: 'cursor', nextCursorField: 'nextCursor', itemsField: 'events' });
    expect(meta.SECURITY_SCHEMES.projectApiKey).toEqual({ type: 'apiKey', scheme: null, in: 'header', name: 'x-api-key', tokenPrefixes: ['lqt_'] });
    expect(meta.DEFAULT_SERVER_URL).toBe('https://api.lumiqtrace.com');
  });
});
