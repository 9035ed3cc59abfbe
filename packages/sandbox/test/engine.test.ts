import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { createCursorCodec, describeIssues, RateLimiter } from '../src/engine/index.js';
import { conformance } from './support/http.js';

describe('conformance checker', () => {
  const ok = { method: 'GET', path: '/api/v1/issues/87b3a6b6-5af5-438b-a39c-eff148a68ccb', headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } };

  it('accepts a documented response', () => {
    expect(conformance.check({ ...ok, status: 404, body: '{"error":"Issue not found"}' })).toEqual([]);
  });

  it('reports an undocumented status, a missing header, a bad header value and a body off-schema', () => {
    expect(conformance.check({ ...ok, status: 418, body: '{}' })[0]).toMatch(/status not documented/);
    expect(conformance.check({ ...ok, headers: { 'content-type': 'application/json' }, status: 404, body: '{"error":"x"}' })).toEqual([
      expect.stringMatching(/missing header Cache-Control/),
    ]);
    expect(conformance.check({ ...ok, headers: { ...ok.headers, 'cache-control': 'max-age=60' }, status: 404, body: '{"error":"x"}' })[0]).toMatch(
      /header Cache-Control/,
    );
    expect(conformance.check({ ...ok, status: 404, body: '{"error":1}' })[0]).toMatch(/body/);
    // Response objects are open: an extra field is no departure.
    expect(conformance.check({ ...ok, status: 404, body: '{"error":"x","extra":1}' })).toEqual([]);
    expect(conformance.check({ ...ok, status: 200, body: '{"id":"nope"}' })[0]).toMatch(/body/);
    expect(conformance.check({ method: 'GET', path: '/nowhere', status: 200, headers: {}, body: '' })[0]).toMatch(/no operation/);
  });

  it('checks integer headers such as X-RateLimit-Reset', () => {
    const limited = {
      method: 'GET',
      path: '/api/v1/issues?limit=5',
      status: 429,
      body: '{"error":"Rate limit exceeded"}',
      headers: {
        'content-type': 'application/json',
        'cache-control': 'no-store',
        'retry-after': '3',
        'x-ratelimit-limit': '300',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': '1771929139',
      },
    };
    expect(conformance.check(limited)).toEqual([]);
    expect(conformance.check({ ...limited, headers: { ...limited.headers, 'x-ratelimit-reset': 'Tue, 24 Feb 2026' } })).toHaveLength(1);
  });
});

describe('cursor codec', () => {
  const codec = createCursorCodec('secret');

  it('round-trips a position bound to its binding only', () => {
    const cursor = codec.encode('a', ['2026-01-01T00:00:00.000Z', 'id']);
    expect(cursor.length).toBeLessThanOrEqual(512);
    expect(codec.decode('a', cursor)).toEqual(['2026-01-01T00:00:00.000Z', 'id']);
    expect(codec.decode('b', cursor)).toBeUndefined();
    expect(createCursorCodec('other').decode('a', cursor)).toBeUndefined();
  });

  it('still refuses garbage when unchecked', () => {
    const unchecked = createCursorCodec('secret', { unchecked: true });
    expect(unchecked.decode('b', codec.encode('a', ['x']))).toEqual(['x']);
    expect(unchecked.decode('a', 'nonsense')).toBeUndefined();
  });
});

describe('rate limiter', () => {
  const rule = { group: 'reads', limit: 300, windowSeconds: 60, per: 'token' };

  it('scales limits, rounding up, at least 1', () => {
    expect(new RateLimiter({ scale: 0.02 }).limitFor(rule)).toBe(6);
    expect(new RateLimiter({ scale: 0.02 }).limitFor({ ...rule, limit: 60 })).toBe(2);
    expect(new RateLimiter({ scale: 0.0001 }).limitFor(rule)).toBe(1);
  });

  it('slides: a slot frees exactly when its request leaves the window', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter({ scale: 0.01, now: () => now }); // 3 per 60 s
    expect(limiter.hit(rule, 't').remaining).toBe(2);
    now += 20_000;
    limiter.hit(rule, 't');
    now += 20_000;
    limiter.hit(rule, 't');
    const refused = limiter.hit(rule, 't');
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfter: 20, resetAt: Math.ceil((1_000_000 + 60_000) / 1000) });
    now = 1_000_000 + 60_000;
    expect(limiter.hit(rule, 't').allowed).toBe(true);
    expect(limiter.hit(rule, 't').allowed).toBe(false);
    expect(limiter.hit(rule, 'other').allowed).toBe(true);
  });
});

