import { connect } from 'node:net';
import { Readable } from 'node:stream';
import { createGzip, gzipSync } from 'node:zlib';

export interface HostileBody {
  name: string;
  headers: Record<string, string>;
  /** A fresh stream of the body bytes for each send (bodies up to 50 MB are never held whole). */
  body(): Readable;
  /** The documented refusal, in order of preference: the first status the operation documents is expected. */
  expect: number[];
}

const MiB = 1024 * 1024;

/** `total` bytes of zeros, produced chunk by chunk. */
function zeros(total: number, chunk = MiB): Readable {
  let left = total;
  const block = Buffer.alloc(chunk);
  return new Readable({
    read() {
      if (left <= 0) return void this.push(null);
      const n = Math.min(left, chunk);
      left -= n;
      this.push(n === chunk ? block : block.subarray(0, n));
    },
  });
}

let bomb: Promise<Buffer> | undefined;

/** 1 GiB of zeros, gzip-compressed as a stream (about 1 MB); the 1 GiB is never in memory. */
export function gzipBomb(): Promise<Buffer> {
  bomb ??= new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    zeros(1024 * MiB)
      .pipe(createGzip({ level: 9 }))
      .on('data', (c: Buffer) => parts.push(c))
      .on('end', () => resolve(Buffer.concat(parts)))
      .on('error', reject);
  });
  return bomb;
}

/** A JSON document of about `size` bytes: one huge string value, streamed. */
function hugeJson(size: number): Readable {
  const head = Buffer.from('{"padding":"');
  const tail = Buffer.from('"}');
  const filler = Buffer.alloc(MiB, 'x');
  let left = size - head.length - tail.length;
  let started = false;
  return new Readable({
    read() {
      if (!started) {
        started = true;
        return void this.push(head);
      }
      if (left <= 0) {
        this.push(tail);
        return void this.push(null);
      }
      const n = Math.min(left, filler.length);
      left -= n;
      this.push(n === filler.length ? filler : filler.subarray(0, n));
    },
  });
}

/** The valid body text with invalid UTF-8 bytes spliced into its first string value (a value, not a key). */
function withInvalidUtf8(valid: string): Buffer {
  const value = valid.indexOf('":"');
  const at = value === -1 ? 1 : value + 3;
  return Buffer.concat([Buffer.from(valid.slice(0, at)), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]), Buffer.from(valid.slice(at))]);
}

/**
 * The hostile bodies for one operation, given its valid body text and media type. `tooLarge`,
 * `undecodable`, `unsupported` and `invalid` are the statuses the spec documents for those refusals.
 */
export async function hostileBodies(validBody: string, contentType: string): Promise<HostileBody[]> {
  const json = { 'content-type': contentType };
  const gzip = { ...json, 'content-encoding': 'gzip' };
  const valid = Buffer.from(validBody);
  const gz = gzipSync(valid);
  const bombBytes = await gzipBomb();
  const deep = 100_000;
  return [
    { name: 'gzip bomb (1 GiB of zeros)', headers: gzip, body: () => Readable.from([bombBytes]), expect: [413, 400] },
    { name: 'truncated gzip', headers: gzip, body: () => Readable.from([gz.subarray(0, Math.floor(gz.length / 2))]), expect: [400] },
    { name: 'gzip header on a plain body', headers: gzip, body: () => Readable.from([valid]), expect: [400] },
    { name: 'Content-Encoding: br', headers: { ...json, 'content-encoding': 'br' }, body: () => Readable.from([valid]), expect: [415, 400] },
    { name: 'Content-Encoding: deflate', headers: { ...json, 'content-encoding': 'deflate' }, body: () => Readable.from([valid]), expect: [415, 400] },
    { name: 'Content-Encoding: garbage', headers: { ...json, 'content-encoding': 'x-garbage' }, body: () => Readable.from([valid]), expect: [415, 400] },
    { name: '50 MB JSON (Content-Length)', headers: { ...json, 'content-length': String(50 * MiB) }, body: () => hugeJson(50 * MiB), expect: [413, 400] },
    { name: '50 MB JSON (chunked)', headers: json, body: () => hugeJson(50 * MiB), expect: [413, 400] },
    { name: '100k-deep nested arrays', headers: json, body: () => Readable.from([Buffer.from('['.repeat(deep) + ']'.repeat(deep))]), expect: [400] },
    { name: '100k-deep nested arrays, gzip', headers: gzip, body: () => Readable.from([gzipSync('['.repeat(deep) + ']'.repeat(deep))]), expect: [400] },
    { name: 'invalid UTF-8 in a string', headers: json, body: () => Readable.from([withInvalidUtf8(validBody)]), expect: [400] },
  ];
}

