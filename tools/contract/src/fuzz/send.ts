import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Exchange, SentRequest } from '../http.js';
import type { Json } from '../spec.js';
import type { FuzzCase } from './requests.js';

const REQUEST_TIMEOUT_MS = 15_000;

/**
 * Sends generated requests exactly as generated: the path and query string byte for byte (no URL
 * normalisation, so `%2e%2e`, `%zz` and repeated parameters reach the server as written), the body as
 * generated (already compressed when the case says so). node:http/https with keep-alive, one per origin.
 */
export class RawSender {
  private readonly agents = new Map<string, HttpAgent>();

  private agentFor(url: URL): HttpAgent {
    let agent = this.agents.get(url.origin);
    if (!agent) {
      agent = url.protocol === 'https:' ? new HttpsAgent({ keepAlive: true, maxSockets: 4 }) : new HttpAgent({ keepAlive: true, maxSockets: 4 });
      this.agents.set(url.origin, agent);
    }
    return agent;
  }

  /** The URL a case goes to: the base URL's path prefix, then the generated path and query. */
  static urlOf(baseUrl: string, c: FuzzCase): string {
    return `${baseUrl.replace(/\/$/, '')}${c.path}`;
  }

  /** Resolves with status 0 and the cause in `text` when no HTTP answer came. */
  send(baseUrl: string, c: FuzzCase): Promise<Exchange> {
    const base = new URL(baseUrl);
    const url = RawSender.urlOf(baseUrl, c);
    const headers: Record<string, string> = { accept: 'application/json', ...(c.headers ?? {}) };
    const body = typeof c.body === 'string' ? Buffer.from(c.body) : c.body;
    if (body !== undefined) headers['content-length'] = String(body.length);
    const encoding = headers['content-encoding'];
    const sent: SentRequest = {
      headers,
      ...(body !== undefined ? { bodyText: c.plainBody ?? body.toString('utf8') } : {}),
      ...(c.plainBody !== undefined && encoding ? { encoding } : {}),
    };
    const request = base.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve) => {
      const outgoing = request(
        {
          protocol: base.protocol,
          hostname: base.hostname,
          port: base.port || undefined,
          method: c.method,
          path: `${base.pathname.replace(/\/$/, '')}${c.path}`,
          headers,
          agent: this.agentFor(base),
          timeout: REQUEST_TIMEOUT_MS,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const flat: Record<string, string> = {};
            for (const [name, value] of Object.entries(res.headers)) {
              if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
            }
            const text = Buffer.concat(chunks).toString('utf8');
            let json: Json | undefined;
            if (/json/i.test(flat['content-type'] ?? '') || /^\s*[[{]/.test(text)) {
              try {
                json = JSON.parse(text) as Json;
              } catch {
                json = undefined;
              }
            }
            resolve({ method: c.method, url, status: res.statusCode ?? 0, headers: flat, text, json, sent });
          });
          res.on('error', (error: Error) => resolve({ method: c.method, url, status: 0, headers: {}, text: `the answer broke off (${error.message})`, json: undefined, sent }));
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
      // No answer at all (refused, reset, TLS, timeout) is a result to judge, not a crash of the run.
      outgoing.on('error', (error: Error & { code?: string }) =>
        resolve({ method: c.method, url, status: 0, headers: {}, text: `no answer (${error.code ?? error.name}: ${error.message})`, json: undefined, sent }),
      );
      outgoing.end(body);
    });
  }

  close(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }
}
