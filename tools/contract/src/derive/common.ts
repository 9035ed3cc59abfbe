import type { Exchange } from '../http.js';
import { matchBody } from '../match.js';
import type { TokenFixture } from '../profiles/types.js';
import { responseAssumption } from '../provenance.js';
import { exampleOf, type ApiModel, type Json, type JsonObject, type Operation, type Parameter, type SecurityScheme } from '../spec.js';
import type { Capability, InvalidValueExpectation, Outcome, RunContext } from '../types.js';

export function isWrite(op: Operation): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(op.method);
}

/** Capabilities every request of the operation needs (writes change data). */
export function baseNeeds(op: Operation): Capability[] {
  const needs: Capability[] = isWrite(op) ? ['writes'] : [];
  // Every request of such an operation carries an NDJSON body, which a target must read line by line.
  if (op.requestBody?.content.some((c) => c.ndjson)) needs.push('ndjson-bodies');
  return needs;
}

export function schemeOfToken(model: ApiModel, token: TokenFixture): SecurityScheme | undefined {
  if (token.scheme) return model.schemes.find((s) => s.name === token.scheme);
  return model.schemes.find((s) => s.prefixes.some((p) => token.value.startsWith(p)));
}

/** Credentials of one kind: schemes sharing their prefixes (e.g. an ingest key in a header or a query), or one prefix-less scheme. */
export function kindOf(scheme: SecurityScheme): string {
  return scheme.prefixes.length > 0 ? scheme.prefixes.join() : `scheme:${scheme.name}`;
}

/** The profile's tokens whose prefix belongs to one of the operation's schemes. */
export function tokensFor(model: ApiModel, tokens: TokenFixture[], op: Operation): TokenFixture[] {
  const names = new Set(op.security.map((s) => s.scheme.name));
  return tokens.filter((t) => {
    const scheme = schemeOfToken(model, t);
    return scheme !== undefined && names.has(scheme.name);
  });
}

export function requiredScopes(op: Operation): string[] {
  return op.security[0]?.scopes ?? [];
}

export function covers(token: TokenFixture, scopes: string[]): boolean {
  return scopes.every((s) => token.scopes.includes(s));
}

/** A usable token of the home tenant that holds the operation's scopes (the first one, or the n-th for spreading load). */
export function goodToken(ctx: { model: ApiModel; profile: RunContext['profile'] }, op: Operation, tenant?: string, nth = 0): TokenFixture {
  const wanted = tenant ?? ctx.profile.homeTenant;
  const candidates = tokensFor(ctx.model, ctx.profile.tokens, op).filter(
    (t) => !t.revoked && t.tenant === wanted && covers(t, requiredScopes(op)),
  );
  const token = candidates[nth % Math.max(candidates.length, 1)];
  if (!token) throw new Error(`The ${ctx.profile.api} profile has no ${wanted} token with ${requiredScopes(op).join(', ') || 'access'} for ${op.id}`);
  return token;
}

export function credentialFor(ctx: RunContext, op: Operation, token: TokenFixture) {
  const own = token.scheme ? op.security.find((s) => s.scheme.name === token.scheme) : undefined;
  const scheme = own?.scheme ?? op.security.find((s) => s.scheme.prefixes.some((p) => token.value.startsWith(p)))?.scheme ?? op.security[0]!.scheme;
  return { scheme, value: ctx.tokenValue(token) };
}

export interface ExpectedResponse {
  status: number;
  /** Named example the body must match; absent = the body is only checked against the schema. */
  example?: string;
  /** The value the case sent, for body keys that echo it (the profile's `echoKeys`). */
  sent?: string;
}

/** The answer to an unusable credential: the profile's, else 401 with the scheme's `invalid` example. */
export function unusableCredentialAnswer(profile: RunContext['profile'], invalidExample: string | undefined): ExpectedResponse {
  return profile.unusableCredential ?? { status: 401, ...(invalidExample ? { example: invalidExample } : {}) };
}

/** Checks status, documented body and declared headers of one exchange. */
export function expectDocumented(ctx: RunContext, op: Operation, exchange: Exchange, expected: ExpectedResponse): Outcome {
  const problems: string[] = [];
  // An example that is an illustration of ours (no x-source) states our wording, not the vendor's.
  let illustrativeMismatch = false;
  if (exchange.status !== expected.status) problems.push(`status ${exchange.status} (body ${exchange.text.slice(0, 200)})`);
  else {
    const response = ctx.model.response(op, expected.status);
    if (!response) problems.push(`status ${expected.status} is not documented for ${op.id}`);
    else problems.push(...ctx.validator.headerProblems(response, exchange));
    if (expected.example) {
      const example = exampleOf(ctx.model, op, expected.status, expected.example);
      if (!example) problems.push(`example ${expected.example} is not documented for ${op.id} ${expected.status}`);
      else {
        const echo = { keys: ctx.profile.echoKeys ?? [], ...(expected.sent !== undefined ? { sent: expected.sent } : {}) };
        const mismatch = matchBody(ctx.profile.errorBodyMatch, exchange.json, example.value, echo);
        if (mismatch) {
          problems.push(mismatch);
          if (!example.documented) illustrativeMismatch = true;
        }
      }
    } else if (response) {
      const media = response.content.find((m) => /json/.test(m.mediaType));
      if (media?.schemaPointer) {
        const errors = exchange.json === undefined ? ['body is not JSON'] : ctx.validator.validate(media.schemaPointer, exchange.json);
        problems.push(...errors.map((e) => `body ${e}`));
      }
    }
  }
  if (problems.length === 0) return { status: 'passed' };
  const onlyIllustration = illustrativeMismatch && problems.length === 1;
  const assumption =
    responseAssumption(ctx.model, op, expected.status) ??
    (onlyIllustration ? `the body of example ${expected.example} is an illustration of ours; the vendor does not document its wording` : undefined);
  return { status: 'failed', expected: describe(ctx, op, expected), actual: problems.join('; '), ...(assumption ? { assumption } : {}) };
}

