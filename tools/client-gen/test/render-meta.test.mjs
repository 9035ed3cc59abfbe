import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { renderMeta } from '../src/generate.mjs';
import { evaluateMeta } from './meta-module.mjs';

const require = createRequire(import.meta.url);
const spec = JSON.parse(readFileSync(require.resolve('@apiforge/lumiqtrace-openapi/openapi.json'), 'utf8'));

describe('renderMeta (LumiqTrace)', () => {
  const meta = evaluateMeta(renderMeta(spec, '@apiforge/lumiqtrace-openapi'));

  it('copies every x-retry by status', () => {
    expect(meta.OPERATION_META.ingestEvents.retry).toEqual({
      400: { retry: 'never' },
      401: { retry: 'never' },
      413: { retry: 'never' },
      415: { retry: 'never' },
      429: { retry: 'after-retry-after', except: ['Monthly quota exceeded'] },
      500: { retry: 'exponential-backoff', initialDelayMs: 1000 },
    });
    expect(meta.OPERATION_META.getTrace.retry['404']).toEqual({ retry: 'never' });
    expect(meta.OPERATION_META.getCosts.retry['429']).toEqual({ retry: 'after-retry-after' });
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

  it('exports each operation on its own and the token prefixes per server, for tree-shaking', () => {
    for (const id of Object.keys(meta.OPERATION_META)) expect(meta[`${id}Meta`], id).toBe(meta.OPERATION_META[id]);
    const servers = new Set(Object.values(meta.OPERATION_META).map((operation) => operation.serverUrl));
    expect(Object.keys(meta.SERVER_TOKEN_PREFIXES).sort()).toEqual([...servers].sort());
    expect(meta.SERVER_TOKEN_PREFIXES[meta.OPERATION_META.ingestEvents.serverUrl]).toContain('lqt_');
  });
});
