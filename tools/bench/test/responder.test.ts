import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createConformanceChecker, type OpenApiDocument } from '@apiforge/sandbox/engine';
import { describe, expect, it } from 'vitest';
import { createResponder, LUMIQTRACE_PROJECT_ID as PROJECT_ID } from '../src/benchmarks/clients/responder.js';

const require = createRequire(import.meta.url);
const spec = JSON.parse(readFileSync(require.resolve('@apiforge/lumiqtrace-openapi/openapi.json'), 'utf8')) as OpenApiDocument;
const conformance = createConformanceChecker(spec);

describe('the client benchmarks’ canned responder', () => {
  it('answers LumiqTrace as the spec says the service may (events without model or provider included)', () => {
    const respond = createResponder({ api: 'lumiqtrace', items: 450 });
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
