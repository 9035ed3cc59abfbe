// Regression attacks from the adversarial review ("Hardening from an adversarial review", sandbox half).
// Each test is one attack, bounded in requests and time, against a sandbox child process on 127.0.0.1.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HttpClient } from '../src/http.js';
import { startSandboxProcess, type SandboxProcess } from '../src/sandbox-process.js';

const LQ_SESSION = 'Bearer lumiq_session_acme';
const LQ_INGEST = 'lqt_sandbox_ingest';
const LUC_READ = 'luc_api_sandbox_read';
const LUC_WRITE = 'luc_api_sandbox_write';
const LUC_INGEST = 'luc_pk_sandbox';

/** One raw HTTP/1.1 exchange over a socket; resolves with what the server sent before closing (or the timeout). */
function raw(url: string, text: string | Buffer, timeoutMs = 5_000): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    const timer = setTimeout(done, timeoutMs);
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      // One complete answer is enough: head plus Content-Length bytes.
      const all = Buffer.concat(chunks).toString('latin1');
      const end = all.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length: *(\d+)/i.exec(all);
      if (end !== -1 && length && Buffer.byteLength(all.slice(end + 4), 'latin1') >= Number(length[1])) done();
    });
    socket.on('error', done);
    socket.on('close', done);
    socket.write(text);
  });
}

const statusOf = (answer: string): number => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);

function otlpSpans(count: number, offset: number): string {
  const spans = [];
  for (let i = 0; i < count; i++) {
    const n = offset + i;
    const start = BigInt(Date.UTC(2026, 0, 1)) * 1_000_000n + BigInt(n) * 1_000_000n;
    spans.push({ traceId: `t${n}`, spanId: `s${n}`, name: 'chat', startTimeUnixNano: String(start), endTimeUnixNano: String(start + 5_000_000n) });
  }
  return JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans }] }] });
}

function replayBatch(sequence: number, events: unknown[]): Record<string, unknown> {
  return {
    session: { id: 'sess-hardening', windowId: 'w1', startedAt: 1_700_000_000_000, lastActivityAt: 1_700_000_001_000, url: 'https://example.test/' },
    user: { anonymousId: 'anon-1' },
    page: { url: 'https://example.test/', title: 'Example' },
    replay: { sequence, events },
  };
}