export function describe(ctx: RunContext, op: Operation, expected: ExpectedResponse): string {
  const response = ctx.model.response(op, expected.status);
  const headers = response?.headers.filter((h) => h.required).map((h) => h.name) ?? [];
  const example = expected.example ? exampleOf(ctx.model, op, expected.status, expected.example) : undefined;
  return [
    `status ${expected.status}`,
    example ? `body ${JSON.stringify(example.value)}` : 'body valid against the schema',
    headers.length ? `headers ${headers.join(', ')} as documented` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

export function expectSuccess(exchange: Exchange, what = 'a 2xx answer'): Outcome {
  if (exchange.status >= 200 && exchange.status < 300) return { status: 'passed' };
  return { status: 'failed', expected: what, actual: `status ${exchange.status}: ${exchange.text.slice(0, 300)}` };
}

/** The documented answer to an invalid value: the parameter's x-invalid-response, else the op's 400/422 (schema only). */
export function invalidExpectation(model: ApiModel, op: Operation, invalid: Parameter['invalidResponse']): InvalidValueExpectation | undefined {
  if (invalid) {
    const example = exampleOf(model, op, invalid.status, invalid.example);
    return { status: invalid.status, example: invalid.example, firstExampleOfStatus: example?.first ?? false };
  }
  const fallback = op.responses.find((r) => r.status === '400' || r.status === '422');
  return fallback ? { status: Number(fallback.status), firstExampleOfStatus: false } : undefined;
}

/**
 * The answer to a well-formed value that names no record (e.g. an unknown UUID): the operation's 404 with
 * its only example (schema-checked when it has several or none), where the parameter's invalid answer
 * is another status (e.g. a 400 for a malformed id); else the same as an invalid value.
 */
export function notFoundExpectation(model: ApiModel, op: Operation, param: Parameter): InvalidValueExpectation | undefined {
  const invalid = invalidExpectation(model, op, param.invalidResponse);
  const notFound = op.responses.find((r) => r.status === '404');
  if (!notFound || invalid?.status === 404) return invalid;
  const examples = notFound.content.find((c) => /json/.test(c.mediaType))?.examples ?? [];
  return { status: 404, ...(examples.length === 1 ? { example: examples[0]!.name } : {}), firstExampleOfStatus: examples.length === 1 };
}

/**
 * The invalid answer for a request-body field: its own x-invalid-response, else the one of a
 * parameter sharing the field's schema (e.g. an enum used both as a filter and in the body) when
 * the operation documents that example, else the op's 400/422 with a schema check only.
 */
export function bodyFieldInvalidExpectation(model: ApiModel, op: Operation, rawField: JsonObject): InvalidValueExpectation | undefined {
  const own = rawField['x-invalid-response'] as JsonObject | undefined;
  if (own) return invalidExpectation(model, op, { status: Number(own.status), example: String(own.example) });
  const ref = typeof rawField.$ref === 'string' ? rawField.$ref : undefined;
  if (ref) {
    for (const other of model.operations) {
      for (const p of other.parameters) {
        if (p.schemaRef === ref && p.invalidResponse && exampleOf(model, op, p.invalidResponse.status, p.invalidResponse.example)) {
          return invalidExpectation(model, op, p.invalidResponse);
        }
      }
    }
  }
  return invalidExpectation(model, op, undefined);
}

/** The value at a dotted path (`pagination.next_cursor`) of a JSON body. */
export function fieldAt(body: Json | undefined, path: string): Json | undefined {
  let node: Json | undefined = body;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = (node as JsonObject)[key];
  }
  return node;
}

export function itemsOf(op: Operation, body: Json | undefined): JsonObject[] {
  const field = op.pagination?.itemsField;
  const items = field ? fieldAt(body, field) : undefined;
  return Array.isArray(items) ? (items as JsonObject[]) : [];
}

export function nextCursorOf(op: Operation, body: Json | undefined): string | null | undefined {
  const field = op.pagination?.nextCursorField;
  const value = field ? fieldAt(body, field) : undefined;
  return typeof value === 'string' ? value : value === null ? null : undefined;
}

/**
 * Whether a later page exists, from what the body reports: the next cursor, else the has-more flag,
 * else the total compared with the records up to this page (`seenBefore` = records on earlier pages).
 */
export function hasMoreOf(op: Operation, body: Json | undefined, seenBefore = 0): boolean | undefined {
  const pagination = op.pagination;
  if (!pagination) return undefined;
  const next = nextCursorOf(op, body);
  if (next !== undefined) return next !== null;
  const flag = pagination.hasMoreField ? fieldAt(body, pagination.hasMoreField) : undefined;
  if (typeof flag === 'boolean') return flag;
  const total = pagination.totalField ? fieldAt(body, pagination.totalField) : undefined;
  if (typeof total === 'number') return total > seenBefore + itemsOf(op, body).length;
  return undefined;
}

/** Runs a check and turns a thrown expectation into a failure (or N/A). */
export function fail(expected: string, actual: string): Outcome {
  return { status: 'failed', expected, actual };
}
