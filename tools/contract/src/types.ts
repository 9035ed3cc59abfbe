import type { SchemaValidator } from './conformance.js';
import type { ApiModel, Operation } from './spec.js';
import type { Exchange, RequestSpec } from './http.js';
import type { ApiProfile, TokenFixture } from './profiles/types.js';

/** The kinds of check the suite derives; each is a testsuite in the JUnit report. */
export const CHECK_KINDS = [
  'auth',
  'scopes',
  'limits',
  'enums',
  'cursors',
  'errors',
  'rate-limits',
  'isolation',
  'ndjson',
  'conformance',
] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

/**
 * What a case needs from the target beyond answering HTTP. A target that lacks one names the
 * reason, and every case needing it is reported as not applicable with that reason.
 */
export type Capability =
  | 'credential-values' // checks a token's value, revocation and kind, not only its presence
  | 'scopes' // refuses a valid token that lacks the operation's scope
  | 'real-data' // answers from real records: pages, filters, ids, tenants
  | 'rate-limits' // counts requests and answers 429
  | 'writes' // the run may change data
  | 'prefer-examples' // honours `Prefer: code=..., example=...` (a mock feature)
  | 'strict-numbers' // parses integer query values strictly (refuses 1e2)
  | 'compressed-bodies' // decodes a request body sent with Content-Encoding gzip/deflate/br
  | 'ndjson-bodies' // reads an NDJSON (x-ndjson) request body line by line
  | 'record-counts'; // offers the profile's control route that counts stored records

/** What an invalid-value case expects; targets with their own error model may decline it. */
export interface InvalidValueExpectation {
  status: number;
  example?: string;
  /** The example is the first one listed for its status (what a mock answers by default). */
  firstExampleOfStatus: boolean;
}

export interface CaseDef {
  kind: CheckKind;
  name: string;
  operationId?: string;
  needs: Capability[];
  invalidValue?: InvalidValueExpectation;
  /** Cases with the same group run together after one target reset. */
  group: string;
  run(ctx: RunContext): Promise<Outcome>;
}

export type Outcome =
  | { status: 'passed'; detail?: string }
  /** `assumption`: the failing expectation rests on a fact we assumed (x-assumption), quoted here. */
  | { status: 'failed'; expected: string; actual: string; assumption?: string }
  | { status: 'na'; reason: string };

export interface CaseResult {
  kind: CheckKind;
  name: string;
  operationId?: string;
  /** `warned`: an assumption of ours did not hold on a live target, which never promised it. */
  status: 'passed' | 'failed' | 'warned' | 'na';
  reason?: string;
  /** The assumption a failed or warned case rests on. */
  assumption?: string;
  expected?: string;
  actual?: string;
  detail?: string;
  /** The request a failed or warned case judged last (URL redacted, curl repro with `$ENV_VAR` credentials). */
  request?: import('./repro.js').RequestInfo;
  durationMs: number;
}

/** A problem with the run's setup (credentials, an unreachable target, TLS, bad options): exit status 2. */
export class SetupError extends Error {}

/** Thrown inside a case when something it needs is unavailable at run time (e.g. a live token). */
export class NotApplicable extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export interface RateLimitSettings {
  /** Multiplies every documented limit (rounded up, at least 1). */
  scale: number;
  windowMs: number;
}

export interface RunContext {
  model: ApiModel;
  profile: ApiProfile;
  target: Target;
  validator: SchemaValidator;
  send(op: Operation, request: RequestSpec): Promise<Exchange>;
  /** A token fixture's value on this target, or NotApplicable when it is not configured. */
  tokenValue(token: TokenFixture): string;
  /** Values for the operation's path parameters, looked up with a token of the given tenant. */
  pathParams(op: Operation, tenant?: string): Promise<Record<string, string>>;
  /** A request that performs the operation harmlessly (a no-op write, or a plain read). */
  safeRequest(op: Operation, token: TokenFixture | null, pathParams?: Record<string, string>): Promise<RequestSpec>;
  /** Values shared between cases of a run (e.g. looked-up record ids). */
  cache: Map<string, unknown>;
  /** Sends to the target's scaled-down rate-limit endpoint (NotApplicable when it has none). */
  sendRateLimited(op: Operation, request: RequestSpec): Promise<Exchange>;
}

export interface Target {
  name: string;
  /** A deployment of the real service (a URL): only vendor-documented facts may fail there. */
  live?: boolean;
  /** Base URL for an operation (ingest operations may live on another host). */
  baseUrl(op: Operation): string;
  /** Why the target cannot honour a capability; absent = it can. */
  lacks: Partial<Record<Capability, string>>;
  /** A target-specific reason a case cannot be judged here, or null. */
  notApplicable(def: CaseDef): string | null;
  /**
   * The documented limits (`x-rate-limit`) this target enforces, as a multiple (1 for a deployment); the
   * suite paces its requests to stay within them. `null`: it counts nothing (a mock).
   */
  pacingScale: number | null;
  /** URLs that must answer HTTP before the run starts (else a setup error: unreachable, TLS). */
  probeUrls?: string[];
  /** What the run leaves out on this target and why (printed before the results). */
  notices: string[];
  /** Base URL of the target's control routes (the sandbox's /_sandbox/...), when it has them. */
  controlUrl?: string;
  /** Endpoint with scaled-down rate limits, when the target offers one. */
  rateLimited?: { baseUrl(op: Operation): string; settings: RateLimitSettings; reset(): Promise<void> };
  /** The credential for a token fixture; defaults to the fixture's own value. */
  tokenValue?(token: TokenFixture): string;
  reset(): Promise<void>;
  close(): Promise<void>;
}
