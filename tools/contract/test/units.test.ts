import { describe, expect, it } from 'vitest';
import { loadModel, profileFor, SchemaValidator, tamperCursor } from '../src/index.js';
import { matchBody } from '../src/match.js';

describe('cursor tampering', () => {
  it('edits a base64url JSON payload and re-encodes it', () => {
    const cursor = Buffer.from(JSON.stringify({ createdAt: '2026-02-24T10:32:19.066Z', id: 'abc0' })).toString('base64url') + '.sig';
    const tampered = tamperCursor(cursor);
    expect(tampered).not.toBe(cursor);
    expect(tampered.endsWith('.sig')).toBe(true);
    const decoded = JSON.parse(Buffer.from(tampered.split('.')[0]!, 'base64url').toString()) as Record<string, string>;
    expect(decoded.createdAt).not.toBe('2026-02-24T10:32:19.066Z');
  });

  it('changes a character of an opaque cursor', () => {
    expect(tamperCursor('opaque-token-value')).not.toBe('opaque-token-value');
  });
});

describe('body matchers', () => {
  it('exact needs the same body', () => {
    expect(matchBody('exact', { error: 'x' }, { error: 'x' })).toBeNull();
    expect(matchBody('exact', { error: 'x', extra: 1 }, { error: 'x' })).not.toBeNull();
  });

  it('subset allows request-specific extras (e.g. a details array)', () => {
    const expected = { error: 'invalid_params', details: [{ param: 'limit' }] };
    expect(matchBody('subset', { error: 'invalid_params', details: [{ param: 'limit', message: 'too big' }], requestId: 'r1' }, expected)).toBeNull();
    expect(matchBody('subset', { error: 'invalid_params', details: [{ param: 'cursor' }] }, expected)).not.toBeNull();
  });
});

describe('schema validator', () => {
  const model = loadModel(profileFor('lucent'));
  const validator = new SchemaValidator(model);
  const listIssues = model.operation('listIssues');
  const exchange = (status: number, headers: Record<string, string>, json: unknown) => ({
    method: 'GET',
    url: 'http://x/api/v1/issues',
    status,
    headers: { 'content-type': 'application/json', ...headers },
    text: JSON.stringify(json),
    json: json as never,
  });

  it('accepts a documented response', () => {
    expect(validator.check(listIssues, exchange(200, {}, { issues: [], nextCursor: null }))).toEqual([]);
  });

  it('flags bodies outside the schema, undocumented statuses and bad declared headers', () => {
    // Lucent's response objects are open: an extra field is fine, a wrong type is not.
    expect(validator.check(listIssues, exchange(200, {}, { issues: [], nextCursor: null, extra: 1 }))).toEqual([]);
    expect(validator.check(listIssues, exchange(200, {}, { issues: [], nextCursor: 5 })).join()).toMatch(/nextCursor.*must be string,null/);
    expect(validator.check(listIssues, exchange(200, {}, { issues: [{ id: 'not-a-uuid' }], nextCursor: null })).join()).toMatch(/required property|format/);
    expect(validator.check(listIssues, exchange(418, {}, {}))).toEqual(['status 418 is not documented for listIssues']);
    const limited = validator.check(listIssues, exchange(429, { 'cache-control': 'no-store', 'retry-after': 'soon', 'x-ratelimit-limit': '6', 'x-ratelimit-remaining': '0' }, { error: 'Rate limit exceeded' }));
    expect(limited.join()).toMatch(/Retry-After: must be integer/);
    expect(limited.join()).toMatch(/missing required header X-RateLimit-Reset/);
  });
});
