import { createRequire } from 'node:module';
import { ConformanceRecorder, SchemaValidator } from './conformance.js';
import { goodToken, credentialFor, itemsOf, tokensFor } from './derive/common.js';
import { deriveCases } from './derive/index.js';
import { causeOf, NetworkError, sendRequest, type Exchange, type RequestSpec } from './http.js';
import { Pacer, retryAfterSeconds, type PacingStats } from './pacing.js';
import { profileFor } from './profiles/index.js';
import { requestInfo, Secrets, type RequestInfo } from './repro.js';
import type { ApiProfile, TokenFixture } from './profiles/types.js';
import { buildModel, type ApiModel, type Json, type JsonObject, type Operation } from './spec.js';
import { mockAtUrl, prismTarget } from './targets/prism.js';
import { sandboxTarget } from './targets/sandbox.js';
import { urlTarget } from './targets/url.js';
import { CHECK_KINDS, NotApplicable, SetupError, type CaseDef, type CaseResult, type CheckKind, type RateLimitSettings, type RunContext, type Target } from './types.js';

export { SetupError };

/** A 429 is waited out at most this long (Retry-After beyond it: the 429 stands). */
export const MAX_RETRY_AFTER_SECONDS = 60;
/** Retries of one request after a 429. */
const MAX_THROTTLE_RETRIES = 2;

export interface RunOptions {
  api: string;
  /** `sandbox` (default), `prism`, `mock=URL` (a running mock), or an http(s) URL of a deployment. */
  target?: string;
  /** Only cases of these operations (operationIds). */
  operations?: string[];
  /** Only cases whose name contains one of these texts (case-insensitive). */
  cases?: string[];
  /** At most this many requests per second (on top of the documented rate limits). */
  maxRps?: number;
  /** URL target: base URLs of the profile's separate hosts, by option (`ingest-url`). */
  hostUrls?: Partial<Record<'ingest-url', string>>;
  /** URL target: run even when credentials are missing (their cases are not applicable, naming the variable). */
  allowMissingCredentials?: boolean;
  allowWrites?: boolean;
  /** Only these check kinds (default: all). */
  kinds?: CheckKind[];
  /** Sandbox only: deliberate faults to start it with (mutation testing). */
  faults?: string[];
  /** Sandbox only: scale and window of the rate-limited instance. */
  rateLimit?: RateLimitSettings;
  env?: NodeJS.ProcessEnv;
  /** Against a live target, fail on our assumptions too (by default they only warn). */
  strict?: boolean;
  /** Called once per finished case (progress output). */
  onResult?: (result: CaseResult) => void;
}

export interface RunReport {
  api: string;
  target: string;
  results: CaseResult[];
  durationMs: number;
  /** Requests sent, time waited to keep to the documented limits, 429s received anyway. */
  pacing: PacingStats;
  /** What the target left out and why (e.g. a separate host that was not given). */
  notices: string[];
}

export function loadModel(profile: ApiProfile): ApiModel {
  const require = createRequire(import.meta.url);
  const spec = require(profile.specModule) as JsonObject;
  return buildModel(spec, `https://apiforge.invalid/contract/${profile.api}/openapi.json`);
}

export function httpUrl(raw: string, what: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SetupError(`${what} "${raw}" is not a URL: give an http(s) URL such as https://staging.example.com`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SetupError(`${what} "${raw}" is not an http(s) URL`);
  return raw.replace(/\/+$/, '');
}

/** What `--target` names: the in-process sandbox, Prism, a running mock, or a deployment URL. */
export function parseTarget(raw: string): { kind: 'sandbox' } | { kind: 'prism' } | { kind: 'mock'; url: string } | { kind: 'url'; url: string } {
  if (raw === 'sandbox') return { kind: 'sandbox' };
  if (raw === 'prism') return { kind: 'prism' };
  if (raw.startsWith('mock=')) return { kind: 'mock', url: httpUrl(raw.slice(5), 'mock URL') };
  if (/^https?:\/\//i.test(raw)) return { kind: 'url', url: httpUrl(raw, 'target') };
  throw new SetupError(`Unknown target "${raw}": use sandbox, prism, mock=URL (a running mock) or an http(s) URL of a deployment`);
}

export async function startTarget(options: RunOptions, profile: ApiProfile, model: ApiModel): Promise<Target> {
  const target = parseTarget(options.target ?? 'sandbox');
  if (target.kind === 'sandbox') return sandboxTarget({ api: options.api, faults: options.faults ?? [], ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}) });
  if (options.faults?.length) throw new SetupError('--fault only applies to the sandbox target');
  if (target.kind === 'prism') return prismTarget({ api: options.api });
  if (target.kind === 'mock') return mockAtUrl(target.url);
  for (const [option, url] of Object.entries(options.hostUrls ?? {})) if (url) httpUrl(url, `--${option}`);
  return urlTarget({
    url: target.url,
    profile,
    allowWrites: options.allowWrites === true,
    env: options.env ?? process.env,
    operations: model.operations,
    ...(options.hostUrls ? { hostUrls: options.hostUrls } : {}),
  });
}

