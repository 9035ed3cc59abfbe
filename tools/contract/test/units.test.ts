import { describe, expect, it } from 'vitest';
import { tamperCursor } from '../src/index.js';
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
