import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createConformanceChecker, type OpenApiDocument } from '@apiforge/sandbox/engine';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM module of the benchmark, without types
import { createResponder, PROJECT_ID } from '../bench/responder.mjs';

const require = createRequire(import.meta.url);
const spec = JSON.parse(readFileSync(require.resolve('@apiforge/lumiqtrace-openapi/openapi.json'), 'utf8')) as OpenApiDocument;
const conformance = createConformanceChecker(spec);

describe('the benchmark responder', () => {
  it('answers as the spec says the service may (events without model or provider included)', () => {
    const respond = createResponder({ items: 450 }) as (url: URL) => string | undefined;
    const check = (path: string) => {
      const body = respond(new URL(`http://bench.invalid${path}`));
      expect(body, path).toBeTypeOf('string');
      expect(conformance.check({ method: 'GET', path, status: 200, headers: { 'content-type': 'application/json' }, body: body! })).toEqual([]);
      return JSON.parse(body!);
    };
    check(`/v1/performance?projectId=${PROJECT_ID}`);
    let page = check(`/v1/events?projectId=${PROJECT_ID}&limit=200`);
    let events = page.events.length;
    for (let pages = 0; page.nextCursor !== null && pages < 10; pages++) {
      page = check(`/v1/events?projectId=${PROJECT_ID}&limit=200&cursor=${encodeURIComponent(page.nextCursor)}`);
      events += page.events.length;
    }
    expect(events).toBe(450);
  });
});