const CAUSES: Record<string, string> = {
  ECONNREFUSED: 'nothing listens there (connection refused)',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved (DNS)',
  ECONNRESET: 'the connection was reset',
  ETIMEDOUT: 'no answer in time',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
};

/** A cause code in words; TLS problems say how to trust a private CA. */
export function explainCause(code: string, detail: string): string {
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/i.test(code)) {
    return `TLS failure ${code}${detail ? ` (${detail})` : ''}: the server's certificate is not trusted; for a private CA set NODE_EXTRA_CA_CERTS to its PEM file`;
  }
  return `${code}${CAUSES[code] ? `: ${CAUSES[code]}` : detail ? `: ${detail}` : ''}`;
}

function redactUserinfo(url: string): string {
  return url.replace(/\/\/[^/@\s]+@/, '//[redacted]@');
}

/** Every probe URL answers HTTP (any status), or the run stops with the cause: unreachable, DNS, TLS. */
export async function probe(target: Target): Promise<void> {
  for (const url of target.probeUrls ?? []) {
    try {
      const response = await fetch(url, { method: 'GET', redirect: 'manual', signal: AbortSignal.timeout(15_000) });
      await response.arrayBuffer().catch(() => undefined);
    } catch (error) {
      const { code, detail } = causeOf(error);
      throw new SetupError(`cannot reach ${redactUserinfo(url)}: ${explainCause(code, detail)}`);
    }
  }
}

/** The credentials the selected cases may use: every token of a scheme their operations accept. */
function credentialsNeeded(model: ApiModel, profile: ApiProfile, cases: CaseDef[]): TokenFixture[] {
  const ops = new Set(cases.map((c) => c.operationId));
  if (ops.has(undefined)) return profile.tokens;
  const needed = new Set<TokenFixture>();
  for (const op of model.operations.filter((o) => ops.has(o.id))) for (const t of tokensFor(model, profile.tokens, op)) needed.add(t);
  // Foreign-tenant and cross-scheme cases use tokens of other operations' schemes too: keep the profile's order.
  return profile.tokens.filter((t) => needed.has(t));
}

function credentialText(t: TokenFixture): string {
  if (t.revoked) return `a revoked credential (${t.name})`;
  return `the ${t.name} credential${t.scopes.length ? ` with ${t.scopes.join(', ')}` : ''}${t.tenant ? ` of ${t.tenant}` : ''}`;
}

/** Environment variables a URL target reads for an API: each credential, then each separate host. */
export function envVariables(profile: ApiProfile): Array<{ name: string; what: string }> {
  return [
    ...profile.tokens.map((t) => ({ name: t.env, what: credentialText(t) })),
    ...(profile.liveEnv.hosts ?? []).map((h) => ({ name: h.env, what: `base URL of ${h.description} on the target (or --${h.option})` })),
  ];
}

interface Tracker {
  /** The last exchange (or network failure) of the running case. */
  last?: RequestInfo;
}

