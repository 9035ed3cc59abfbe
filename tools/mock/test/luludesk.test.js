import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specJsonPathFor, startMock } from '../src/index.js';

// The second API through the same wrapper: nothing in the mock knows LuluDesk.
const WORKSPACE = '550e8400-e29b-41d4-a716-446655440000';
const spec = JSON.parse(readFileSync(specJsonPathFor('luludesk'), 'utf8'));
const example = (name) => spec.components.examples[name].value;

let mock;
beforeAll(async () => {
  mock = await startMock({ api: 'luludesk', port: 0 });
}, 90_000);
afterAll(() => mock?.close());

async function get(endpoint, headers = {}) {
  const response = await fetch(`${mock.url}/api/v1/workspaces/${WORKSPACE}/${endpoint}`, {
    headers: { authorization: 'Bearer lld_anything', ...headers },
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, headers: response.headers, json: await response.json() };
}

describe('Prism mock of LuluDesk (pnpm mock luludesk)', () => {
  it('serves the documented examples', async () => {
    const insights = await get('insights');
    expect(insights.status).toBe(200);
    expect(insights.json).toEqual(example('InsightsSummary'));
    expect((await get('handoffs', { prefer: 'example=pendingLastPage' })).json).toEqual(example('HandoffListPendingLast'));
  });

  it('answers Prefer: code=422 with the first 422 example and its details, and example= selects another', async () => {
    const first = await get('conversations', { prefer: 'code=422' });
    expect(first.status).toBe(422);
    expect(first.json).toEqual(example('ErrorInvalidPage'));
    expect(first.headers.get('cache-control')).toBe('no-store');
    const several = await get('conversations', { prefer: 'code=422, example=severalInvalid' });
    expect(several.json.details).toEqual(example('ErrorInvalidPageAndLimit').details);
    expect((await get('handoffs', { prefer: 'code=422, example=invalidBefore' })).json).toEqual(example('ErrorInvalidBefore'));
  });

  it('answers Prefer: code=403 with the named example', async () => {
    const scope = await get('usage', { prefer: 'code=403, example=insufficientScope' });
    expect(scope.status).toBe(403);
    expect(scope.json).toEqual(example('ErrorInsufficientScopeUsage'));
    expect((await get('knowledge-sources', { prefer: 'code=403, example=forbidden' })).json).toEqual(example('ErrorForbidden'));
  });

  it('answers a request without a key with the documented 401 and the spec\'s optional challenge', async () => {
    const response = await fetch(`${mock.url}/api/v1/workspaces/${WORKSPACE}/handoffs`, { signal: AbortSignal.timeout(10_000) });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual(example('ErrorAuthRequired'));
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="luludesk", scope="read:handoffs"');
  });
});
