/**
 * The runtime behind every generated apiforge client (tools/client-gen writes one call of these per
 * operation): a connection made from the client's definition and options (credential and base URL from
 * the options or documented environment variables, default headers, logging and hooks), and the calls
 * themselves (spec retry policy, request body rules, pagination, `.withResponse()`).
 */
import { apiPromise, type ApiPromise } from './api-promise.js';
import { gzipBytes, isGzipSupported, toNdjson, utf8ByteLength } from './encoding.js';
import { PayloadTooLargeError } from './errors.js';
import type { GeneratedArguments } from './operation-binding.js';
import { paginateWith, type PageStrategy, type Paginated, type SpecPagination } from './pagination.js';
import { createTransport, type RequestOptions, type Transport } from './request.js';
import { loggingFor } from '#logging';
import { createSdkClient, type SdkSecurityScheme } from './sdk-client.js';
import {
  assertCredentialPrefix,
  listOr,
  normalizeBaseUrl,
  type CallOptions,
  type ClientTransportOptions,
  type GeneratedCallExtras,
  type GeneratedOperation,
  type OperationClient,
} from './spec-client.js';
import type { SpecRetryTable } from './spec-retry.js';

export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

/** `console` fits; so does pino or winston. Only the methods of the levels in use are called. */
export interface Logger {
  error(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  info(message: string, ...rest: unknown[]): void;
  debug(message: string, ...rest: unknown[]): void;
}

/** A call about to be sent (once per call, not per retry). Credentials are already redacted. */
export interface RequestEvent {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** A call answered (2xx, or an error status). Credentials are already redacted. */
export interface ResponseEvent extends RequestEvent {
  readonly status: number;
  readonly responseHeaders: Readonly<Record<string, string>>;
  readonly requestId: string | undefined;
  readonly durationMs: number;
}

/** Options every generated client takes, besides its credential. */
export interface ClientOptions extends ClientTransportOptions {
  /** API base URL; default the client's environment variable, then the spec's server. */
  baseUrl?: string | undefined;
  /** Headers sent with every call (per-call `headers` win). */
  defaultHeaders?: Readonly<Record<string, string>> | undefined;
  /** Where log lines go. Default `console`. */
  logger?: Logger | undefined;
  /** Default: the client's `<API>_LOG` environment variable, then `APIFORGE_LOG`, then 'off'. */
  logLevel?: LogLevel | undefined;
  /** Called before each call is sent, with redacted URL and headers. */
  onRequest?: ((event: RequestEvent) => void) | undefined;
  /** Called when a call is answered (any status), with redacted headers and the request id. */
  onResponse?: ((event: ResponseEvent) => void) | undefined;
}

/** How a client takes its credential. */
export interface CredentialSpec {
  /** The option that carries it: `apiKey`. */
  readonly option: string;
  /** Read when the option is absent: `LUCENT_API_KEY`. */
  readonly env: string;
  /** For messages: `a Data API token`. */
  readonly label: string;
  /** The spec's x-token-prefixes for the client's security schemes; empty for an opaque token. */
  readonly prefixes: readonly string[];
  /** The package's other clients, so a credential of theirs is named as the mistake it is (needs `refuseOthers`). */
  readonly others?: readonly { readonly client: string; readonly label: string; readonly prefixes: readonly string[] }[] | undefined;
  /** Answer only header security schemes (a query form, like a beacon's api_key, is never used for calls). */
  readonly headersOnly?: boolean;
}

/** Path parameters every call shares, each taken from an option once (`{ id: workspaceId }`). */
export type FixedPathRules = Readonly<Record<string, { readonly option: string; readonly env: string; readonly label: string; readonly pattern?: string }>>;

/**
 * What the generator writes for each client class: which credential it takes and where it sends.
 * `fixedPath` comes with `readFixedPath`, and `credential.others` with `refuseOthers: refuseOtherClients`: the
 * checks are referenced only where a definition needs them, so a client without fixed path options or sibling
 * clients ships none of their code (the types refuse one without the other).
 */
export type ClientDefinition = ClientDefinitionCore &
  ({ readonly fixedPath: FixedPathRules; readonly readFixedPath: typeof readFixedPath } | { readonly fixedPath?: undefined; readonly readFixedPath?: undefined }) &
  (
    | { readonly credential: { readonly others: NonNullable<CredentialSpec['others']> }; readonly refuseOthers: typeof refuseOtherClients }
    | { readonly credential: { readonly others?: undefined }; readonly refuseOthers?: undefined }
  );

interface ClientDefinitionCore {
  /** The class name, for messages: `LucentClient`. */
  readonly name: string;
  /** The client's npm package, for messages that name an import: `@apiforge/lucent-client`. */
  readonly package?: string;
  /** Environment variable prefix: `LUCENT` (reads `LUCENT_LOG`). */
  readonly envPrefix: string;
  readonly credential: CredentialSpec;
  readonly baseUrl: {
    /** The spec's server for the client's operations. */
    readonly default: string;
    readonly env: string;
    /** Deprecated option names still read (`ingestBaseUrl`). */
    readonly aliases?: readonly string[];
  };
  /** Thrown for a bad or missing credential. */
  readonly CredentialError: new (message: string) => Error;
}

/**
 * The operation facts a call needs (operations.gen.ts writes only these; spec-meta.gen.ts's full
 * metadata fits too). Absent means none: no pagination, no body limit, not NDJSON, no x-retry.
 */
export interface OperationMeta {
  readonly idempotent: boolean;
  readonly method?: string;
  readonly pagination?: SpecPagination | null;
  /** The pagination strategy's code (`cursorPages`, `beforePages`, `pageNumberPages`); required with `pagination`. */
  readonly pages?: PageStrategy;
  readonly maxBodyBytes?: number | null;
  readonly ndjson?: { readonly mediaType: string; readonly maxItems: number | null } | null;
  readonly retry?: SpecRetryTable;
  /** The request body's media type, when the generated function may not set it. */
  readonly contentType?: string | null;
  /** The request body may be sent with `Content-Encoding: gzip`. */
  readonly gzip?: boolean;
}

/** Retry hooks from an operation's x-retry (`specRetryOptions(meta.retry)`); generated only for operations that have one. */
export type RetryPolicy = Pick<RequestOptions, 'shouldRetry' | 'retryDelayMs'>;

/** One call of a connection: `sendRaw`'s arguments, answered with the SDK client's `{ data, response }`. */
type CallSender = (
  id: string,
  meta: OperationMeta,
  policy: RetryPolicy | undefined,
  operation: GeneratedOperation,
  bound: GeneratedArguments,
  options: CallOptions | undefined,
  extras?: GeneratedCallExtras,
) => Promise<{ data: unknown; response: Response }>;

/** A client connection: what `create<Api>…Client(options)` returns and every operation function takes. */
export class ApiConnection implements OperationClient {
  /** Made by createConnection, which checks every argument. */
  constructor(
    /** Where requests go (no credential in it). */
    readonly baseUrl: string,
    /** Gzip bodies of operations that accept it. */
    readonly gzip: boolean,
    /** Values of the fixed path options (e.g. workspaceId). */
    readonly fixed: Readonly<Record<string, string>>,
    /** Runs a generated operation function; resolves to the SDK client's `{ data, response }`. */
    readonly sendRaw: CallSender,
  ) {}
}

/** Each connection's credential, for queryCredentialUrl only (it never lives on the connection). */
const credentials = new WeakMap<ApiConnection, string>();

/**
 * `baseUrl + path` with the credential in a query parameter: only for an operation whose spec has a
 * query security scheme, for callers that cannot set headers (navigator.sendBeacon). Never log it.
 */
export function queryCredentialUrl(connection: ApiConnection, path: string, param: string): string {
  return `${connection.baseUrl}${path}?${encodeURIComponent(param)}=${encodeURIComponent(credentials.get(connection)!)}`;
}

export type Env = Readonly<Record<string, string | undefined>>;
type NodeProcess = { env?: Env };

/** process.env where there is one (Node, Deno, Bun); nothing in a browser. */
function environment(): Env {
  return (globalThis as { process?: NodeProcess }).process?.env ?? {};
}

/**
 * Checks the credential (from the option or its environment variable) and the base URL, and prepares
 * the transports; sends nothing. The credential stays in the SDK client's auth closure only.
 */
export function createConnection(definition: ClientDefinition, options: ClientOptions & Record<string, unknown> = {}): ApiConnection {
  const env = environment();
  const { name, credential: spec, CredentialError } = definition;
  const read = (option: string, variable: string) => options[option] ?? env[variable];
  const given = read(spec.option, spec.env);
  const needed = `${name} needs ${spec.label}${spec.prefixes.length ? ` starting with ${listOr(spec.prefixes)}` : ''} in \`${spec.option}\``;
  definition.refuseOthers?.(definition, given, needed);
  const credential = assertCredentialPrefix(given, spec.prefixes, needed, CredentialError, ` (pass it, or set the ${spec.env} environment variable)`);
  const [fixed, fixedPath] = definition.readFixedPath?.(definition, read) ?? [{}, undefined];
  const { defaultHeaders } = options;
  const alias = definition.baseUrl.aliases?.map((option) => options[option]).find((value) => value !== undefined) as string | undefined;
  const baseUrl = normalizeBaseUrl(options.baseUrl ?? alias ?? (env[definition.baseUrl.env] || undefined), definition.baseUrl.default);
  const logging = loggingFor(definition, options, env);
  const retry = options.retry;
  const client = createSdkClient({
    baseUrl,
    auth: (scheme: SdkSecurityScheme) => (spec.headersOnly && scheme.in === 'query' ? undefined : credential),
    observer: logging?.observer,
  });
  // Only the documented knobs: a client-wide hook such as `sleep` or a `signal` is not a client option.
  const base = createTransport({
    initialRetryDelayMs: retry?.initialRetryDelayMs,
    maxBackoffMs: retry?.maxBackoffMs,
    maxRetryDelayMs: retry?.maxRetryDelayMs,
    onRetry: logging?.onRetry ?? retry?.onRetry,
    maxRetries: options.maxRetries,
    timeoutMs: options.timeoutMs,
    fetch: options.fetch,
  });
  const transports = new Map<string, Transport>();
  const send: CallSender = (id, meta, policy, operation, bound, given, extras) => {
    const callOptions = given ?? {};
    // One transport per operation: its retry policy (x-idempotent, x-retry) on the client's settings.
    let transport = transports.get(id);
    if (!transport) transports.set(id, (transport = base.withOptions({ idempotent: meta.idempotent, ...policy })));
    // A call without overrides, fixed path options or default headers merges nothing (the hot path).
    if ((callOptions.maxRetries ?? callOptions.timeoutMs ?? callOptions.signal) !== undefined) transport = transport.withOptions(pickCallOptions(callOptions));
    return operation({
      client,
      throwOnError: true,
      transport,
      ...bound,
      path: fixedPath ? { ...fixedPath, ...bound.path } : bound.path,
      ...extras,
      // Default headers, then the operation's own (content type, encoding), then the caller's.
      headers: defaultHeaders || callOptions.headers ? { ...defaultHeaders, ...extras?.headers, ...callOptions.headers } : extras?.headers,
    }) as Promise<{ data: unknown; response: Response }>;
  };
  const connection = new ApiConnection(baseUrl, options.gzip !== false && isGzipSupported(), fixed, send);
  credentials.set(connection, credential);
  return connection;
}

/** A credential of one of the package's other clients is named as the mistake it is. */
export function refuseOtherClients(definition: ClientDefinition, given: unknown, needed: string): void {
  const startsWithAny = (prefixes: readonly string[]) => typeof given === 'string' && prefixes.some((prefix) => given.startsWith(prefix));
  const other = startsWithAny(definition.credential.prefixes) ? undefined : definition.credential.others?.find((candidate) => startsWithAny(candidate.prefixes));
  if (other) throw new definition.CredentialError(`${needed}; the value given is ${other.label}, which only ${other.client} accepts.`);
}

/** The fixed path options' values, by option name and by path parameter; a missing or malformed one is refused. */
export function readFixedPath(definition: ClientDefinition, read: (option: string, variable: string) => unknown): [Record<string, string>, Record<string, string>] {
  const byOption: Record<string, string> = {};
  const byParam: Record<string, string> = {};
  for (const param in definition.fixedPath) {
    const rule = definition.fixedPath[param]!;
    const value = read(rule.option, rule.env);
    if (typeof value !== 'string' || !value || (rule.pattern !== undefined && !new RegExp(rule.pattern).test(value))) {
      throw new definition.CredentialError(`${definition.name} needs ${rule.label} in \`${rule.option}\` (or ${rule.env}).`);
    }
    byOption[rule.option] = byParam[param] = value;
  }
  return [byOption, byParam];
}

/** The transport options a call may set for itself (never hooks such as `sleep`). */
function pickCallOptions({ maxRetries, timeoutMs, signal }: CallOptions): RequestOptions {
  return { maxRetries, timeoutMs, signal };
}

/** Arguments of one generated call. */
export type BoundArguments = GeneratedArguments;

/** The connection behind a client handle; anything else is refused before a request is built. */
function connectionOf(client: OperationClient): ApiConnection {
  if (client instanceof ApiConnection) return client;
  throw new TypeError("Pass a client made by the package's create…Client(options) as the first argument.");
}

/**
 * One operation without a request body, or with a plain JSON one (none of x-max-body-bytes, x-ndjson or
 * gzip: callWithBody handles those), sent with its media type and serialized by the SDK client. Retries per
 * its policy; `.withResponse()`.
 */
export function callOperation<Result>(
  client: OperationClient,
  id: string,
  meta: OperationMeta,
  operation: GeneratedOperation,
  bound: BoundArguments,
  options?: CallOptions,
  policy?: RetryPolicy,
): ApiPromise<Result> {
  const extras = meta.contentType ? { headers: { 'Content-Type': meta.contentType } } : undefined;
  return apiPromise<Result>(connectionOf(client).sendRaw(id, meta, policy, operation, bound, options, extras));
}

/**
 * One operation with a request body, encoded as the spec says: its media type, NDJSON lines for x-ndjson,
 * at most x-max-body-bytes, gzip where a Content-Encoding header is documented (and the client allows it).
 * `serialized`: the body already serialized (a batcher reuses what it measured).
 */
export function callWithBody<Result>(
  client: OperationClient,
  id: string,
  meta: OperationMeta,
  operation: GeneratedOperation,
  bound: BoundArguments,
  options?: CallOptions,
  policy?: RetryPolicy,
  serialized?: string,
): ApiPromise<Result> {
  const connection = connectionOf(client);
  const text = serialized ?? (meta.ndjson ? toNdjson(bound.body as readonly unknown[]) : JSON.stringify(bound.body));
  const headers: Record<string, string> = meta.contentType ? { 'Content-Type': meta.contentType } : {};
  const encoded = (async () => {
    const bytes = utf8ByteLength(text);
    if (meta.maxBodyBytes != null && bytes > meta.maxBodyBytes) {
      throw new PayloadTooLargeError(`The ${id} body is ${bytes} bytes; the API accepts at most ${meta.maxBodyBytes}. Send less per request.`);
    }
    if (!(meta.gzip && (options?.gzip ?? connection.gzip) && isGzipSupported())) return text;
    headers['Content-Encoding'] = 'gzip';
    return gzipBytes(new TextEncoder().encode(text));
  })();
  return apiPromise<Result>(encoded.then((body) => connection.sendRaw(id, meta, policy, operation, bound, options, { bodySerializer: () => body, headers })));
}

/** A list operation: `await` is the first page, `for await` every item, per the spec's x-pagination. */
export function paginateOperation<Page extends object, Item, Params extends object>(
  client: OperationClient,
  id: string,
  meta: OperationMeta,
  operation: GeneratedOperation,
  bound: BoundArguments,
  params: Params,
  options?: CallOptions,
  policy?: RetryPolicy,
): Paginated<Page, Item, Params> {
  const connection = connectionOf(client);
  if (!meta.pages || !meta.pagination) throw new TypeError(`${id} has no pagination strategy in its meta (operations.gen.ts writes \`pages\`).`);
  return paginateWith<Page, Item, Params>(meta.pages, meta.pagination, params, (query) =>
    apiPromise<Page>(connection.sendRaw(id, meta, policy, operation, { ...bound, query: query as Record<string, unknown> }, options)),
  );
}

/** What sending many NDJSON lines did: requests sent and lines in them. */
export interface SendLinesResult {
  batches: number;
  events: number;
}

/** Lines of an x-ndjson operation, in requests of at most the spec's maxItems, one after another. */
export async function sendLines(
  client: OperationClient,
  id: string,
  meta: OperationMeta,
  operation: GeneratedOperation,
  lines: readonly unknown[],
  options?: CallOptions,
  policy?: RetryPolicy,
): Promise<SendLinesResult> {
  const size = meta.ndjson?.maxItems ?? lines.length;
  let batches = 0;
  for (let start = 0; start < lines.length; start += size) {
    await callWithBody(client, id, meta, operation, { body: lines.slice(start, start + size) }, options, policy);
    batches++;
  }
  return { batches, events: lines.length };
}

export type { ApiPromise, WithResponse } from './api-promise.js';
export type { Paginated } from './pagination.js';
export type { CallOptions, ClientTransportOptions, OperationClient, RetryTuning } from './spec-client.js';
