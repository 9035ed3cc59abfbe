import fc from 'fast-check';
import { indexSpec, type Credential, type OpenApiDocument, type OperationInfo } from '@apiforge/sandbox/engine';
import { SchemaValidator } from '../conformance.js';
import { itemsOf } from '../derive/common.js';
import type { Exchange } from '../http.js';
import { Pacer, retryAfterSeconds } from '../pacing.js';
import { profileFor } from '../profiles/index.js';
import type { TokenFixture } from '../profiles/types.js';
import { Secrets, curlFor, type RequestInfo } from '../repro.js';
import { SetupError, loadModel, parseTarget, probe, startTarget, type RunOptions } from '../runner.js';
import type { Operation } from '../spec.js';
import { NotApplicable, type Target } from '../types.js';
import { fitsScheme, placeToken, schemesOf, scopesOf } from './auth.js';
import { hasMalformedEscape, invalidity, outsideOperation, type InvalidityContext } from './invalid.js';
import { fuzzCaseArbitrary, type FuzzApi, type FuzzCase, type ValueSource } from './requests.js';
import { RawSender } from './send.js';

/** The checks every fuzzed answer gets (Schemathesis' standard checks, in our words). */
export const FUZZ_CHECKS = [
  'no-server-error',
  'status-documented',
  'content-type-documented',
  'required-headers',
  'body-conforms',
  'invalid-refused',
] as const;
export type FuzzCheck = (typeof FUZZ_CHECKS)[number];

export interface Finding {
  check: FuzzCheck;
  text: string;
  /** The assumption of ours the finding rests on: against a live target it only warns (unless strict). */
  assumption?: string;
}

export interface FuzzOptions {
  api: string;
  /** `sandbox` (default), `prism`, or a URL, exactly as for the contract suite. */
  target?: string;
  /** At least this many generated requests. */
  requests: number;
  /** fast-check seed; the same seed against the same target state sends the same requests. Random when absent. */
  seed?: number;
  allowWrites?: boolean;
  strict?: boolean;
  env?: NodeJS.ProcessEnv;
  maxRps?: number;
  /** Only these operations (operationIds). */
  operations?: string[];
  /** Requests sent (per distinct failure) while shrinking it to a minimal request. */
  shrinkBudget?: number;
  /** Everything else the contract runner takes to start a target (e.g. separate host URLs). */
  runOptions?: Partial<RunOptions>;
  /** Called with every generated request as it is sent (in order; shrinking included). */
  onRequest?: (c: FuzzCase, phase: 'run' | 'shrink') => void;
}

export interface FuzzFailure {
  check: FuzzCheck;
  operationId: string;
  status: number;
  text: string;
  assumption?: string;
  /** Replays this failure: the run's seed and the fast-check path of the (shrunk) request. */
  seed: number;
  path: string;
  shrunk: boolean;
  /** How many generated requests showed the same problem (same check, operation and status). */
  occurrences: number;
  request: RequestInfo;
}

export interface FuzzReport {
  api: string;
  target: string;
  seed: number;
  requests: number;
  statuses: Record<string, number>;
  byOperation: Record<string, number>;
  checks: Record<FuzzCheck, { judged: number; failed: number; warned: number }>;
  failures: FuzzFailure[];
  warnings: FuzzFailure[];
  /** What was left out on this target and why. */
  notices: string[];
  durationMs: number;
}

const MAX_SHRUNK_FAILURES = 5;
const MAX_RETRY_AFTER_S = 30;

interface Fixture {
  fixture: TokenFixture;
  value: string;
}

function usableTokens(profile: { tokens: TokenFixture[] }, target: Target): Fixture[] {
  return profile.tokens.flatMap((fixture) => {
    try {
      return [{ fixture, value: target.tokenValue ? target.tokenValue(fixture) : fixture.value }];
    } catch (error) {
      if (error instanceof NotApplicable) return [];
      throw error;
    }
  });
}

function credentialOf(f: TokenFixture): Credential {
  return { org: f.tenant ?? '', scopes: f.scopes, ...(f.revoked ? { revoked: true } : {}), ...(f.scheme ? { schemes: [f.scheme] } : {}) };
}

