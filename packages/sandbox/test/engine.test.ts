import { describe, expect, it } from 'vitest';
import { createCursorCodec, RateLimiter } from '../src/engine/index.js';
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
    expect(conformance.check({ ...ok, status: 404, body: '{"error":"x","extra":1}' })[0]).toMatch(/body/);
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
