/**
 * A profile holds what an API's spec cannot say: its test credentials, where to find record ids,
 * and how error bodies compare to the documented examples. Everything else is derived from the spec.
 */
export interface TokenFixture {
  /** A short role name used in case names, e.g. `api-read`. */
  name: string;
  /** The credential on the sandbox (and the mock, which only checks presence). */
  value: string;
  /** Environment variable holding this credential for a live target. */
  env: string;
  /** The organization/workspace owning it; absent for revoked credentials. */
  tenant?: string;
  scopes: string[];
  revoked?: boolean;
  /**
   * The security scheme (by name) the credential belongs to. Needed only when that scheme has no
   * `x-token-prefixes` to recognise it by (an opaque session token, e.g. LumiqTrace's bearer).
   */
  scheme?: string;
}

export type PathParamSource =
  | {
      /** A list operation whose items carry the value. */
      operationId: string;
      field: string;
    }
  /** The tenant itself (e.g. LuluDesk's `/workspaces/{id}`): the value is the token's `tenant`. */
  | { tenant: true };

/** A documented answer: status and the name of its example. */
export interface DocumentedAnswer {
  status: number;
  example: string;
}

export type BodyMatcher = 'exact' | 'subset';

export interface ApiProfile {
  api: string;
  /** Module specifier of the bundled JSON spec. */
  specModule: string;
  homeTenant: string;
  tokens: TokenFixture[];
  /**
   * How an error body compares to its documented example: `exact` (Lucent documents the whole body)
   * or `subset` (APIs whose errors carry request-specific details, e.g. LuluDesk's 422 details array).
   */
  errorBodyMatch: BodyMatcher;
  /** Which named 401 example answers missing vs invalid credentials, per security scheme, when a 401 documents several. */
  authErrorExamples?: Record<string, { missing: string; invalid: string }>;
  /**
   * How a well-formed credential that cannot be used (unknown, revoked, without a documented prefix,
   * of another kind, or of another tenant on a tenant path) is answered. Default: 401 with the
   * scheme's `invalid` example (Lucent). LuluDesk: 403 `forbidden`.
   */
  unusableCredential?: DocumentedAnswer;
  /** The 403 example of a credential lacking the operation's scope, when the 403 documents several. */
  missingScopeExample?: string;
  /**
   * Keys of error bodies whose value echoes what the request sent (LuluDesk's `details[].value`):
   * compared with the value the case sent rather than the example's.
   */
  echoKeys?: string[];
  /**
   * How to find real values for path parameters, and for required query parameters that name the tenant
   * (`{ tenant: true }`, e.g. LumiqTrace's `projectId`).
   */
  pathParams: Record<string, PathParamSource>;
  /**
   * How a home credential is answered when the request names another tenant (a tenant path or query
   * parameter). Default: `unusableCredential` (LuluDesk). LumiqTrace: 403 `notAMember`.
   */
  foreignTenant?: DocumentedAnswer;
  /** NDJSON bodies (`x-ndjson`): the documented 400 examples for too many lines and for a bad line. */
  ndjson?: { tooManyExample: string; invalidLineExample: string };
  /**
   * Sandbox control route reporting how many records the home tenant holds, for the dedupe case
   * (re-sending the same `x-dedupe-field` values must not add records).
   */
  recordCount?: { path: string; count(body: unknown, tenant: string): number };
  /** API-specific cases the spec cannot imply (e.g. a quota that only some credentials hit). */
  extraCases?: (model: import('../spec.js').ApiModel, profile: ApiProfile) => import('../types.js').CaseDef[];
  /** Environment variables for live targets besides the tokens. */
  liveEnv: {
    /**
     * Operations on a path-level server of their own (Lucent's ingest host): a URL target's base URL for
     * them comes from this option or variable, never from the spec's production server; without either,
     * their cases are not run.
     */
    hosts?: SeparateHost[];
  };
}

export interface SeparateHost {
  /** The server URL the spec gives those operations (production). */
  server: string;
  /** Environment variable holding the target's base URL for them. */
  env: string;
  /** The CLI option that gives it (its name without `--`). */
  option: 'ingest-url';
  /** What lives there, for messages (e.g. `Lucent's ingest host`). */
  description: string;
}