/** A request to a list operation with a working credential of `tenant`, for looking up real ids. */
function listRequest(api: FuzzApi, op: OperationInfo, tenant: string, tenantParams: Set<string>): FuzzCase | undefined {
  const scopes = scopesOf(op);
  let placed: ReturnType<typeof placeToken> | undefined;
  for (const scheme of schemesOf(api.spec, op)) {
    for (const [token, credential] of api.credentials) {
      if (credential.revoked || credential.org !== tenant || !fitsScheme(token, credential, scheme)) continue;
      if (!scopes.every((s) => credential.scopes.includes(s))) continue;
      placed = placeToken(scheme, token);
      break;
    }
    if (placed) break;
  }
  if (!placed && op.security.length > 0) return undefined;
  const query = new URLSearchParams(placed?.query ?? {});
  for (const p of op.parameters.filter((x) => x.in === 'query' && x.required)) {
    const value = tenantParams.has(p.name) ? tenant : (p.schema['default'] ?? (p.schema['enum'] as unknown[] | undefined)?.[0]);
    if (value !== undefined) query.set(p.name, String(value));
  }
  const qs = query.toString();
  return { target: op.id, operationId: op.id, method: 'GET', path: `${op.path}${qs ? `?${qs}` : ''}`, headers: placed?.headers ?? {}, credential: { kind: 'none' } };
}

/** Real values for path parameters (and tenant-naming query parameters), per the profile, for every tenant. */
async function lookUpValues(
  api: FuzzApi,
  profile: ReturnType<typeof profileFor>,
  model: ReturnType<typeof loadModel>,
  send: (op: Operation, c: FuzzCase) => Promise<Exchange>,
): Promise<ValueSource> {
  const values = new Map<string, Set<string>>();
  const add = (name: string, value: string) => values.set(name, (values.get(name) ?? new Set()).add(value));
  const tenants = [...new Set([...api.credentials.values()].filter((c) => !c.revoked && c.org).map((c) => c.org))];
  const tenantParams = new Set(Object.entries(profile.pathParams).filter(([, s]) => 'tenant' in s).map(([name]) => name));
  for (const [name, source] of Object.entries(profile.pathParams)) {
    if ('tenant' in source) {
      tenants.forEach((t) => add(name, t));
      continue;
    }
    const list = api.spec.byId.get(source.operationId);
    if (!list) continue;
    for (const tenant of tenants) {
      const request = listRequest(api, list, tenant, tenantParams);
      if (!request) continue;
      const exchange = await send(model.operation(list.id), request).catch(() => undefined);
      if (exchange?.status !== 200) continue;
      for (const item of itemsOf(model.operation(list.id), exchange.json).slice(0, 5)) {
        const value = item[source.field];
        if (typeof value === 'string' || typeof value === 'number') add(name, String(value));
      }
    }
  }
  return { candidates: (param) => [...(values.get(param) ?? [])].map((value) => ({ value })) };
}

/** The findings of one answer, by check. */
function judge(validator: SchemaValidator, model: ReturnType<typeof loadModel>, op: Operation, exchange: Exchange, invalid: ReturnType<typeof invalidity>): Finding[] {
  if (exchange.status === 0) return [{ check: 'no-server-error', text: exchange.text }];
  if (exchange.status >= 500) return [{ check: 'no-server-error', text: `server error ${exchange.status}: ${exchange.text.slice(0, 200)}` }];
  const findings: Finding[] = [];
  if (invalid && exchange.status < 400) {
    findings.push({ check: 'invalid-refused', text: `status ${exchange.status} for a request the spec says is invalid: ${invalid.reason}`, ...(invalid.assumption ? { assumption: invalid.assumption } : {}) });
  }
  if (!model.response(op, exchange.status)) {
    findings.push({ check: 'status-documented', text: `status ${exchange.status} is not documented for ${op.id} (documented: ${op.responses.map((r) => r.status).join(', ')})` });
    return findings;
  }
  for (const problem of validator.checkDetailed(op, exchange)) {
    const check: FuzzCheck = /^(missing required header|header )/.test(problem.text)
      ? 'required-headers'
      : /^(content-type|body present)/.test(problem.text)
        ? 'content-type-documented'
        : 'body-conforms';
    findings.push({ check, text: problem.text, ...(problem.assumption ? { assumption: problem.assumption } : {}) });
  }
  return findings;
}

