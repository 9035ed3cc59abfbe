import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import Router from 'find-my-way';
import type { ApiEnvironment, ApiModule, Failure, InvalidParameter, Reply } from './api.js';
import { readBody } from './body.js';
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
  /** HMAC key for cursors. The fixed default keeps cursors valid across restarts of the sandbox. */
  cursorSecret?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
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

function mediaTypeOf(header: string | undefined): string {
  if (!header) return '';
  const semi = header.indexOf(';');
  return (semi === -1 ? header : header.slice(0, semi)).trim().toLowerCase();
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
    const query: Query = q === -1 ? NO_QUERY : (parseQuery(url.slice(q + 1)) as Query);

    if (pathname.startsWith('/_sandbox/')) {
      const control = controlRoutes.get(`${method} ${pathname.slice('/_sandbox/'.length)}`);
      if (control) return control(res);
      return refuse(res, { kind: 'route-not-found' }, undefined);
    }

    let found = router.find(method as 'GET', pathname);
    // Bad percent-encoding in a path parameter (a stray "%", or bytes that are not UTF-8 such as %ff) is a
    // malformed value, not an unknown route: retried with every "%" taken literally.
    if (!found && pathname.includes('%')) found = router.find(method as 'GET', pathname.replace(/%/g, '%25'));
    if (!found) {
      const allowed = methods.filter((m) => router.find(m, pathname));
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

    const auth = route.auth.authenticate(req.headers, query);
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
        if (typeof raw === 'string' && name.toLowerCase() === 'content-encoding') raw = raw.trim().toLowerCase();
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
      const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase() || 'identity';
      if (encoding !== 'identity' && encoding !== 'gzip') {
        return refuse(res, { kind: 'unsupported-encoding', encoding }, route, limitHeaders);
      }
      const limit = op.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
      const read = await readBody(req, encoding, limit);
      if (!read.ok) {
        if (read.reason === 'aborted') return;
        if (read.reason === 'too-large') return refuse(res, { kind: 'body-too-large', limit }, route, limitHeaders);
        return refuse(res, { kind: 'undecodable-body' }, route, limitHeaders);
      }
      const format = route.body.byMediaType.get(mediaTypeOf(req.headers['content-type'])) ?? route.body.fallback;
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

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[sandbox] handler failed:', error);
      // Outside any handler (an engine or error-hook bug): no operation to document it, so the generic body.
      if (!res.headersSent) send(res, { status: 500, body: { error: 'Internal server error' } }, undefined, undefined);
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