function createContext(model: ApiModel, profile: ApiProfile, target: Target, recorder: ConformanceRecorder, pacer: Pacer, secrets: Secrets, tracker: Tracker): RunContext {
  const sendOnce = async (base: string, op: Operation, request: RequestSpec): Promise<Exchange> => {
    const slot = await pacer.acquire(op, request.auth?.value);
    try {
      const exchange = await sendRequest(base, op, request);
      tracker.last = requestInfo(exchange, secrets);
      return exchange;
    } catch (error) {
      if (error instanceof NetworkError) tracker.last = requestInfo({ method: error.method, url: error.url, sent: error.sent, status: `no answer (${error.code})` }, secrets);
      throw error;
    } finally {
      pacer.release(slot);
    }
  };
  const send = async (base: string, op: Operation, request: RequestSpec): Promise<Exchange> => {
    let exchange = await sendOnce(base, op, request);
    // A 429 the case did not provoke: wait what Retry-After asks (bounded) and try again, and count it.
    for (let retry = 0; exchange.status === 429 && !request.expectThrottle && target.pacingScale !== null && retry < MAX_THROTTLE_RETRIES; retry++) {
      const asked = retryAfterSeconds(exchange.headers['retry-after']);
      const seconds = asked ?? Math.min(op.rateLimit?.windowSeconds ?? 1, MAX_RETRY_AFTER_SECONDS);
      const record = { method: exchange.method, url: secrets.redact(exchange.url), retryAfter: exchange.headers['retry-after'], waitedMs: 0 };
      pacer.stats.throttled.push(record);
      if (seconds > MAX_RETRY_AFTER_SECONDS) break;
      record.waitedMs = seconds * 1000 + 250;
      await new Promise((r) => setTimeout(r, record.waitedMs));
      exchange = await sendOnce(base, op, request);
    }
    recorder.record(op, exchange);
    return exchange;
  };
  const ctx: RunContext = {
    model,
    profile,
    target,
    validator: recorder.validator,
    cache: new Map(),
    send: (op, request) => send(target.baseUrl(op), op, request),
    async sendRateLimited(op, request) {
      if (!target.rateLimited) throw new NotApplicable('not applicable: the target has no rate-limited endpoint');
      // Meant to reach the limit: neither paced nor retried.
      const exchange = await sendRequest(target.rateLimited.baseUrl(op), op, request);
      tracker.last = requestInfo(exchange, secrets);
      recorder.record(op, exchange);
      return exchange;
    },
    tokenValue: (token: TokenFixture) => (target.tokenValue ? target.tokenValue(token) : token.value),

    async pathParams(op, tenant = profile.homeTenant) {
      const values: Record<string, string> = {};
      for (const param of op.parameters.filter((p) => p.in === 'path')) {
        const source = profile.pathParams[param.name];
        if (!source) throw new Error(`The ${profile.api} profile does not say where ${param.name} values come from (pathParams)`);
        if ('tenant' in source) {
          values[param.name] = tenant;
          continue;
        }
        const key = `path:${tenant}:${param.name}`;
        let value = ctx.cache.get(key) as string | undefined;
        if (!value) {
          const list = model.operation(source.operationId);
          const token = goodToken(ctx, list, tenant);
          // The list's own required query parameters (e.g. the tenant's projectId) come from safeRequest.
          const exchange = await ctx.send(list, { ...(await ctx.safeRequest(list, token)), auth: credentialFor(ctx, list, token) });
          const first = itemsOf(list, exchange.json)[0];
          if (exchange.status !== 200 || !first) throw new NotApplicable(`not applicable: no ${param.name} found through ${list.id} for ${tenant} (status ${exchange.status})`);
          value = String(first[source.field]);
          ctx.cache.set(key, value);
        }
        values[param.name] = value;
      }
      return values;
    },

    async safeRequest(op, token, pathParams) {
      const tenant = token?.tenant ?? profile.homeTenant;
      const request: RequestSpec = {
        pathParams: pathParams ?? (await ctx.pathParams(op, tenant)),
        query: {},
        headers: {},
        auth: token ? credentialFor(ctx, op, token) : null,
      };
      for (const p of op.parameters.filter((x) => x.required && (x.in === 'query' || x.in === 'header'))) {
        // A query parameter naming the tenant (profile pathParams `{ tenant: true }`) gets the token's tenant.
        const tenantParam = p.in === 'query' && profile.pathParams[p.name] !== undefined && 'tenant' in profile.pathParams[p.name]!;
        const value = tenantParam ? tenant : (p.example ?? p.schema.default ?? (p.schema.enum as Json[] | undefined)?.[0]);
        if (value !== undefined) (p.in === 'query' ? request.query! : request.headers!)[p.name] = String(value);
      }
      const media = op.requestBody?.content.find((c) => /json/.test(c.mediaType));
      if (media?.ndjson) {
        // An NDJSON body: one line, the spec's line example (sending it twice is deduplicated by the API).
        request.mediaType = media.mediaType;
        const line = media.examples[0]?.value;
        if (line === undefined) throw new Error(`${op.id} has no NDJSON line example to send`);
        request.body = [line];
      } else if (media) {
        request.mediaType = media.mediaType;
        request.body = await safeBody(ctx, op, tenant, request.pathParams!, media.schema ?? {}, media.examples[0]?.value);
      }
      return request;
    },
  };
  return ctx;
}

/**
 * A body that changes nothing: for an update of a readable record, the record's current values of
 * the body's fields; otherwise the spec's first request example.
 */
