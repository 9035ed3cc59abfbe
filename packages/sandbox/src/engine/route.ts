import type { ApiModule, Handler } from './api.js';
import { createAuthenticator, type Authenticator } from './auth.js';
import type { FaultSet } from './faults.js';
import { compileParam, type CompiledParam } from './params.js';
import { bodyFormatOf, type BodyFormat } from './request-body.js';
import type { SchemaRegistry } from './schemas.js';
import type { OperationInfo, SpecIndex } from './spec.js';

export interface CompiledRoute<State> {
  op: OperationInfo;
  auth: Authenticator;
  params: CompiledParam[];
  /** The path parameter naming the tenant, for modules with a `tenantPath`. */
  tenant?: CompiledParam;
  body?: { required: boolean; byMediaType: Map<string, BodyFormat>; fallback: BodyFormat | undefined };
  handler: Handler<State>;
  /** Headers with a `const` value that the spec declares on the response of a status. */
  constHeaders(status: number): Record<string, string>;
  /** Whether the engine's own headers of this name go on this operation's responses (the module's `engineHeaders`). */
  sendsEngineHeader(name: string): boolean;
  allowsCors: boolean;
}

/** Used when an operation with a body documents no `x-max-body-bytes`. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

const PARAM_ORDER = { path: 0, query: 1, header: 2, cookie: 3 } as const;

export function compileRoute<State>(
  op: OperationInfo,
  index: SpecIndex,
  schemas: SchemaRegistry,
  module: ApiModule<State>,
  faults: FaultSet,
): CompiledRoute<State> {
  const handler = module.handlers[op.id];
  if (!handler) throw new Error(`API ${module.name} has no handler for operation ${op.id}`);
  const params = [...op.parameters]
    .sort((a, b) => PARAM_ORDER[a.in] - PARAM_ORDER[b.in])
    .map((info) => compileParam(info, schemas, { acceptOneOverMaximum: faults.has('limit-off-by-one') }));

  let body: CompiledRoute<State>['body'];
  if (op.requestBody) {
    const byMediaType = new Map<string, BodyFormat>();
    for (const [type, media] of Object.entries(op.requestBody.content)) {
      byMediaType.set(type, bodyFormatOf(index.doc, media, schemas));
    }
    body = { required: op.requestBody.required, byMediaType, fallback: byMediaType.values().next().value };
  }

  const dropped = new Set<string>();
  if (faults.has('no-cache-control')) dropped.add('cache-control');
  if (faults.has('no-www-authenticate')) dropped.add('www-authenticate');
  const perStatus = new Map<number, Record<string, string>>();
  const constHeaders = (status: number): Record<string, string> => {
    let headers = perStatus.get(status);
    if (headers) return headers;
    headers = {};
    const response = op.responses[String(status)] ?? op.responses['default'];
    for (const header of response?.headers ?? []) {
      const value = header.schema['const'];
      const name = header.name.toLowerCase();
      if (typeof value === 'string' && !dropped.has(name)) headers[name] = value;
    }
    perStatus.set(status, headers);
    return headers;
  };

  const declared = new Set(Object.values(op.responses).flatMap((r) => r.headers.map((h) => h.name.toLowerCase())));
  const sendsEngineHeader = module.engineHeaders === 'declared' ? (name: string) => declared.has(name) : () => true;

  const allowsCors = Object.values(op.responses).some((r) =>
    r.headers.some((h) => h.name.toLowerCase() === 'access-control-allow-origin'),
  );

  const tenant = module.tenantPath && params.find((p) => p.info.in === 'path' && p.info.name === module.tenantPath!.param);

  return {
    op,
    ...(tenant ? { tenant } : {}),
    auth: createAuthenticator(index, op.security, module.credentials, { checkScopes: !faults.has('scope-unchecked') }),
    params,
    ...(body ? { body } : {}),
    handler,
    constHeaders,
    sendsEngineHeader,
    allowsCors,
  };
}

/** Request headers a browser may send to a CORS-enabled operation: Content-Type, header parameters, API key headers. */
export function corsRequestHeaders(route: CompiledRoute<unknown>, index: SpecIndex): string[] {
  const names = new Set<string>(['Content-Type']);
  for (const p of route.op.parameters) if (p.in === 'header') names.add(p.name);
  for (const requirement of route.op.security) {
    for (const name of Object.keys(requirement)) {
      const scheme = index.securitySchemes.get(name);
      if (scheme?.type === 'apiKey' && scheme.in === 'header' && scheme.keyName) names.add(scheme.keyName);
    }
  }
  return [...names];
}
