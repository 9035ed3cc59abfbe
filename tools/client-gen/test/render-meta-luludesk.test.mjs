import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { renderMeta } from '../src/generate.mjs';
import { evaluateMeta } from './meta-module.mjs';

const require = createRequire(import.meta.url);
const spec = JSON.parse(readFileSync(require.resolve('@apiforge/luludesk-openapi/openapi.json'), 'utf8'));
const meta = evaluateMeta(renderMeta(spec, '@apiforge/luludesk-openapi')).OPERATION_META;

describe('renderMeta (LuluDesk): every x-pagination field, null when absent', () => {
  it('conversations: a cursor in a dotted field, with page numbers besides', () => {
    expect(meta.listConversations.pagination).toEqual({
      strategy: 'cursor',
      cursorParam: 'cursor',
      nextCursorField: 'pagination.next_cursor',
      cursorFromItemField: null,
      pageParam: 'page',
      firstPage: 1,
      limitParam: 'limit',
      hasMoreField: 'pagination.has_more',
      totalField: 'pagination.total',
      itemsField: 'data',
    });
  });

  it('handoffs: the last item\'s created_at as before; knowledge sources: page numbers up to meta.total', () => {
    expect(meta.listHandoffs.pagination).toMatchObject({ strategy: 'before', cursorParam: 'before', cursorFromItemField: 'created_at', hasMoreField: 'meta.has_more', nextCursorField: null });
    expect(meta.listKnowledgeSources.pagination).toMatchObject({ strategy: 'page', pageParam: 'page', firstPage: 1, totalField: 'meta.total', cursorParam: null });
    expect(meta.getInsights).toMatchObject({ path: '/api/v1/workspaces/{id}/insights', tokenPrefixes: ['lld_'], pagination: null, idempotent: true });
  });
});
