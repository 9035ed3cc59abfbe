import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import Router from 'find-my-way';
import type { ApiEnvironment, ApiModule, Failure, InvalidParameter, Reply } from './api.js';
import { discardRest as discard, readBody } from './body.js';
import { createCursorCodec } from './cursor.js';
import { parseFaults } from './faults.js';
import { listOrder, type ListOrder } from './pagination.js';
import { RateLimiter, type RateLimitDecision } from './rate-limit.js';
import { compileRoute, corsRequestHeaders, DEFAULT_MAX_BODY_BYTES, type CompiledRoute } from './route.js';
import { decodeBody } from './request-body.js';
import { createSchemaRegistry } from './schemas.js';
import { indexSpec, type OperationInfo } from './spec.js';
import { tenantRefusal } from './tenant.js';

export interface EngineOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Multiplies every documented rate limit (rounded up, at least 1). Default 1. */
  rateLimitScale?: number;
  /** Replaces every documented rate-limit window. Default: the spec's windowSeconds. */
  rateLimitWindowMs?: number;
  faults?: readonly string[];
  /** HMAC key for cursors. Default: random per run. */
  cursorSecret?: string;
  /**
   * Token the `/_sandbox/*` control routes require in `X-Sandbox-Control-Token`. Default: none on a
   * loopback host; a random one per run (see `RunningServer.controlToken`) on any other host.
   */
  controlToken?: string;
  /** A request (head and body) must arrive within this many ms, else 408 and the connection closes. Default 30,000. */
  requestTimeoutMs?: number;
  /** The request head must arrive within this many ms. Default 10,000. */
  headersTimeoutMs?: number;
  /** Open connections at most; further ones are closed at once. Default 256. */
  maxConnections?: number;
  /** `close()` lets in-flight requests finish for this long, then drops their connections. Default 10,000. */
  shutdownGraceMs?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_CONNECTIONS = 256;
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

export interface RunningServer {
  url: string;
  port: number;
  /** The token `/_sandbox/*` routes require, when they require one (a non-loopback host, or one was given). */
  controlToken?: string;
  /**
   * Stops accepting connections, lets in-flight requests finish (their answers carry `Connection: close`)
   * for at most `graceMs` (default: the `shutdownGraceMs` option), then drops what is left.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

type Query = Record<string, string | string[] | undefined>;

const JSON_TYPE = 'application/json; charset=utf-8';
const NO_QUERY: Query = Object.freeze({}) as Query;

function rateLimitHeaders(decision: RateLimitDecision, route: Pick<CompiledRoute<unknown>, 'sendsEngineHeader'>): Record<string, string> {
  const headers: Record<string, string> = {
    'x-ratelimit-limit': String(decision.limit),
    'x-ratelimit-remaining': String(decision.remaining),
    'x-ratelimit-reset': String(decision.resetAt),
  };
  if (!decision.allowed) headers['retry-after'] = String(decision.retryAfter);
  for (const name of Object.keys(headers)) if (!route.sendsEngineHeader(name)) delete headers[name];
  return headers;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  return LOOPBACK_HOSTS.has(h) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h.endsWith('.localhost');
}

/** The host name of a Host header (`name:port`, `[v6]:port`), lowercased; undefined when malformed. */
function hostNameOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]\s]+)(?::\d{1,5})?$/.exec(header.trim());
  return m ? m[1]!.toLowerCase() : undefined;
}

/** Header names (lowercased) that the request sends more than once, from the raw header list. */
function repeatedHeaders(raw: readonly string[]): ReadonlySet<string> | undefined {
  let seen: Set<string> | undefined;
  let repeated: Set<string> | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    seen ??= new Set();
    if (seen.has(name)) (repeated ??= new Set()).add(name);
    else seen.add(name);
  }
  return repeated;
}

/** Content codings that mean gzip (RFC 9110 §8.4.1.3: x-gzip is an alias), normalized. */
function contentCoding(header: string | undefined): string {
  const coding = (header ?? '').trim().toLowerCase() || 'identity';
  return coding === 'x-gzip' ? 'gzip' : coding;
}