export interface StreamedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends a streamed body over a raw TCP connection and reads the answer while still uploading. A server
 * may refuse early (a cap hit, a bad encoding) and close before the upload ends; Node's HTTP client
 * then reports EPIPE and drops the answer, so the request is written and the answer parsed by hand.
 * Without a Content-Length header the body goes out chunked.
 */
export function sendStream(baseUrl: string, method: string, path: string, headers: Record<string, string>, body: Readable, timeoutMs = 60_000): Promise<StreamedResponse> {
  const url = new URL(baseUrl);
  const chunked = !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length');
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    let received = Buffer.alloc(0);
    let done = false;
    const finish = (error: Error | undefined, response?: StreamedResponse): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      body.destroy();
      socket.destroy();
      if (response) resolve(response);
      else reject(error ?? new Error('connection closed without an answer'));
    };
    const timer = setTimeout(() => finish(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    const tryParse = (final: boolean): void => {
      const end = received.indexOf('\r\n\r\n');
      if (end === -1) return final ? finish(new Error(`incomplete answer: ${received.toString('latin1').slice(0, 200)}`)) : undefined;
      const [statusLine = '', ...lines] = received.subarray(0, end).toString('latin1').split('\r\n');
      const parsed: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        if (colon > 0) parsed[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const status = Number(statusLine.split(' ')[1]);
      const length = parsed['content-length'] !== undefined ? Number(parsed['content-length']) : undefined;
      const content = received.subarray(end + 4);
      if (/chunked/i.test(parsed['transfer-encoding'] ?? '')) {
        const decoded = dechunk(content);
        if (decoded) return finish(undefined, { status, headers: parsed, body: decoded.toString('utf8') });
      }
      if (length !== undefined && content.length >= length) {
        return finish(undefined, { status, headers: parsed, body: content.subarray(0, length).toString('utf8') });
      }
      if (final) finish(undefined, { status, headers: parsed, body: content.toString('utf8') });
    };
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      tryParse(false);
    });
    socket.on('end', () => tryParse(true));
    socket.on('close', () => tryParse(true));
    // Write errors after an early answer are expected; the answer (or its absence) decides.
    socket.on('error', () => tryParse(true));
    socket.on('connect', async () => {
      const head = [`${method} ${path} HTTP/1.1`, `host: ${url.host}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
      if (chunked) head.push('transfer-encoding: chunked');
      socket.write(`${head.join('\r\n')}\r\n\r\n`);
      try {
        for await (const chunk of body) {
          if (done || socket.destroyed) return;
          const bytes = chunk as Buffer;
          const ok = chunked ? socket.write(Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n')])) : socket.write(bytes);
          if (!ok) await new Promise((r) => socket.once('drain', r).once('close', r));
        }
        if (chunked && !socket.destroyed) socket.write('0\r\n\r\n');
      } catch {
        // The body stream was destroyed because the answer already arrived.
      }
    });
  });
}

/** The body of a complete chunked message, or undefined while chunks are still missing. */
function dechunk(data: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd === -1) return undefined;
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (Number.isNaN(size)) return undefined;
    if (size === 0) return Buffer.concat(parts);
    const start = lineEnd + 2;
    if (data.length < start + size + 2) return undefined;
    parts.push(data.subarray(start, start + size));
    at = start + size + 2;
  }
}
