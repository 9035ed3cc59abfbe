import type { IncomingMessage } from 'node:http';
import { createGunzip } from 'node:zlib';

export type BodyResult =
  | { ok: true; body: Buffer }
  | { ok: false; reason: 'too-large' | 'undecodable' | 'aborted' };

/** Bytes still read (and thrown away) after a refusal, so the client sees the answer; then the socket goes. */
const DISCARD_LIMIT = 64 * 1024 * 1024;

export function discardRest(req: IncomingMessage): void {
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_LIMIT) req.destroy();
  });
  req.resume();
}

/**
 * Reads a request body of at most `maxBytes` after decoding. Gzip is inflated as a stream with a running
 * count: the moment the output crosses the cap, inflation stops, so a gzip bomb never expands in memory.
 */
export function readBody(req: IncomingMessage, encoding: 'identity' | 'gzip', maxBytes: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    let settled = false;
    const chunks: Buffer[] = [];
    let decoded = 0;
    const settle = (result: BodyResult): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const onDecoded = (chunk: Buffer): boolean => {
      decoded += chunk.length;
      if (decoded > maxBytes) return false;
      chunks.push(chunk);
      return true;
    };
    req.on('aborted', () => settle({ ok: false, reason: 'aborted' }));
    req.on('error', () => settle({ ok: false, reason: 'aborted' }));

    const declared = Number(req.headers['content-length']);
    if (encoding === 'identity') {
      if (declared > maxBytes) {
        discardRest(req);
        settle({ ok: false, reason: 'too-large' });
        return;
      }
      const onData = (chunk: Buffer): void => {
        if (!onDecoded(chunk)) {
          req.off('data', onData);
          discardRest(req);
          settle({ ok: false, reason: 'too-large' });
        }
      };
      req.on('data', onData);
      req.on('end', () => settle({ ok: true, body: Buffer.concat(chunks, decoded) }));
      return;
    }

    const gunzip = createGunzip();
    // Compressed input larger than the decoded cap is refused too; JSON always compresses.
    let compressed = 0;
    const stop = (reason: 'too-large' | 'undecodable'): void => {
      req.unpipe(gunzip);
      gunzip.destroy();
      discardRest(req);
      settle({ ok: false, reason });
    };
    req.on('data', (chunk: Buffer) => {
      compressed += chunk.length;
      if (compressed > maxBytes && !settled) stop('too-large');
    });
    gunzip.on('data', (chunk: Buffer) => {
      if (!settled && !onDecoded(chunk)) stop('too-large');
    });
    gunzip.on('error', () => {
      if (!settled) stop('undecodable');
    });
    gunzip.on('end', () => settle({ ok: true, body: Buffer.concat(chunks, decoded) }));
    req.pipe(gunzip);
  });
}
