import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** What the server does for one request; consumed in order, the last one repeats. */
export type Fault =
  | { status: number; headers?: Record<string, string>; body?: unknown; delayMs?: number }
  | { reset: true }
  | { hang: true }
  /** Sends the status line, headers and part of a JSON body, then drops the connection. */
  | { truncate: true; status: number }
  /** Sends the status line, headers and part of a JSON body, then sends nothing more (the connection stays open). */
  | { stallBody: true; status: number };

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Body after gunzip when content-encoding is gzip. */
  decodedBody: Buffer;
}

export interface FaultServer {
  url: string;
  requests: RecordedRequest[];
  /** Queue responses; the last one repeats for further requests. */
  respond(...faults: Fault[]): void;
  close(): Promise<void>;
}

export async function startFaultServer(): Promise<FaultServer> {
  let queue: Fault[] = [{ status: 200, body: { ok: true } }];
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const decodedBody = req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, decodedBody });
      const fault = queue.length > 1 ? queue.shift()! : queue[0]!;
      if ('reset' in fault) {
        req.socket.destroy();
        return;
      }
      if ('hang' in fault) return;
      if ('stallBody' in fault) {
        res.writeHead(fault.status, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{"issues":[{"id":');
        return;
      }
      if ('truncate' in fault) {
        res.writeHead(fault.status, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{"issues":[{"id":');
        setTimeout(() => req.socket.destroy(), 20);
        return;
      }
      const send = () => {
        const isText = typeof fault.body === 'string';
        const payload = fault.body === undefined ? '' : isText ? (fault.body as string) : JSON.stringify(fault.body);
        res.writeHead(fault.status, {
          'content-type': isText ? 'text/plain' : 'application/json',
          ...fault.headers,
        });
        res.end(payload);
      };
      if (fault.delayMs) setTimeout(send, fault.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respond(...faults) {
      queue = faults;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