async function safeBody(ctx: RunContext, op: Operation, tenant: string, pathParams: Record<string, string>, schema: JsonObject, example: Json | undefined): Promise<Json> {
  const read = (op.method === 'PATCH' || op.method === 'PUT') && ctx.model.operations.find((o) => o.method === 'GET' && o.path === op.path);
  if (!read) {
    if (example === undefined) throw new Error(`${op.id} has no request example to send`);
    return example;
  }
  const token = goodToken(ctx, read, tenant);
  const exchange = await ctx.send(read, { pathParams, auth: credentialFor(ctx, read, token) });
  if (exchange.status !== 200 || typeof exchange.json !== 'object' || exchange.json === null) {
    throw new Error(`reading the current record for a no-op ${op.id} answered ${exchange.status}: ${exchange.text.slice(0, 200)}`);
  }
  const record = recordOf(ctx, read, exchange.json as JsonObject);
  const fields = Object.keys((ctx.model.deref(schema).properties ?? {}) as JsonObject);
  return Object.fromEntries(fields.filter((f) => record[f] !== undefined).map((f) => [f, record[f]!]));
}

/**
 * The record a read answers: its body, or the object a one-property wrapper holds when the read's 200
 * schema is such a wrapper (Lucent's `{"issue": Issue}`).
 */
function recordOf(ctx: RunContext, read: Operation, body: JsonObject): JsonObject {
  const media = ctx.model.response(read, 200)?.content.find((c) => /json/.test(c.mediaType));
  const schema = media?.schema ? ctx.model.deref(media.schema) : undefined;
  const properties = Object.keys((schema?.properties ?? {}) as JsonObject);
  const required = (schema?.required ?? []) as Json[];
  if (properties.length !== 1 || !required.includes(properties[0]!)) return body;
  const inner = body[properties[0]!];
  return typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? inner : body;
}

function notApplicableReason(def: CaseDef, target: Target): string | null {
  for (const need of def.needs) {
    const reason = target.lacks[need];
    if (reason) return reason;
  }
  return target.notApplicable(def);
}

/** A failure that rests only on our assumptions warns on a live target, unless the run is strict. */
export function weighByProvenance(result: CaseResult, target: Pick<Target, 'live'>, strict: boolean): CaseResult {
  if (result.status === 'failed' && result.assumption && target.live && !strict) return { ...result, status: 'warned' };
  return result;
}