/**
 * A failing request for the report: the URL with credentials redacted and a curl repro whose credentials
 * are `${ENV}` references. Generated credentials include a real token cut short by one character: it is
 * shown as `${ENV%?}` (the variable minus its last character), never as the value.
 */
export function describeRequest(e: Exchange, secrets: Array<[string, string]>): RequestInfo {
  const sorted = [...secrets].sort((a, b) => b[0].length - a[0].length);
  const mark = (text: string): string => {
    let out = text;
    for (const [value, env] of sorted) out = out.split(value).join(`\u0002${env}\u0003`).split(encodeURIComponent(value)).join(`\u0002${env}\u0003`);
    for (const [value, env] of sorted) {
      const cut = value.slice(0, -1);
      out = out.split(cut).join(`\u0002${env}%?\u0003`).split(encodeURIComponent(cut)).join(`\u0002${env}%?\u0003`);
    }
    return out;
  };
  const original = e.sent ?? { headers: {} };
  const sent = {
    ...original,
    headers: Object.fromEntries(Object.entries(original.headers).map(([k, v]) => [k, mark(v)])),
    ...(original.bodyText !== undefined ? { bodyText: mark(original.bodyText) } : {}),
  };
  const curl = curlFor(e.method, mark(e.url), sent, new Secrets()).replace(/\u0002([A-Za-z0-9_]+(%\?)?)\u0003/g, '${$1}');
  return { method: e.method, url: mark(e.url).replace(/\u0002[^\u0003]*\u0003/g, '[redacted]'), status: e.status === 0 ? e.text : e.status, curl };
}

function redactText(text: string, secrets: Array<[string, string]>): string {
  let out = text;
  for (const [value] of [...secrets].sort((a, b) => b[0].length - a[0].length)) out = out.split(value).join('[redacted]').split(value.slice(0, -1)).join('[redacted]');
  return out;
}

const signatureOf = (op: string, status: number, f: Finding) => `${f.check} ${op} ${status}`;