describe('Zod-style validation issues', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true, verbose: true });
  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv2020) => void;
  addFormats(ajv);
  const schema = {
    type: 'object',
    required: ['kind', 'items', 'mode'],
    additionalProperties: false,
    properties: {
      kind: { const: 'batch' },
      mode: { type: 'string', enum: ['a', 'b'] },
      items: { type: 'array', maxItems: 1, items: { type: 'object', properties: { n: { type: 'integer', exclusiveMaximum: 10 } } } },
      name: { type: 'string', maxLength: 3, pattern: '^[a-z]+$' },
      at: { type: 'string', format: 'date-time' },
      either: { anyOf: [{ type: 'string' }, { type: 'number' }] },
    },
  };
  const validate = ajv.compile(schema);
  const issuesOf = (value: unknown) => {
    expect(validate(value)).toBe(false);
    return describeIssues(validate.errors, value, (s) => s as Record<string, unknown>);
  };

  it('formats each keyword as the matching Zod issue, with array indexes as numbers', () => {
    const issues = issuesOf({ mode: 3, items: [{ n: 10 }, { n: 1.5 }], name: 'ABCD', either: true, extra: 1, other: 2 });
    expect(issues).toEqual(
      expect.arrayContaining([
        { code: 'invalid_literal', expected: 'batch', path: ['kind'], message: 'Invalid literal value, expected "batch"' },
        { code: 'invalid_type', expected: "'a' | 'b'", received: 'number', path: ['mode'], message: "Expected 'a' | 'b', received number" },
        { code: 'too_big', maximum: 1, type: 'array', inclusive: true, exact: false, path: ['items'], message: 'Array must contain at most 1 element(s)' },
        { code: 'too_big', maximum: 10, type: 'number', inclusive: false, exact: false, path: ['items', 0, 'n'], message: 'Number must be less than 10' },
        { code: 'invalid_type', expected: 'integer', received: 'float', path: ['items', 1, 'n'], message: 'Expected integer, received float' },
        { code: 'too_big', maximum: 3, type: 'string', inclusive: true, exact: false, path: ['name'], message: 'String must contain at most 3 character(s)' },
        { code: 'invalid_string', validation: 'regex', path: ['name'], message: 'Invalid' },
        { code: 'invalid_union', path: ['either'], message: 'Invalid input' },
        { code: 'unrecognized_keys', keys: ['extra', 'other'], path: [], message: "Unrecognized key(s) in object: 'extra', 'other'" },
      ]),
    );
    // One issue per problem: the union's branches and the enum check of a mistyped value add nothing.
    expect(issues).toHaveLength(9);
  });

  it('reports enum values, formats and missing fields the way Zod words them', () => {
    expect(issuesOf({ kind: 'batch', mode: 'c', items: [], at: 'yesterday' })).toEqual([
      { code: 'invalid_enum_value', options: ['a', 'b'], received: 'c', path: ['mode'], message: "Invalid enum value. Expected 'a' | 'b', received 'c'" },
      { code: 'invalid_string', validation: 'datetime', path: ['at'], message: 'Invalid datetime' },
    ]);
    expect(issuesOf({ kind: 'batch', items: [] })).toEqual([
      { code: 'invalid_type', expected: "'a' | 'b'", received: 'undefined', path: ['mode'], message: 'Required' },
    ]);
    expect(issuesOf(null)).toEqual([{ code: 'invalid_type', expected: 'object', received: 'null', path: [], message: 'Expected object, received null' }]);
  });
});
