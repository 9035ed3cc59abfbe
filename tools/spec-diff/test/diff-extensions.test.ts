// Changes to the x- extensions our tools consume are classified by what they break, even when the wire
// format is unchanged: the reviewer scenario of removing a token prefix and renaming the cursor field.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleSpec } from '../src/bundle.js';
import { diffSpecs } from '../src/diff/index.js';
import type { JsonObject } from '../src/diff/resolve.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
let lucent: JsonObject;
beforeAll(async () => {
  lucent = await bundleSpec(repoRoot, 'spec/lucent/openapi.yaml');
}, 60_000);

const copy = () => structuredClone(lucent) as any;
const kinds = (before: JsonObject, after: JsonObject) => diffSpecs(before, after).map((c) => `${c.severity} ${c.kind} ${c.location.join(' › ')} ${c.detail}`);

describe('extension changes', () => {
  it('the reviewer scenario: removing luc_mcp_ and renaming nextCursorField are breaking', () => {
    const after = copy();
    after.components.securitySchemes.bearerAuth['x-token-prefixes'] = ['luc_api_', 'luc_oat_'];
    after.paths['/api/v1/issues'].get['x-pagination'].nextCursorField = 'next';
    const changes = kinds(lucent, after);
    expect(changes).toContain('breaking extension-changed components › securitySchemes.bearerAuth › x-token-prefixes removed luc_mcp_');
    expect(changes).toContain('breaking extension-changed GET /api/v1/issues › x-pagination.nextCursorField "nextCursor" → "next"');
  });

  it('an added prefix, a raised limit, a larger body limit are additions', () => {
    const after = copy();
    after.components.securitySchemes.bearerAuth['x-token-prefixes'].push('luc_new_');
    after.paths['/api/v1/issues'].get['x-rate-limit'].limit = 600;
    after.paths['/api/sdk/replay'].post['x-max-body-bytes'] *= 2;
    expect(diffSpecs(lucent, after).map((c) => c.severity)).toEqual(['non-breaking', 'non-breaking', 'non-breaking']);
  });

  it('a lower rate limit, a smaller body limit, a dropped idempotency and a removed pagination are breaking', () => {
    const after = copy();
    after.paths['/api/v1/signals'].get['x-rate-limit'].limit = 100;
    after.paths['/api/sdk/replay'].post['x-max-body-bytes'] = 1024;
    after.paths['/api/sdk/replay'].post['x-idempotent'] = false;
    delete after.paths['/api/v1/insights'].get['x-pagination'];
    const breaking = diffSpecs(lucent, after).filter((c) => c.severity === 'breaking').map((c) => c.location.join(' › '));
    expect(breaking).toEqual(expect.arrayContaining([
      'GET /api/v1/signals › x-rate-limit',
      'POST /api/sdk/replay › x-max-body-bytes',
      'POST /api/sdk/replay › x-idempotent',
      'GET /api/v1/insights › x-pagination',
    ]));
  });

  it('a provenance mark that turns into an assumption is reported for review, as docs only', () => {
    const after = copy();
    delete after.paths['/api/v1/insights'].get['x-source'];
    after.paths['/api/v1/insights'].get['x-assumption'] = 'We assume the endpoint exists because the MCP tools list insights.';
    expect(kinds(lucent, after)).toEqual(['docs-only provenance-changed GET /api/v1/insights › provenance documented → assumption']);
  });

  it('an unchanged spec has no changes', () => {
    expect(diffSpecs(lucent, copy())).toEqual([]);
  });
});