/** Media types a browser may POST cross-site without a preflight (the CSRF vector of a form or a beacon). */
const SIMPLE_MEDIA_TYPES = new Set(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']);

function mediaTypeOf(header: string | undefined): string {
  if (!header) return '';
  const semi = header.indexOf(';');
  return (semi === -1 ? header : header.slice(0, semi)).trim().toLowerCase();
}

/**
 * Request ids unique per process: a random prefix and a counter, 16 hex digits like the spec's example.
 * A request id needs to be unique, not secret; drawing 8 random bytes per answer cost about 8% of the
 * sandbox's CPU under load (one getrandom call each).
 */
const requestIdPrefix = randomBytes(3).toString('hex');
let requestCounter = 0;
function nextRequestId(): string {
  requestCounter = (requestCounter + 1) % 0x10000000000;
  return `req_${requestIdPrefix}${requestCounter.toString(16).padStart(10, '0')}`;
}

/** Starts an HTTP server that serves every operation of the module's spec on one port. */
export async function startServer<State>(module: ApiModule<State>, options: EngineOptions = {}): Promise<RunningServer> {
  const faults = parseFaults(options.faults);
  const spec = indexSpec(module.loadSpec());
  const schemas = createSchemaRegistry(spec.doc);
  // Random per run: a fixed, published secret would let anyone forge cursors. Tests that need cursors
  // to survive a restart pass their own secret.
  const cursors = createCursorCodec(options.cursorSecret ?? randomBytes(32).toString('base64url'), {
    unchecked: faults.has('cursor-unchecked'),
    ...(module.cursorFormat ? { format: module.cursorFormat } : {}),
  });
  const limiter = new RateLimiter({
    scale: options.rateLimitScale ?? 1,
    ...(options.rateLimitWindowMs !== undefined ? { windowMs: options.rateLimitWindowMs } : {}),
  });
  const orders = new Map<string, ListOrder>();
  const env: ApiEnvironment = {
    spec,
    schemas,
    faults,
    cursors,
    orderOf(operationId) {
      let order = orders.get(operationId);
      if (!order) {
        const pagination = spec.byId.get(operationId)?.pagination;
        if (!pagination) throw new Error(`${operationId} has no x-pagination`);
        order = listOrder(pagination, { ignoreTieBreak: faults.has('ordering') });
        orders.set(operationId, order);
      }
      return order;
    },
  };
  let state = module.createState(env);

  // find-my-way treats a path parameter over 100 characters (its default) as no route at all; a long
  // value is a malformed parameter of the operation, so the cap is Node's whole request head (16 KiB).
  const router = Router({ caseSensitive: true, ignoreTrailingSlash: false, maxParamLength: 16 * 1024 });
  const routes: CompiledRoute<State>[] = [];
  const corsPaths = new Map<string, { methods: Set<string>; headers: Set<string> }>();
  for (const op of spec.operations) {
    const route = compileRoute(op, spec, schemas, module, faults);
    routes.push(route);
    const routerPath = op.path.replace(/\{([^}]+)\}/g, ':$1');
    router.on(op.method.toUpperCase() as 'GET', routerPath, () => undefined, route);
    if (route.allowsCors) {
      const entry = corsPaths.get(routerPath) ?? { methods: new Set(['OPTIONS']), headers: new Set<string>() };
      entry.methods.add(op.method.toUpperCase());
      for (const h of corsRequestHeaders(route as CompiledRoute<unknown>, spec)) entry.headers.add(h);
      corsPaths.set(routerPath, entry);
    }
  }
  for (const [path, entry] of corsPaths) {
    router.on('OPTIONS', path, () => undefined, { preflight: entry });
  }
  const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'] as const;

  const errorHeaders: Record<string, string> = faults.has('no-cache-control') ? {} : { 'cache-control': 'no-store' };
  // A fault that drops a header drops it whoever sets it: the engine, the spec's const headers or a handler.
  const droppedHeaders = [
    ...(faults.has('no-cache-control') ? ['cache-control'] : []),
    ...(faults.has('no-www-authenticate') ? ['www-authenticate'] : []),
  ];

  const send = (
    res: ServerResponse,
    reply: Reply,
    route: CompiledRoute<State> | undefined,
    extra: Record<string, string> | undefined,
  ): void => {
    const status = reply.status;
    const headers: Record<string, string> = {
      ...(status >= 400 && (!route || route.sendsEngineHeader('cache-control')) ? errorHeaders : undefined),
      ...(route ? route.constHeaders(status) : undefined),
      ...extra,
      ...reply.headers,
    };
    for (const name of droppedHeaders) delete headers[name];
    // Every answer carries a request id (x-assumption in each spec's components/headers/RequestId.yaml).
    headers['x-request-id'] ??= nextRequestId();
    if (draining) headers['connection'] = 'close';
    if (status === 204 || (reply.json === undefined && reply.body === undefined)) {
      res.writeHead(status, headers);
      res.end();
      return;
    }
    const text = reply.json ?? JSON.stringify(reply.body);
    headers['content-type'] = JSON_TYPE;
    headers['content-length'] = String(Buffer.byteLength(text));
    res.writeHead(status, headers);
    res.end(text);
  };

  const refuse = (
    res: ServerResponse,
    failure: Failure,
    route: CompiledRoute<State> | undefined,
    extra?: Record<string, string>,
  ): void => {
    send(res, module.errorReply(failure, route?.op as OperationInfo | undefined), route, extra);
  };

  const host = options.host ?? '127.0.0.1';
  const loopbackOnly = isLoopbackHost(host);
  // Beyond loopback anyone who can reach the port could reset or read the state: a per-run token is needed.
  const controlToken = options.controlToken ?? (loopbackOnly ? undefined : randomBytes(24).toString('base64url'));
  let draining = false;

  /**
   * Why a `/_sandbox/*` request is refused, or undefined. A Host that is not a loopback name (DNS
   * rebinding) when listening on loopback, a cross-site Origin, and a body of a type a page may POST
   * cross-site without a preflight (text/plain, forms) are refused; so is a missing or wrong token where
   * one is required.
   */
  const controlRefusal = (req: IncomingMessage): string | undefined => {
    if (controlToken !== undefined) {
      const given = req.headers['x-sandbox-control-token'];
      if (typeof given !== 'string' || !safeEqual(given, controlToken)) return 'Control token required (X-Sandbox-Control-Token)';
    }
    if (loopbackOnly) {
      const name = hostNameOf(req.headers.host);
      if (!name || !isLoopbackHost(name)) return 'Control routes answer loopback Host names only';
    }
    const origin = req.headers.origin;
    if (origin !== undefined) {
      let originHost: string | undefined;
      try {
        originHost = new URL(origin).host.toLowerCase();
      } catch {
        originHost = undefined;
      }
      if (originHost === undefined || originHost !== (req.headers.host ?? '').toLowerCase()) return 'Cross-site requests to control routes are refused';
    }
    if (req.headers['sec-fetch-site'] !== undefined && req.headers['sec-fetch-site'] !== 'same-origin' && req.headers['sec-fetch-site'] !== 'none') {
      return 'Cross-site requests to control routes are refused';
    }
    if (SIMPLE_MEDIA_TYPES.has(mediaTypeOf(req.headers['content-type']))) return 'Control routes take no form or text/plain body';
    return undefined;
  };

  const controlRoutes = new Map<string, (res: ServerResponse) => void>();
  controlRoutes.set('POST reset', (res) => {
    state = module.createState(env);
    limiter.clear();
    send(res, { status: 200, body: { ok: true } }, undefined, undefined);
  });
  controlRoutes.set('GET info', (res) => {
    send(
      res,
      {
        status: 200,
        body: {
          api: module.name,
          faults: [...faults],
          rateLimitScale: options.rateLimitScale ?? 1,
          controlRoutes: [
            { method: 'POST', path: '/_sandbox/reset', description: 'Restore the seed, clear rate-limit windows and ingested data' },
            { method: 'GET', path: '/_sandbox/info', description: 'This description' },
            ...(module.controlRoutes ?? []).map((r) => ({ method: r.method, path: `/_sandbox/${r.name}`, description: r.description })),
          ],
        },
      },
      undefined,
      undefined,
    );
  });
  for (const control of module.controlRoutes ?? []) {
    controlRoutes.set(`${control.method} ${control.name}`, (res) => send(res, control.handle(state), undefined, undefined));
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    const method = req.method ?? 'GET';
    const q = url.indexOf('?');
    const pathname = q === -1 ? url : url.slice(0, q);
    // Every parameter is parsed (Node's default stops at 1,000 and drops the rest silently); the request
    // head's cap (16 KiB) bounds how many there can be.
    const query: Query = q === -1 ? NO_QUERY : (parseQuery(url.slice(q + 1), '&', '=', { maxKeys: 0 }) as Query);

    if (pathname.startsWith('/_sandbox/')) {
      const refusal = controlRefusal(req);
      if (refusal) return send(res, { status: 403, body: { error: refusal } }, undefined, undefined);
      const control = controlRoutes.get(`${method} ${pathname.slice('/_sandbox/'.length)}`);
      if (control) return control(res);
      return refuse(res, { kind: 'route-not-found' }, undefined);
    }

    // HEAD is answered like GET without a body (RFC 9110 §9.3.2); Node's response drops the body itself.
    const lookup = method === 'HEAD' ? 'GET' : method;
    let found = router.find(lookup as 'GET', pathname);
    // Bad percent-encoding in a path parameter (a stray "%", or bytes that are not UTF-8 such as %ff) is a
    // malformed value, not an unknown route: retried with every "%" taken literally.
    if (!found && pathname.includes('%')) found = router.find(lookup as 'GET', pathname.replace(/%/g, '%25'));
    // An empty path segment where a parameter belongs (`/items/`) names no resource: no route, not a lookup.
    if (found && Object.values(found.params as Record<string, string | undefined>).some((v) => v === '')) {
      return refuse(res, { kind: 'route-not-found' }, undefined);
    }
    if (!found) {
      const allowed = methods.filter((m) => router.find(m, pathname));
      if (allowed.includes('GET') && !allowed.includes('HEAD')) allowed.push('HEAD');
      if (allowed.length > 0) return refuse(res, { kind: 'method-not-allowed', allowed }, undefined, { allow: allowed.join(', ') });
      return refuse(res, { kind: 'route-not-found' }, undefined);
    }
    const store = found.store as CompiledRoute<State> | { preflight: { methods: Set<string>; headers: Set<string> } };
    if ('preflight' in store) {
      return send(
        res,
        {
          status: 204,
          headers: {
            'access-control-allow-origin': '*',
            'access-control-allow-methods': [...store.preflight.methods].join(', '),
            'access-control-allow-headers': [...store.preflight.headers].join(', '),
            'access-control-max-age': '86400',
          },
        },
        undefined,
        undefined,
      );
    }
    const route = store;
    const { op } = route;

    const auth = route.auth.authenticate(req.headers, query, repeatedHeaders(req.rawHeaders));
    if (route.tenant && module.tenantPath) {
      const refusal = tenantRefusal(module.tenantPath, route.tenant, (found.params as Record<string, string>)[route.tenant.info.name], auth, state, faults);
      if (refusal) return refuse(res, refusal, route);
    }
    if (!auth.ok) {
      if (auth.kind === 'unauthenticated') return refuse(res, { kind: 'unauthenticated', reason: auth.reason, scheme: auth.scheme }, route);
      return refuse(res, { kind: 'forbidden', scope: auth.scope }, route);
    }
    const principal = auth.principal;

    let limitHeaders: Record<string, string> | undefined;
    if (op.rateLimit && principal) {
      // `per: organization` limits share one window across every credential of the organization.
      const subject = op.rateLimit.per === 'organization' ? `org:${principal.org}` : principal.token;
      const decision = limiter.hit(op.rateLimit, subject);
      limitHeaders = rateLimitHeaders(decision, route);
      if (!decision.allowed) return refuse(res, { kind: 'rate-limited' }, route, limitHeaders);
    }

    const params: Record<string, unknown> = {};
    const pathParams = found.params as Record<string, string | undefined>;
    const invalid: InvalidParameter[] = [];
    for (const param of route.params) {
      const { name } = param.info;
      let raw: string | string[] | undefined;
      if (param.info.in === 'query') raw = query[name];
      else if (param.info.in === 'path') raw = pathParams[name];
      else if (param.info.in === 'header') {
        raw = req.headers[name.toLowerCase()];
        // Content codings are case-insensitive (RFC 9110).
        if (typeof raw === 'string' && name.toLowerCase() === 'content-encoding') raw = contentCoding(raw);
      }
      const parsed = param.parse(raw);
      if (!parsed.ok) {
        invalid.push({ param: param.info, raw });
        // Every rejected query parameter is reported together; a bad path or header value stops here.
        if (param.info.in === 'query') continue;
        break;
      }
      if (parsed.value !== undefined) params[name] = parsed.value;
    }
    if (invalid.length > 0) return refuse(res, { kind: 'invalid-parameter', param: invalid[0]!.param, invalid }, route, limitHeaders);

    let body: unknown;
    if (route.body) {
      const encoding = contentCoding(req.headers['content-encoding']);
      if (encoding !== 'identity' && encoding !== 'gzip') {
        return refuse(res, { kind: 'unsupported-encoding', encoding }, route, limitHeaders);
      }
      // A media type the operation does not document is refused before the body is read. No Content-Type
      // at all is read as the first documented one.
      const mediaType = mediaTypeOf(req.headers['content-type']);
      const format = mediaType === '' ? route.body.fallback : route.body.byMediaType.get(mediaType);
      if (mediaType !== '' && !route.body.byMediaType.has(mediaType)) {
        discard(req);
        return refuse(res, { kind: 'unsupported-media-type', mediaType }, route, limitHeaders);
      }
      const limit = op.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
      const read = await readBody(req, encoding, limit);
      if (!read.ok) {
        if (read.reason === 'aborted') return;
        if (read.reason === 'too-large') return refuse(res, { kind: 'body-too-large', limit }, route, limitHeaders);
        return refuse(res, { kind: 'undecodable-body' }, route, limitHeaders);
      }
      const decoded = format
        ? decodeBody(read.body, format, { ignoreMaxItems: faults.has('ndjson-uncapped') })
        : { ok: true as const, value: read.body };
      if (!decoded.ok) return refuse(res, decoded.failure, route, limitHeaders);
      body = decoded.value;
    }

    let reply: Reply;
    try {
      reply = await route.handler({ op, principal, params, body, state, env });
    } catch (error) {
      // The API answers its own documented 500 (the module's error hook), never a body of the engine's.
      console.error(`[sandbox] ${op.id} handler failed:`, error);
      return refuse(res, { kind: 'internal-error' }, route, limitHeaders);
    }
    send(res, reply, route, limitHeaders);
  };

  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const headersTimeout = Math.min(options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS, requestTimeout || Infinity);
  const server = createServer(
    {
      requestTimeout,
      headersTimeout,
      // How often Node checks both timeouts (its default is every 30 s).
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(Math.min(requestTimeout || 1_000, headersTimeout || 1_000) / 4))),
    },
    (req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[sandbox] handler failed:', error);
      // Outside any handler (an engine or error-hook bug): no operation to document it, so the generic body.
      if (!res.headersSent) send(res, { status: 500, body: { error: 'Internal server error' } }, undefined, undefined);
      else res.destroy();
    });
    },
  );
  server.keepAliveTimeout = 65_000;
  server.maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    ...(controlToken !== undefined ? { controlToken } : {}),
    close: (closeOptions = {}) =>
      (closing ??= new Promise<void>((resolve, reject) => {
        draining = true;
        const graceMs = closeOptions.graceMs ?? options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
        // Idle keep-alive connections go at once, and each busy one as soon as its answer is sent.
        const sweep = setInterval(() => server.closeIdleConnections(), 25);
        const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close((error) => {
          clearInterval(sweep);
          clearTimeout(deadline);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
        if (graceMs <= 0) server.closeAllConnections();
      })),
  };
}
