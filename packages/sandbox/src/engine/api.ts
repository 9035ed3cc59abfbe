import type { Credential, Principal } from './auth.js';
import type { CursorCodec } from './cursor.js';
import type { FaultSet } from './faults.js';
import type { OpenApiDocument } from './openapi.js';
import type { ListOrder } from './pagination.js';
import type { RawParam } from './params.js';
import type { ValidationIssue } from './issues.js';
import type { SchemaRegistry, ValidationDetail } from './schemas.js';
import type { TenantPath } from './tenant.js';
import type { OperationInfo, ParameterInfo, SecuritySchemeInfo, SpecIndex } from './spec.js';

/** Everything the engine refuses before a handler runs, and a handler that failed; the API module decides the documented body. */
export type Failure =
  /** `malformed`: present but not in the scheme's form (e.g. not `Bearer <token>`); `invalid`: unknown, revoked, wrong prefix. */
  | { kind: 'unauthenticated'; reason: 'missing' | 'malformed' | 'invalid'; scheme: SecuritySchemeInfo }
  | { kind: 'forbidden'; scope: string }
  | { kind: 'rate-limited' }
  /** `param` is the first rejected parameter; `invalid` lists every rejected query parameter (a path or header one stops the check). */
  | { kind: 'invalid-parameter'; param: ParameterInfo; invalid: InvalidParameter[] }
  /** Modules with a `tenantPath`: the path names no existing tenant. */
  | { kind: 'unknown-tenant'; id: string }
  /** Modules with a `tenantPath`: the credential belongs to another tenant than the path names. */
  | { kind: 'foreign-tenant'; id: string }
  | { kind: 'unsupported-encoding'; encoding: string }
  /** A Content-Type the operation's request body does not document. */
  | { kind: 'unsupported-media-type'; mediaType: string }
  | { kind: 'body-too-large'; limit: number }
  | { kind: 'undecodable-body' }
  | { kind: 'invalid-json' }
  /** The body's problems twice: as `{path: JSON pointer, message}` details and as Zod-style issues; the module picks its documented form. */
  | { kind: 'invalid-body'; details: ValidationDetail[]; issues: ValidationIssue[] }
  /** An `x-ndjson` body with more lines than its `maxItems`. */
  | { kind: 'too-many-items'; limit: number; count: number }
  /** A handler threw: the API's documented 500 (or its generic one where the spec documents none). */
  | { kind: 'internal-error' }
  | { kind: 'route-not-found' }
  | { kind: 'method-not-allowed'; allowed: string[] };

export interface InvalidParameter {
  param: ParameterInfo;
  /** The value exactly as sent (an array when repeated). */
  raw: RawParam;
}

export interface Reply {
  status: number;
  /** Serialized with JSON.stringify unless `json` is given. */
  body?: unknown;
  /** A pre-serialized JSON body, for hot paths. */
  json?: string;
  headers?: Record<string, string>;
}

export interface RequestContext<State> {
  op: OperationInfo;
  principal: Principal | undefined;
  /** Parsed, validated parameters with their documented defaults, by name. */
  params: Record<string, unknown>;
  body: unknown;
  state: State;
  env: ApiEnvironment;
}

export type Handler<State> = (ctx: RequestContext<State>) => Reply | Promise<Reply>;

/** What the engine gives an API module when it builds its state and handlers. */
export interface ApiEnvironment {
  spec: SpecIndex;
  faults: FaultSet;
  cursors: CursorCodec;
  /** Compiled validators of the spec's schemas by JSON pointer (e.g. to check a record before storing it). */
  schemas: SchemaRegistry;
  /** The list order of a paginated operation, from its `x-pagination` (fault `ordering` applied). */
  orderOf(operationId: string): ListOrder;
}

export interface ControlRoute<State> {
  method: 'GET' | 'POST';
  /** Path under /_sandbox/, e.g. "sessions". */
  name: string;
  description: string;
  handle(state: State): Reply;
}

export interface ApiModule<State = unknown> {
  name: string;
  /** The bundled spec, read from the API's published spec package. */
  loadSpec(): OpenApiDocument;
  credentials: ReadonlyMap<string, Credential>;
  createState(env: ApiEnvironment): State;
  handlers: Record<string, Handler<State>>;
  /** Maps an engine-level refusal to the API's documented status and body. */
  errorReply(failure: Failure, op: OperationInfo | undefined): Reply;
  controlRoutes?: ControlRoute<State>[];
  /** A path parameter naming the tenant, checked between a missing and an unusable credential (see tenant.ts). */
  tenantPath?: TenantPath<State>;
  /** Cursor encoding (cursor.ts); `compact` when the spec's cursor pattern allows base64url only. Default `dotted`. */
  cursorFormat?: 'dotted' | 'compact';
  /**
   * The headers the engine adds by itself (`Cache-Control: no-store` on errors; `X-RateLimit-*` and, on a
   * refusal, `Retry-After` on rate-limited operations). `always` (the default): on every operation.
   * `declared`: only on operations that declare a header of that name on one of their responses, for APIs
   * whose operations document different header sets (e.g. a second host that sends none of them).
   */
  engineHeaders?: 'always' | 'declared';
}

export function defineApi<State>(module: ApiModule<State>): ApiModule<State> {
  return module;
}
