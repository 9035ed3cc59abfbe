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
  /** How to find real values for path parameters. */
  pathParams: Record<string, PathParamSource>;
  /** Environment variables for live targets besides the tokens. */
  liveEnv: {
    /** Base URL for operations on a path-level server (e.g. an ingest host); defaults to that server. */
    serverOverrides?: Record<string, string>;
  };
}