describe('LumiqTrace hardening', () => {
  let sandbox: SandboxProcess;
  let http: HttpClient;
  beforeAll(async () => {
    sandbox = await startSandboxProcess({ api: 'lumiqtrace', rateLimitScale: 100_000 });
    http = new HttpClient(sandbox.url, 4);
  });
  afterAll(async () => {
    http?.close();
    await sandbox?.close();
  });

  test('item 7: a 10,000-year cost window is refused with a small 400 (was a 113 MB answer)', async () => {
    const started = Date.now();
    const res = await http.send({
      method: 'GET',
      path: '/v1/costs?projectId=proj_acme&start=0001-01-01T00:00:00Z&end=9999-12-31T00:00:00Z',
      headers: { authorization: LQ_SESSION },
    }, 10_000);
    expect(res.status).toBe(400);
    expect(res.body.length).toBeLessThan(1_000);
    expect(Date.now() - started).toBeLessThan(2_000);
    // A one-year window is still answered.
    const year = await http.send({
      method: 'GET',
      path: '/v1/costs?projectId=proj_acme&start=2025-06-01T00:00:00Z&end=2026-05-31T00:00:00Z',
      headers: { authorization: LQ_SESSION },
    });
    expect(year.status).toBe(200);
  });

  test('item 8: an OTLP/JSON export with wrong types below the spans (resource, scope, events, links) is a 400, stored nowhere', async () => {
    const before = await http.send({ method: 'GET', path: '/_sandbox/projects' });
    const countOf = (body: string): number => (JSON.parse(body) as { projects: { id: string; events: number }[] }).projects.find((p) => p.id === 'proj_acme')!.events;
    const span = { traceId: 'deep', spanId: 'x1', name: 'chat', startTimeUnixNano: '1767225600000000000' };
    const hostile = [
      { resourceSpans: [{ resource: { attributes: 5 }, scopeSpans: [{ spans: [span] }] }] },
      { resourceSpans: [{ scopeSpans: [{ scope: { name: 7 }, spans: [span] }] }] },
      { resourceSpans: [{ scopeSpans: [{ spans: [{ ...span, events: [{ name: {} }] }] }] }] },
      { resourceSpans: [{ scopeSpans: [{ spans: [{ ...span, links: 'nope' }] }] }] },
      { resourceSpans: [{ scopeSpans: [{ spans: [{ ...span, attributes: [{ key: 'k', value: { arrayValue: { values: [5] } } }] }] }] }] },
      { resourceSpans: [{ scopeSpans: [{ spans: [{ ...span, status: { code: [] } }] }] }] },
    ];
    for (const body of hostile) {
      const res = await http.send({ method: 'POST', path: '/v1/otel', headers: { 'x-api-key': LQ_INGEST, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const after = await http.send({ method: 'GET', path: '/_sandbox/projects' });
    expect(countOf(after.body)).toBe(countOf(before.body));
    expect(sandbox.stderr()).toBe('');
  });

  test('item 9: OTLP cannot grow a project past 50,000 stored events, and ingest stays fast as it fills', async () => {
    const perExport = 5_500;
    const timings: number[] = [];
    for (let i = 0; i < 10; i++) {
      const started = Date.now();
      const res = await http.send({
        method: 'POST',
        path: '/v1/otel',
        headers: { 'x-api-key': LQ_INGEST, 'content-type': 'application/json' },
        body: otlpSpans(perExport, i * perExport),
      }, 20_000);
      expect(res.status, res.body).toBe(202);
      timings.push(Date.now() - started);
    }
    const projects = JSON.parse((await http.send({ method: 'GET', path: '/_sandbox/projects' })).body) as { projects: { id: string; events: number; ingestedEvents: number }[] };
    const acme = projects.projects.find((p) => p.id === 'proj_acme')!;
    expect(acme.ingestedEvents).toBeGreaterThanOrEqual(10 * perExport);
    expect(acme.events).toBeLessThanOrEqual(50_000);
    // The newest events are kept: the list still starts with the last export's newest span.
    const page = await http.send({ method: 'GET', path: '/v1/events?projectId=proj_acme&limit=1', headers: { authorization: LQ_SESSION } });
    expect(page.status).toBe(200);
    // Every export, the last ones into a full store included, is answered in well under 2 s.
    expect(Math.max(...timings)).toBeLessThan(2_000);
  });

  test('item 13: Content-Encoding x-gzip is gzip; an undocumented Content-Type is a documented 400', async () => {
    const line = JSON.stringify({
      event_id: '5f0c7d1e-2b3a-4c5d-8e9f-0a1b2c3d4e5f', trace_id: 'xg', span_id: 'xg1', timestamp: '2026-04-20T09:14:07.120Z',
      provider: 'openai', model: 'gpt-4o', operation: 'chat', status: 'success',
    });
    const gz = await http.send({
      method: 'POST', path: '/v1/ingest',
      headers: { 'x-api-key': LQ_INGEST, 'content-type': 'application/x-ndjson', 'content-encoding': 'x-gzip' },
      body: gzipSync(line),
    });
    expect(gz.status, gz.body).toBe(202);
    const xml = await http.send({ method: 'POST', path: '/v1/ingest', headers: { 'x-api-key': LQ_INGEST, 'content-type': 'application/xml' }, body: line });
    expect(xml.status).toBe(400);
  });

  test('item 13: a repeated projectId is an invalid value, not a missing one', async () => {
    const repeated = await http.send({ method: 'GET', path: '/v1/events?projectId=proj_acme&projectId=proj_acme', headers: { authorization: LQ_SESSION } });
    expect(repeated.status).toBe(400);
    expect(repeated.body).not.toContain('projectId is required');
    const missing = await http.send({ method: 'GET', path: '/v1/events', headers: { authorization: LQ_SESSION } });
    expect(missing.status).toBe(400);
    expect(missing.body).toContain('projectId is required');
  });

  test('item 13: HEAD on a GET route answers like GET without a body', async () => {
    const answer = await raw(sandbox.url, `HEAD /v1/events?projectId=proj_acme&limit=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${LQ_SESSION}\r\nConnection: close\r\n\r\n`);
    expect(statusOf(answer)).toBe(200);
    expect(answer.slice(answer.indexOf('\r\n\r\n') + 4)).toBe('');
  });
});

describe('Lucent hardening', () => {
  let sandbox: SandboxProcess;
  let http: HttpClient;
  beforeAll(async () => {
    sandbox = await startSandboxProcess({ api: 'lucent', rateLimitScale: 100_000 });
    http = new HttpClient(sandbox.url, 4);
  });
  afterAll(async () => {
    http?.close();
    await sandbox?.close();
  });

  test('item 12: a valid cursor with characters appended, or its signature in standard base64, is refused; another run cannot read it', async () => {
    const first = await http.send({ method: 'GET', path: '/api/v1/issues?limit=2', headers: { authorization: `Bearer ${LUC_READ}` } });
    const cursor = (JSON.parse(first.body) as { nextCursor: string }).nextCursor;
    const [payload, signature] = cursor.split('.') as [string, string];
    const variants = [`${cursor}!!`, `${cursor}==`, `${cursor}\n`, `${payload}.${Buffer.from(signature, 'base64url').toString('base64')}`];
    expect((await http.send({ method: 'GET', path: `/api/v1/issues?limit=2&cursor=${encodeURIComponent(cursor)}`, headers: { authorization: `Bearer ${LUC_READ}` } })).status).toBe(200);
    for (const variant of variants) {
      const res = await http.send({ method: 'GET', path: `/api/v1/issues?limit=2&cursor=${encodeURIComponent(variant)}`, headers: { authorization: `Bearer ${LUC_READ}` } });
      expect(res.status, variant).toBe(400);
    }
    const other = await startSandboxProcess({ api: 'lucent', rateLimitScale: 100_000 });
    const otherHttp = new HttpClient(other.url, 1);
    try {
      const foreign = await otherHttp.send({ method: 'GET', path: `/api/v1/issues?limit=2&cursor=${encodeURIComponent(cursor)}`, headers: { authorization: `Bearer ${LUC_READ}` } });
      expect(foreign.status).toBe(400);
    } finally {
      otherHttp.close();
      await other.close();
    }
  });

  test('item 7: a replay batch of 300,000 invalid events lists at most 100 issues (was a 68 MB details list)', async () => {
    const body = JSON.stringify(replayBatch(1, new Array(300_000).fill(7)));
    const res = await http.send({ method: 'POST', path: '/api/sdk/replay', headers: { 'x-lucent-api-key': LUC_INGEST, 'content-type': 'application/json' }, body }, 30_000);
    expect(res.status).toBe(400);
    const details = (JSON.parse(res.body) as { details: unknown[] }).details;
    expect(details.length).toBeGreaterThan(0);
    expect(details.length).toBeLessThanOrEqual(100);
    expect(res.body.length).toBeLessThan(100_000);
  });

  test('item 16: the same (session, sequence) with different content is 409, the first copy kept; the same content again is 200', async () => {
    const send = (events: unknown[]) =>
      http.send({ method: 'POST', path: '/api/sdk/replay', headers: { 'x-lucent-api-key': LUC_INGEST, 'content-type': 'application/json' }, body: JSON.stringify(replayBatch(42, events)) });
    const first = [{ type: 4, timestamp: 1_700_000_000_500, data: {} }];
    expect((await send(first)).status).toBe(200);
    expect((await send(first)).status).toBe(200);
    const conflict = await send([{ type: 3, timestamp: 1_700_000_000_900, data: {} }]);
    expect(conflict.status).toBe(409);
    expect(JSON.parse(conflict.body)).toHaveProperty('error');
    const sessions = JSON.parse((await http.send({ method: 'GET', path: '/_sandbox/sessions' })).body) as { sessions: { id: string; batches: number; events: number }[] };
    const session = sessions.sessions.find((s) => s.id === 'sess-hardening')!;
    expect(session.batches).toBe(1);
    expect(session.events).toBe(1);
  });

  test('item 11: every query parameter counts (none dropped after the 1,000th)', async () => {
    // 1,200 unknown parameters, then an invalid limit: Node's default parser dropped the limit and answered 200.
    const filler = Array.from({ length: 1_200 }, (_, i) => `p${i}=1`).join('&');
    const res = await http.send({ method: 'GET', path: `/api/v1/issues?${filler}&limit=0`, headers: { authorization: `Bearer ${LUC_READ}` } });
    expect(res.status).toBe(400);
  });

  test('item 11: two Authorization headers are 401; the scheme is case-insensitive with one or more spaces', async () => {
    const twice = await raw(
      sandbox.url,
      `GET /api/v1/issues?limit=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${LUC_READ}\r\nAuthorization: Bearer luc_api_sandbox_globex\r\nConnection: close\r\n\r\n`,
    );
    expect(statusOf(twice)).toBe(401);
    for (const header of [`bearer ${LUC_READ}`, `BEARER ${LUC_READ}`, `Bearer   ${LUC_READ}`]) {
      const res = await http.send({ method: 'GET', path: '/api/v1/issues?limit=1', headers: { authorization: header } });
      expect(res.status, header).toBe(200);
    }
  });

  test('item 13: /api/v1/issues/ is no lookup; PATCH refuses a foreign Content-Type and a body over 1 MiB with documented answers', async () => {
    const empty = await http.send({ method: 'GET', path: '/api/v1/issues/', headers: { authorization: `Bearer ${LUC_READ}` } });
    expect(empty.status).toBe(404);
    expect(JSON.parse(empty.body)).toEqual({ error: 'Not found' });
    const list = JSON.parse((await http.send({ method: 'GET', path: '/api/v1/issues?limit=1', headers: { authorization: `Bearer ${LUC_READ}` } })).body) as { issues: { id: string }[] };
    const path = `/api/v1/issues/${list.issues[0]!.id}`;
    const form = await http.send({ method: 'PATCH', path, headers: { authorization: `Bearer ${LUC_WRITE}`, 'content-type': 'application/x-www-form-urlencoded' }, body: 'status=resolved' });
    expect(form.status).toBe(400);
    const big = JSON.stringify({ status: 'resolved', pad: 'x'.repeat(1_100_000) });
    const tooLarge = await http.send({ method: 'PATCH', path, headers: { authorization: `Bearer ${LUC_WRITE}`, 'content-type': 'application/json' }, body: big });
    expect(tooLarge.status).toBe(413);
  });

  test('item 10: control routes refuse a foreign Host, a cross-site Origin and a text/plain POST', async () => {
    const base = (extra: string, method = 'POST') =>
      raw(sandbox.url, `${method} /_sandbox/reset HTTP/1.1\r\n${extra}Content-Length: 0\r\nConnection: close\r\n\r\n`);
    expect(statusOf(await base('Host: evil.example\r\n'))).toBe(403);
    expect(statusOf(await base('Host: 127.0.0.1\r\nOrigin: https://evil.example\r\n'))).toBe(403);
    expect(statusOf(await base('Host: 127.0.0.1\r\nContent-Type: text/plain\r\n'))).toBe(403);
    expect(statusOf(await base('Host: localhost\r\n'))).toBe(200);
  });
});

describe('connections and shutdown', () => {
  test('item 14: a slow body loses its slot after the request timeout; connections beyond the cap are closed', async () => {
    const sandbox = await startSandboxProcess({ api: 'lumiqtrace', requestTimeoutMs: 1_000, headersTimeoutMs: 500, maxConnections: 4 });
    try {
      const started = Date.now();
      // Declares 1,000 bytes and sends 10: Node's default held this for 300 s.
      const answer = await raw(sandbox.url, `POST /v1/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: ${LQ_INGEST}\r\nContent-Type: application/x-ndjson\r\nContent-Length: 1000\r\n\r\n{"event_i`, 8_000);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect([0, 408]).toContain(statusOf(answer));
      // Hold 4 idle connections, then a fifth is closed without an answer.
      const { hostname, port } = new URL(sandbox.url);
      const held = await Promise.all(Array.from({ length: 4 }, () => new Promise<ReturnType<typeof connect>>((resolve) => {
        const s = connect(Number(port), hostname, () => resolve(s));
        s.on('error', () => undefined);
      })));
      await new Promise((r) => setTimeout(r, 100));
      const fifth = await raw(sandbox.url, 'GET /_sandbox/info HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n', 2_000);
      expect(statusOf(fifth)).toBe(0);
      for (const s of held) s.destroy();
      await new Promise((r) => setTimeout(r, 100));
      const later = await raw(sandbox.url, 'GET /_sandbox/info HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n', 2_000);
      expect(statusOf(later)).toBe(200);
    } finally {
      await sandbox.close();
    }
  });

  test('item 15: SIGTERM lets an in-flight request finish, refuses new connections, then exits 0', async () => {
    const require = createRequire(import.meta.url);
    const bin = join(dirname(require.resolve('@apiforge/sandbox/package.json')), 'bin', 'sandbox.mjs');
    const child = spawn(process.execPath, [bin, 'lucent', '--port', '0', '--shutdown-grace-ms', '3000'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('sandbox CLI did not start in 20 s')), 20_000);
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
      });
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const { hostname, port } = new URL(url);
      const body = JSON.stringify(replayBatch(1, [{ type: 4, timestamp: 1, data: {} }]));
      // The request head and half the body, then SIGTERM, then the rest of the body.
      const socket = connect(Number(port), hostname);
      const chunks: Buffer[] = [];
      socket.on('data', (c: Buffer) => chunks.push(c));
      const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
      socket.write(`POST /api/sdk/replay HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Lucent-Api-Key: ${LUC_INGEST}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 20)}`);
      await new Promise((r) => setTimeout(r, 200));
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      const refused = await raw(url, 'GET /_sandbox/info HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n', 1_000);
      expect(statusOf(refused)).toBe(0);
      socket.write(body.slice(20));
      await closed;
      expect(statusOf(Buffer.concat(chunks).toString())).toBe(200);
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 30_000);
});