/**
 * Property-based fuzzing of one API from its spec against any target: `requests` generated requests
 * (valid and invalid parameters, bodies, headers and credentials; writes only where the target allows
 * them), each judged by the standard checks. Every distinct failure is then replayed from its seed and
 * path and shrunk to a minimal request, shown with a curl repro whose credentials are `$ENV_VAR`s.
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const seed = options.seed ?? Math.floor(Math.random() * 0x7fffffff);
  const profile = profileFor(options.api);
  const model = loadModel(profile);
  const index = indexSpec(model.spec as unknown as OpenApiDocument);
  if (!(Number.isInteger(options.requests) && options.requests > 0)) throw new SetupError(`--fuzz needs a positive whole number of requests, got ${options.requests}`);
  if (!(Number.isInteger(seed) && Math.abs(seed) <= 0x7fffffff)) throw new SetupError(`--seed needs a whole number (32-bit), got ${options.seed}`);
  const runOptions = { ...options.runOptions, api: options.api, target: options.target ?? 'sandbox', allowWrites: options.allowWrites === true, ...(options.env ? { env: options.env } : {}) } as RunOptions;
  const env = options.env ?? process.env;
  const parsed = parseTarget(runOptions.target!);
  if (parsed.kind === 'url' && !runOptions.allowMissingCredentials) {
    // Fuzzing places every credential of the profile (valid, revoked, of another kind): each one is needed.
    const missing = profile.tokens.filter((t) => !env[t.env]);
    if (missing.length > 0) {
      throw new SetupError(`missing credentials for ${profile.api}: set ${missing.map((t) => t.env).join(', ')} (or pass --allow-missing-credentials to fuzz with the others)`);
    }
  }
  const target = await startTarget(runOptions, profile, model);
  const sender = new RawSender();
  try {
    await probe(target);
    await target.reset();
    const tokens = usableTokens(profile, target);
    const secretList: Array<[string, string]> = [];
    for (const t of profile.tokens) {
      for (const value of [env[t.env], t.value]) if (value && value.length >= 6) secretList.push([value, t.env]);
    }
    const api: FuzzApi = { name: options.api, spec: index, credentials: new Map(tokens.map((t) => [t.value, credentialOf(t.fixture)])) };
    if (tokens.length === 0 && index.operations.some((op) => op.security.length > 0)) {
      throw new SetupError(`no credential for ${options.api} on this target: set ${profile.tokens.filter((t) => !t.revoked).map((t) => t.env).join(', ')}`);
    }

    const notices = [...(target.notices ?? [])];
    const unknownOps = (options.operations ?? []).filter((id) => !index.byId.has(id));
    if (unknownOps.length > 0) throw new SetupError(`No operation ${unknownOps.join(', ')} in the ${options.api} spec (operations: ${index.operations.map((op) => op.id).join(', ')})`);
    const fuzzable = (op: OperationInfo): boolean => {
      if (options.operations?.length && !options.operations.includes(op.id)) return false;
      if (target.lacks.writes && op.method !== 'get' && op.method !== 'head') return false;
      try {
        target.baseUrl(model.operation(op.id));
        return true;
      } catch (error) {
        if (error instanceof NotApplicable) return false;
        throw error;
      }
    };
    const skipped = index.operations.filter((op) => !fuzzable(op) && !(options.operations?.length && !options.operations.includes(op.id)));
    if (skipped.length > 0) notices.push(`not fuzzed on this target: ${skipped.map((op) => op.id).join(', ')}${target.lacks.writes ? ` (${target.lacks.writes.replace(/^not applicable: /, '')})` : ''}`);

    // A mock (it counts nothing: no pacing scale) answers from the spec's examples and validates requests itself.
    const mock = target.pacingScale === null;
    if (mock) {
      notices.push(
        'on a mock, status-documented judges valid requests only: Prism answers an invalid one with a 422 or 415 of its own, which the spec need not document; malformed percent-encoding gets the 400 of the front of @apiforge/mock (judged for no 5xx, not for a documented status)',
      );
    }
    const pacer = new Pacer({ scale: target.pacingScale, ...(options.maxRps ? { maxRps: options.maxRps } : {}) });
    const exchange = async (op: Operation, c: FuzzCase): Promise<Exchange> => {
      const credential = c.credential?.kind === 'placed' ? c.credential.token : undefined;
      for (let attempt = 0; ; attempt++) {
        const key = await pacer.acquire(op, credential);
        let answer: Exchange;
        try {
          answer = await sender.send(target.baseUrl(op), c);
        } finally {
          pacer.release(key);
        }
        const wait = answer.status === 429 ? retryAfterSeconds(answer.headers['retry-after']) : undefined;
        // A throttle we did not expect is waited out (bounded); a long one (a used-up quota) is judged as it is.
        if (wait === undefined || wait > MAX_RETRY_AFTER_S || attempt >= 2) return answer;
        await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 50));
      }
    };
    if (!index.operations.some(fuzzable)) throw new SetupError(`nothing to fuzz for ${options.api} on this target: ${notices.join('; ')}`);
    const pool = await lookUpValues(api, profile, model, exchange);
    const validator = new SchemaValidator(model);
    const invalidityContext: InvalidityContext = { spec: index, model, validator, credentials: api.credentials, lacks: target.lacks };
    const arbitrary = fuzzCaseArbitrary(api, pool, {
      wrongMethods: false,
      unknownPaths: false,
      // Malformed percent-encoding is sent to a mock too: @apiforge/mock's front refuses it with a 400.
      malformedEscapes: true,
      compressedBodies: !target.lacks['compressed-bodies'],
      // A target that never answers a compressed body (Prism) leaves some malformed bodies unanswered too.
      malformedBodies: !target.lacks['compressed-bodies'],
      operations: fuzzable,
    });

    const weak = (f: Finding) => f.assumption !== undefined && target.live === true && options.strict !== true;
    const evaluate = async (c: FuzzCase) => {
      const opInfo = index.byId.get(c.operationId!)!;
      const op = model.operation(opInfo.id);
      const answer = await exchange(op, c);
      if (outsideOperation(opInfo, c)) {
        // Not a request for the operation (an empty path segment routes elsewhere): only no 5xx and no success.
        const invalid = { reason: `the path ${c.path.split('?')[0]} is not an instance of ${opInfo.path} (an empty path parameter)` };
        const findings: Finding[] =
          answer.status === 0 || answer.status >= 500
            ? judge(validator, model, op, answer, undefined)
            : answer.status < 400
              ? [{ check: 'invalid-refused', text: `status ${answer.status} for ${invalid.reason}` }]
              : [];
        return { op, answer, invalid, findings, outside: true };
      }
      const invalid = invalidity(invalidityContext, opInfo, c);
      const unexpectedBody = !opInfo.requestBody && c.body !== undefined;
      // On a mock, a malformed escape gets the front's own 400 (like Prism's own 422/415 for an invalid request).
      const ownRefusal = invalid || unexpectedBody || hasMalformedEscape(c.path);
      const findings = judge(validator, model, op, answer, invalid).filter((f) => !(mock && f.check === 'status-documented' && ownRefusal));
      return { op, answer, invalid, findings, outside: false };
    };

    const checks = Object.fromEntries(FUZZ_CHECKS.map((c) => [c, { judged: 0, failed: 0, warned: 0 }])) as FuzzReport['checks'];
    const statuses: Record<string, number> = {};
    const byOperation: Record<string, number> = {};
    const distinct = new Map<string, { run: number; finding: Finding; status: number; operationId: string; count: number; exchange: Exchange }>();
    let run = 0;
    let requests = 0;
    const main = fc.asyncProperty(arbitrary, async (c) => {
      const runIndex = run++;
      options.onRequest?.(c, 'run');
      const { op, answer, invalid, findings, outside } = await evaluate(c);
      requests++;
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      byOperation[op.id] = (byOperation[op.id] ?? 0) + 1;
      // The status, content-type, header and body checks judge what a documented status answered.
      const documented = !outside && answer.status > 0 && answer.status < 500 && model.response(op, answer.status) !== undefined;
      checks['no-server-error'].judged++;
      if (!outside && answer.status > 0 && answer.status < 500) checks['status-documented'].judged++;
      if (documented) for (const check of ['content-type-documented', 'required-headers', 'body-conforms'] as const) checks[check].judged++;
      if (invalid) checks['invalid-refused'].judged++;
      for (const f of findings) {
        const key = signatureOf(op.id, answer.status, f);
        const seen = distinct.get(key);
        if (seen) seen.count++;
        else distinct.set(key, { run: runIndex, finding: f, status: answer.status, operationId: op.id, count: 1, exchange: answer });
      }
    });
    await fc.assert(main, { numRuns: options.requests, seed, endOnFailure: true });

    const failures: FuzzFailure[] = [];
    const warnings: FuzzFailure[] = [];
    const describe = (e: Exchange): RequestInfo => describeRequest(e, secretList);
    for (const [key, d] of distinct) {
      const entry = weak(d.finding) ? warnings : failures;
      const bucket = checks[d.finding.check];
      if (entry === warnings) bucket.warned += d.count;
      else bucket.failed += d.count;
      let shown = { exchange: d.exchange, finding: d.finding, path: String(d.run), shrunk: false };
      if (entry === failures && failures.length < MAX_SHRUNK_FAILURES) {
        // Replay the failing request from its seed and path, and shrink it while the same problem recurs.
        let budget = options.shrinkBudget ?? 200;
        let last: { exchange: Exchange; finding: Finding } | undefined;
        const replay = fc.asyncProperty(arbitrary, async (c) => {
          if (budget-- <= 0) return;
          options.onRequest?.(c, 'shrink');
          const { op, answer, findings } = await evaluate(c);
          const same = findings.find((f) => signatureOf(op.id, answer.status, f) === key);
          if (same) {
            last = { exchange: answer, finding: same };
            throw new Error(same.text);
          }
        });
        const details = await fc.check(replay, { seed, path: String(d.run), numRuns: 1 });
        if (details.failed && last && details.counterexamplePath) shown = { ...last, path: details.counterexamplePath, shrunk: true };
      }
      entry.push({
        check: d.finding.check,
        operationId: d.operationId,
        status: shown.exchange.status,
        text: redactText(shown.finding.text, secretList),
        ...(shown.finding.assumption ? { assumption: shown.finding.assumption } : {}),
        seed,
        path: shown.path,
        shrunk: shown.shrunk,
        occurrences: d.count,
        request: describe(shown.exchange),
      });
    }
    return { api: options.api, target: target.name, seed, requests, statuses, byOperation, checks, failures, warnings, notices, durationMs: Date.now() - started };
  } finally {
    sender.close();
    await target.close();
  }
}
