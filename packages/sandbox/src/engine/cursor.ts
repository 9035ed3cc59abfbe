import { createHmac, timingSafeEqual } from 'node:crypto';

export interface CursorCodec {
  /** An opaque cursor for `position`, bound to `binding` (endpoint, filters, organization). */
  encode(binding: string, position: readonly string[]): string;
  /** The position, or undefined when the cursor is malformed, tampered with or bound to something else. */
  decode(binding: string, cursor: string): string[] | undefined;
}

const SIGNATURE_BYTES = 16;
const ISSUED_CACHE_SIZE = 10_000;

export interface CursorCodecOptions {
  /** Fault `cursor-unchecked`: skip the signature, so tampered and foreign cursors pass. */
  unchecked?: boolean;
  /**
   * `dotted` (default): base64url(JSON position) "." base64url(signature).
   * `compact`: base64url(signature + JSON position), one base64url string for specs whose cursor pattern has no ".".
   */
  format?: 'dotted' | 'compact';
}

/** HMAC-SHA256(binding, payload) signed keyset cursors, truncated to 16 bytes. */
export function createCursorCodec(secret: string, options: CursorCodecOptions = {}): CursorCodec {
  const compact = options.format === 'compact';
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
        const signature = sign(binding, payload);
        cursor = compact
          ? Buffer.concat([signature, Buffer.from(json)]).toString('base64url')
          : `${payload}.${signature.toString('base64url')}`;
        if (issued.size >= ISSUED_CACHE_SIZE) issued.clear();
        issued.set(key, cursor);
      }
      return cursor;
    },
    decode(binding, cursor) {
      const position = decodeLoosely(binding, cursor);
      if (position === undefined) return undefined;
      if (options.unchecked) return position;
      // Only the exact cursor we issue is accepted: appended characters ("!!", "==", "%0A"), a signature
      // in standard base64 or any other spelling that decodes to the same bytes is refused.
      const canonical = Buffer.from(this.encode(binding, position));
      const given = Buffer.from(cursor);
      return given.length === canonical.length && timingSafeEqual(given, canonical) ? position : undefined;
    },
  };

  function decodeLoosely(binding: string, cursor: string): string[] | undefined {
    {
      let payload: string;
      let given: Buffer;
      if (compact) {
        if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
        const bytes = Buffer.from(cursor, 'base64url');
        if (bytes.length <= SIGNATURE_BYTES) return undefined;
        given = bytes.subarray(0, SIGNATURE_BYTES);
        payload = bytes.subarray(SIGNATURE_BYTES).toString('base64url');
      } else {
        const dot = cursor.indexOf('.');
        if (dot <= 0 || dot !== cursor.lastIndexOf('.')) return undefined;
        payload = cursor.slice(0, dot);
        given = Buffer.from(cursor.slice(dot + 1), 'base64url');
      }
      if (!options.unchecked) {
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
    }
  }
}