async function runCase(def: CaseDef, ctx: RunContext, tracker: Tracker): Promise<CaseResult> {
  const started = Date.now();
  const base = { kind: def.kind, name: def.name, ...(def.operationId ? { operationId: def.operationId } : {}) };
  tracker.last = undefined;
  const request = () => (tracker.last ? { request: tracker.last } : {});
  try {
    const outcome = await def.run(ctx);
    const durationMs = Date.now() - started;
    if (outcome.status === 'na') return { ...base, status: 'na', reason: outcome.reason, durationMs };
    if (outcome.status === 'failed') {
      return { ...base, status: 'failed', expected: outcome.expected, actual: outcome.actual, ...(outcome.assumption ? { assumption: outcome.assumption } : {}), ...request(), durationMs };
    }
    return { ...base, status: 'passed', ...(outcome.detail ? { detail: outcome.detail } : {}), durationMs };
  } catch (error) {
    const durationMs = Date.now() - started;
    if (error instanceof NotApplicable) return { ...base, status: 'na', reason: error.reason, durationMs };
    if (error instanceof NetworkError) {
      return { ...base, status: 'failed', expected: 'an HTTP answer', actual: `no answer: ${explainCause(error.code, error.detail)}`, ...request(), durationMs };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { ...base, status: 'failed', expected: 'the case runs to a verdict', actual: `error: ${message}`, ...request(), durationMs };
  }
}

/** The selected cases: the kinds, operations and case-name texts asked for. */
export function selectCases(model: ApiModel, profile: ApiProfile, options: Pick<RunOptions, 'kinds' | 'operations' | 'cases'>): CaseDef[] {
  const known = new Set(model.operations.map((o) => o.id));
  const unknown = (options.operations ?? []).filter((o) => !known.has(o));
  if (unknown.length) throw new SetupError(`Unknown operation(s) ${unknown.join(', ')} for ${profile.api}: known operationIds are ${[...known].join(', ')}`);
  const kinds = new Set<CheckKind>(options.kinds ?? CHECK_KINDS);
  return deriveCases(model, profile).filter((c) => kinds.has(c.kind) && keep(c, options));
}

function keep(c: Pick<CaseResult, 'operationId' | 'name'>, options: Pick<RunOptions, 'operations' | 'cases'>): boolean {
  if (options.operations?.length && !(c.operationId && options.operations.includes(c.operationId))) return false;
  if (options.cases?.length && !options.cases.some((text) => c.name.toLowerCase().includes(text.toLowerCase()))) return false;
  return true;
}

export interface ListedCase {
  kind: CheckKind;
  operationId?: string;
  name: string;
  needs: string[];
}

/** The cases a run would derive (after filters), without starting any target. */
export function listCases(options: Pick<RunOptions, 'api' | 'kinds' | 'operations' | 'cases'>): ListedCase[] {
  const profile = profileFor(options.api);
  const model = loadModel(profile);
  return selectCases(model, profile, options).map((c) => ({ kind: c.kind, ...(c.operationId ? { operationId: c.operationId } : {}), name: c.name, needs: [...c.needs] }));
}

function redactResult(result: CaseResult, secrets: Secrets): CaseResult {
  const out: CaseResult = { ...result, name: secrets.redact(result.name) };
  for (const key of ['reason', 'expected', 'actual', 'detail'] as const) if (out[key] !== undefined) out[key] = secrets.redact(out[key]!);
  return out;
}

/** Derives every case from the spec and profile, runs them against the target and reports each. */
export async function runContract(options: RunOptions): Promise<RunReport> {
  const started = Date.now();
  const profile = profileFor(options.api);
  const model = loadModel(profile);
  const kinds = new Set<CheckKind>(options.kinds ?? CHECK_KINDS);
  const cases = selectCases(model, profile, options);
  if (cases.length === 0) throw new SetupError(`No ${profile.api} case matches the filters (--only/--operation/--case); --list shows the cases`);
  if (options.maxRps !== undefined && !(options.maxRps > 0)) throw new SetupError(`--max-rps needs a positive number, got ${options.maxRps}`);
  const env = options.env ?? process.env;
  const parsed = parseTarget(options.target ?? 'sandbox');
  if (parsed.kind === 'url' && !options.allowMissingCredentials) {
    const missing = credentialsNeeded(model, profile, cases).filter((t) => !env[t.env]);
    if (missing.length) {
      throw new SetupError(
        [
          `missing credentials for ${profile.api} at ${redactUserinfo(parsed.url)}: set ${missing.map((t) => t.env).join(', ')}`,
          ...missing.map((t) => `  ${t.env}: ${credentialText(t)}`),
          '(or pass --allow-missing-credentials to run without them: their cases are then not applicable)',
        ].join('\n'),
      );
    }
  }
  const secrets = new Secrets();
  for (const token of profile.tokens) {
    secrets.add(env[token.env], token.env);
    secrets.add(token.value, token.env);
  }
  const target = await startTarget(options, profile, model);
  const pacer = new Pacer({ scale: target.pacingScale, ...(options.maxRps ? { maxRps: options.maxRps } : {}) });
  const recorder = new ConformanceRecorder(new SchemaValidator(model), model, (exchange) => requestInfo(exchange, secrets));
  const tracker: Tracker = {};
  const results: CaseResult[] = [];
  const emit = (raw: CaseResult) => {
    const result = redactResult(weighByProvenance(raw, target, options.strict === true), secrets);
    results.push(result);
    options.onResult?.(result);
  };
  try {
    await probe(target);
    const ctx = createContext(model, profile, target, recorder, pacer, secrets, tracker);
    const groups = new Map<string, CaseDef[]>();
    for (const def of cases) groups.set(def.group, [...(groups.get(def.group) ?? []), def]);
    for (const group of groups.values()) {
      const runnable = group.map((def) => ({ def, reason: notApplicableReason(def, target) }));
      if (runnable.some((r) => r.reason === null)) await target.reset();
      for (const { def, reason } of runnable) {
        if (reason !== null) emit({ kind: def.kind, name: def.name, ...(def.operationId ? { operationId: def.operationId } : {}), status: 'na', reason, durationMs: 0 });
        else emit(await runCase(def, ctx, tracker));
      }
    }
    const filtered = (rs: CaseResult[]) => rs.filter((r) => keep(r, options));
    if (kinds.has('errors')) filtered(recorder.errorResults()).forEach(emit);
    if (kinds.has('conformance')) filtered(recorder.conformanceResults()).forEach(emit);
  } finally {
    await target.close();
  }
  return { api: options.api, target: redactUserinfo(target.name), results, durationMs: Date.now() - started, pacing: pacer.stats, notices: target.notices };
}