import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { IngestEvent } from '../src/index.js';

export const makeEvent = (overrides: Partial<IngestEvent> = {}): IngestEvent => ({
  event_id: randomUUID(),
  trace_id: 'run-client-test',
  span_id: `span-${randomUUID().slice(0, 8)}`,
  timestamp: new Date().toISOString(),
  provider: 'anthropic',
  model: 'claude-sonnet-4-6',
  operation: 'chat',
  latency_ms: 812,
  input_tokens: 120,
  output_tokens: 40,
  cost_usd: 0.00096,
  status: 'success',
  ...overrides,
});

export const makeEvents = (count: number, overrides: Partial<IngestEvent> = {}) => Array.from({ length: count }, () => makeEvent(overrides));

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** The body after gunzip when Content-Encoding was gzip. */
  text: string;
  compressedBytes: number;
  lines: IngestEvent[];
}

export interface ScriptedReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * A stand-in LumiqTrace on 127.0.0.1:0: records every request (gunzipping bodies) and answers from a
 * script (one reply per request, then 202/200), so tests can drive any status sequence.
 */
export async function startFakeServer(script: ScriptedReply[] = [], fallback: (req: RecordedRequest) => ScriptedReply = () => ({ status: 202 })) {
  const requests: RecordedRequest[] = [];
  const queue = [...script];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        text,
        compressedBytes: raw.length,
        lines: text.split('\n').filter((l) => l.trim() !== '' && req.headers['content-type'] === 'application/x-ndjson').map((l) => JSON.parse(l) as IngestEvent),
      };
      requests.push(recorded);
      const reply = queue.shift() ?? fallback(recorded);
      const body = reply.body === undefined ? '' : JSON.stringify(reply.body);
      res.writeHead(reply.status, { ...(body ? { 'content-type': 'application/json' } : {}), ...reply.headers });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
