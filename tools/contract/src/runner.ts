import { createRequire } from 'node:module';
import { ConformanceRecorder, SchemaValidator } from './conformance.js';
import { goodToken, credentialFor, itemsOf } from './derive/common.js';
import { deriveCases } from './derive/index.js';
import { sendRequest, type Exchange, type RequestSpec } from './http.js';
import { profileFor } from './profiles/index.js';
import type { ApiProfile, TokenFixture } from './profiles/types.js';
import { buildModel, type ApiModel, type Json, type JsonObject, type Operation } from './spec.js';
import { prismTarget } from './targets/prism.js';
import { sandboxTarget } from './targets/sandbox.js';
import { urlTarget } from './targets/url.js';
import { CHECK_KINDS, NotApplicable, type CaseDef, type CaseResult, type CheckKind, type RateLimitSettings, type RunContext, type Target } from './types.js';

export interface RunOptions {
  api: string;
  /** `sandbox` (default), `prism`, or an http(s) URL of a deployment. */
  target?: string;
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
}

export function loadModel(profile: ApiProfile): ApiModel {
  const require = createRequire(import.meta.url);
  const spec = require(profile.specModule) as JsonObject;
  return buildModel(spec, `https://apiforge.invalid/contract/${profile.api}/openapi.json`);
}

async function startTarget(options: RunOptions, profile: ApiProfile): Promise<Target> {
  const target = options.target ?? 'sandbox';
  if (target === 'sandbox') return sandboxTarget({ api: options.api, faults: options.faults ?? [], ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}) });
  if (options.faults?.length) throw new Error('--fault only applies to the sandbox target');
  if (target === 'prism') return prismTarget({ api: options.api });
  if (/^https?:\/\//.test(target)) return urlTarget({ url: target, profile, allowWrites: options.allowWrites === true, env: options.env ?? process.env });
  throw new Error(`Unknown target "${target}": use sandbox, prism or an http(s) URL`);
}

function createContext(model: ApiModel, profile: ApiProfile, target: Target, recorder: ConformanceRecorder): RunContext {
  const send = async (base: string, op: Operation, request: RequestSpec): Promise<Exchange> => {
    const exchange = await sendRequest(base, op, request);
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
    sendRateLimited(op, request) {
      if (!target.rateLimited) throw new NotApplicable('not applicable: the target has no rate-limited endpoint');
      return send(target.rateLimited.baseUrl(op), op, request);
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

async function runCase(def: CaseDef, ctx: RunContext): Promise<CaseResult> {
  const started = Date.now();
  const base = { kind: def.kind, name: def.name, ...(def.operationId ? { operationId: def.operationId } : {}) };
  try {
    const outcome = await def.run(ctx);
    const durationMs = Date.now() - started;
    if (outcome.status === 'na') return { ...base, status: 'na', reason: outcome.reason, durationMs };
    if (outcome.status === 'failed') {
      return { ...base, status: 'failed', expected: outcome.expected, actual: outcome.actual, ...(outcome.assumption ? { assumption: outcome.assumption } : {}), durationMs };
    }
    return { ...base, status: 'passed', ...(outcome.detail ? { detail: outcome.detail } : {}), durationMs };
  } catch (error) {
    const durationMs = Date.now() - started;
    if (error instanceof NotApplicable) return { ...base, status: 'na', reason: error.reason, durationMs };
    const message = error instanceof Error ? error.message : String(error);
    return { ...base, status: 'failed', expected: 'the case runs to a verdict', actual: `error: ${message}`, durationMs };
  }
}

/** Derives every case from the spec and profile, runs them against the target and reports each. */
export async function runContract(options: RunOptions): Promise<RunReport> {
  const started = Date.now();
  const profile = profileFor(options.api);
  const model = loadModel(profile);
  const kinds = new Set<CheckKind>(options.kinds ?? CHECK_KINDS);
  const cases = deriveCases(model, profile).filter((c) => kinds.has(c.kind));
  const recorder = new ConformanceRecorder(new SchemaValidator(model), model);
  const target = await startTarget(options, profile);
  const results: CaseResult[] = [];
  const emit = (raw: CaseResult) => {
    const result = weighByProvenance(raw, target, options.strict === true);
    results.push(result);
    options.onResult?.(result);
  };
  try {
    const ctx = createContext(model, profile, target, recorder);
    const groups = new Map<string, CaseDef[]>();
    for (const def of cases) groups.set(def.group, [...(groups.get(def.group) ?? []), def]);
    for (const group of groups.values()) {
      const runnable = group.map((def) => ({ def, reason: notApplicableReason(def, target) }));
      if (runnable.some((r) => r.reason === null)) await target.reset();
      for (const { def, reason } of runnable) {
        if (reason !== null) emit({ kind: def.kind, name: def.name, ...(def.operationId ? { operationId: def.operationId } : {}), status: 'na', reason, durationMs: 0 });
        else emit(await runCase(def, ctx));
      }
    }
    if (kinds.has('errors')) recorder.errorResults().forEach(emit);
    if (kinds.has('conformance')) recorder.conformanceResults().forEach(emit);
  } finally {
    await target.close();
  }
  return { api: options.api, target: target.name, results, durationMs: Date.now() - started };
}
