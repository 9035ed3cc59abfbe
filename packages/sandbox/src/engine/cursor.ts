import { createHmac, timingSafeEqual } from 'node:crypto';

export interface CursorCodec {
  /** An opaque cursor for `position`, bound to `binding` (endpoint, filters, organization). */
  encode(binding: string, position: readonly string[]): string;
  /** The position, or undefined when the cursor is malformed, tampered with or bound to something else. */
  decode(binding: string, cursor: string): string[] | undefined;
}

const SIGNATURE_BYTES = 16;
const ISSUED_CACHE_SIZE = 10_000;

/**
 * HMAC-signed keyset cursors: base64url(JSON position) "." base64url(HMAC-SHA256(binding, payload)).
 * `unchecked` (fault `cursor-unchecked`) skips the signature, so tampered and foreign cursors pass.
 */
export function createCursorCodec(secret: string, options: { unchecked?: boolean } = {}): CursorCodec {
  const sign = (binding: string, payload: string): Buffer =>
    createHmac('sha256', secret).update(binding).update('\u0000').update(payload).digest().subarray(0, SIGNATURE_BYTES);

  // First pages are requested over and over; remembering their cursors saves an HMAC per request.
  const issued = new Map<string, string>();
  return {
    encode(binding, position) {
      const json = JSON.stringify(position);
      const key = `${binding}\u0000${json}`;
      let cursor = issued.get(key);
      if (cursor === undefined) {
        const payload = Buffer.from(json).toString('base64url');
        cursor = `${payload}.${sign(binding, payload).toString('base64url')}`;
        if (issued.size >= ISSUED_CACHE_SIZE) issued.clear();
        issued.set(key, cursor);
      }
      return cursor;
    },
    decode(binding, cursor) {
      const dot = cursor.indexOf('.');
      if (dot <= 0 || dot !== cursor.lastIndexOf('.')) return undefined;
      const payload = cursor.slice(0, dot);
      if (!options.unchecked) {
        const given = Buffer.from(cursor.slice(dot + 1), 'base64url');
        const expected = sign(binding, payload);
        if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      }
      try {
        const position: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
        if (Array.isArray(position) && position.every((part) => typeof part === 'string')) return position as string[];
      } catch {
        // falls through: not a cursor we issued
      }
      return undefined;
    },
  };
}
