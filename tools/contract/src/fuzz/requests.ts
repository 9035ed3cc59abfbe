import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { Credential, OperationInfo, SpecIndex } from '@apiforge/sandbox/engine';
import { fitsScheme, placeToken, schemesOf } from './auth.js';
import { arbitraryFromSchema, mutatedValue } from './schema-arbitrary.js';
import { headerText, hostileWireValue, percentEncode, toWire, validWireValue, type WireValue } from './values.js';

type ParameterInfo = OperationInfo['parameters'][number];

/** What the generators need of an API: its indexed spec and the credentials they may place (token → what it is). */
export interface FuzzApi {
  name: string;
  spec: SpecIndex;
  credentials: ReadonlyMap<string, Credential>;
}

/** Real values known for parameters (ids found through list operations, tenant ids), by parameter name. */
export interface ValueSource {
  candidates(param: string): { value: string }[];
}

/** How a case carries its credential, so a check can tell a usable one from a refused one. */
export type CredentialChoice =
  /** `token` placed the way `scheme` says (the operation's own scheme, or another scheme of the API). */
  | { kind: 'placed'; token: string; scheme: string }
  /** A made-up value placed the way `scheme` says (a token with a suffix, a truncated token, random text). */
  | { kind: 'garbage'; scheme: string }
  /** An Authorization header of another or a malformed scheme (`Basic ...`, `Bearer` with no space...). */
  | { kind: 'malformed' }
  | { kind: 'none' };

export interface FuzzCase {
  method: string;
  /** Path with query string. */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** What the case aims at, for the failure report. */
  target: string;
  /** The operation whose parameters, body and credentials the case was generated from. */
  operationId?: string;
  credential?: CredentialChoice;
  /** The body before compression, when the body is sent gzip-compressed. */
  plainBody?: string;
}

export interface FuzzGenerationOptions {
  /** Requests with a method the path does not document (default true). */
  wrongMethods?: boolean;
  /** Requests to paths the spec does not have (default true). */
  unknownPaths?: boolean;
  /** gzip-compressed bodies and odd Content-Encoding values (default true). */
  compressedBodies?: boolean;
  /** Bodies that are not JSON at all, or with an odd media type (default true). */
  malformedBodies?: boolean;
  /** Malformed percent-encoding (`%`, `%zz`) in paths and query values (default true). */
  malformedEscapes?: boolean;
  /** Only these operations (default: every operation of the spec). */
  operations?: (op: OperationInfo) => boolean;
}

// Only methods Node's HTTP parser knows: an unknown token (e.g. FOO) is refused by the parser itself (400, no body), before any API code.
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'PROPFIND', 'PURGE', 'TRACE'];

function pathValue(pool: ValueSource, param: ParameterInfo, doc: unknown, options: FuzzGenerationOptions): fc.Arbitrary<WireValue> {
  const known = pool.candidates(param.name).map((c) => ({ text: c.value }));
  return fc.oneof(
    { weight: 5, arbitrary: known.length > 0 ? fc.constantFrom(...known) : validWireValue(doc, param.schema) },
    { weight: 2, arbitrary: validWireValue(doc, param.schema) },
    { weight: 2, arbitrary: hostileWireValue(param.schema, options) },
  );
}

function queryEntries(op: OperationInfo, pool: ValueSource, doc: unknown, options: FuzzGenerationOptions): fc.Arbitrary<string[]> {
  const perParam = op.parameters
    .filter((p) => p.in === 'query')
    .map((param) => {
      const known = pool.candidates(param.name).map((c) => ({ text: c.value }));
      const value = fc.oneof(
        { weight: 4, arbitrary: validWireValue(doc, param.schema) },
        ...(known.length > 0 ? [{ weight: 2, arbitrary: fc.constantFrom(...known) }] : []),
        { weight: 3, arbitrary: hostileWireValue(param.schema, options) },
      );
      const name = percentEncode(param.name);
      return fc.oneof(
        { weight: param.required ? 1 : 3, arbitrary: fc.constant<string[]>([]) },
        { weight: 6, arbitrary: value.map((v) => [`${name}=${toWire(v)}`]) },
        // Repeated parameter, and the name without a value.
        { weight: 1, arbitrary: fc.tuple(value, value).map(([a, b]) => [`${name}=${toWire(a)}`, `${name}=${toWire(b)}`]) },
        { weight: 1, arbitrary: fc.constant([name]) },
      );
    });
  const extra = fc.oneof(
    { weight: 5, arbitrary: fc.constant<string[]>([]) },
    { weight: 1, arbitrary: fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 12 })).map(([k, v]) => [`${percentEncode(k)}=${percentEncode(v)}`]) },
  );
  return fc.tuple(fc.tuple(...perParam), extra).map(([params, more]) => [...params.flat(), ...more]);
}

interface AuthChoice {
  headers: Record<string, string>;
  query: string[];
  credential: CredentialChoice;
}

/** Credentials placed every way a client could place them, plus garbage, plus none. */
function authArbitrary(api: FuzzApi, op: OperationInfo): fc.Arbitrary<AuthChoice> {
  const schemes = schemesOf(api.spec, op);
  const allSchemes = [...api.spec.securitySchemes.values()];
  const tokens = [...api.credentials.keys()];
  const none = fc.constant<AuthChoice>({ headers: {}, query: [] as string[], credential: { kind: 'none' } });
  if (tokens.length === 0 || allSchemes.length === 0) return none;
  const place = (scheme: (typeof allSchemes)[number], token: string, credential: CredentialChoice): AuthChoice => {
    const placed = placeToken(scheme, token);
    return { headers: placed.headers, query: Object.entries(placed.query).map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`), credential };
  };
  const placeKnown = (scheme: (typeof allSchemes)[number], token: string) => place(scheme, token, { kind: 'placed', token, scheme: scheme.name });
  const ownSchemes = schemes.length > 0 ? schemes : allSchemes;
  const garbageToken = fc.oneof(
    headerText(64),
    fc.constantFrom(...tokens).chain((t) => headerText(8).map((s) => t + s)),
    fc.constantFrom(...tokens).map((t) => t.slice(0, -1)),
    fc.integer({ min: 1, max: 6_000 }).map((n) => 'x'.repeat(n)),
  );
  const fitting = ownSchemes.flatMap((scheme) =>
    [...api.credentials].filter(([token, c]) => !c.revoked && fitsScheme(token, c, scheme)).map(([token]) => placeKnown(scheme, token)),
  );
  return fc.oneof(
    ...(fitting.length > 0 ? [{ weight: 10, arbitrary: fc.constantFrom(...fitting) }] : []),
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...ownSchemes), fc.constantFrom(...tokens)).map(([s, t]) => placeKnown(s, t)) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...allSchemes), fc.constantFrom(...tokens)).map(([s, t]) => placeKnown(s, t)) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...ownSchemes), garbageToken).map(([s, t]) =>
        // A garbage value that happens to equal a real token (e.g. "x" repeated) is that token.
        api.credentials.has(t) ? placeKnown(s, t) : place(s, t, { kind: 'garbage', scheme: s.name }),
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('Bearer', 'Bearer ', 'bearer ', 'Basic dXNlcjpwYXNz', 'Token ', 'Bearer  '), fc.constantFrom('', ...tokens))
        .map(([scheme, token]): AuthChoice => ({ headers: { authorization: scheme + token }, query: [], credential: { kind: 'malformed' } })),
    },
    { weight: 1, arbitrary: none },
  );
}

interface BodyChoice {
  headers: Record<string, string>;
  body: Buffer | undefined;
  plainBody?: string;
}

function bodyArbitrary(op: OperationInfo, doc: unknown, options: FuzzGenerationOptions): fc.Arbitrary<BodyChoice> {
  const content = op.requestBody?.content ?? {};
  const mediaTypes = Object.keys(content);
  const anyJson = fc.jsonValue({ maxDepth: 3 });
  const perMedia = mediaTypes.map((type) => {
    const media = content[type]!;
    const schema = media.schemaPointer ? pointerValue(doc, media.schemaPointer) : true;
    const valid = arbitraryFromSchema(doc, schema);
    const value = fc.oneof({ weight: 3, arbitrary: valid }, { weight: 2, arbitrary: mutatedValue(valid) });
    const text = media.ndjson
      ? fc.array(value, { minLength: 0, maxLength: 5 }).map((lines) => lines.map((l) => JSON.stringify(l)).join('\n'))
      : value.map((v) => JSON.stringify(v) ?? 'null');
    return fc.tuple(fc.constant(type), text);
  });
  const garbageText = fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('', '{', '[1,', '{"a":}', 'null', '\ufeff{}', '{"a":1}{"a":2}'));
  const payload = fc.oneof(
    ...(perMedia.length > 0 ? [{ weight: 6, arbitrary: fc.oneof(...perMedia) }] : []),
    ...(options.malformedBodies !== false
      ? [{ weight: 1, arbitrary: fc.tuple(fc.constantFrom(...mediaTypes, 'application/xml', 'text/html', 'multipart/form-data', ''), garbageText) }]
      : []),
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...mediaTypes, 'application/json'), anyJson.map((v) => JSON.stringify(v))) },
  );
  const encoding =
    options.compressedBodies === false
      ? fc.constant('identity-absent')
      : fc.oneof(
          { weight: 6, arbitrary: fc.constant('identity-absent') },
          { weight: 3, arbitrary: fc.constant('gzip') },
          { weight: 1, arbitrary: fc.constantFrom('GZIP', 'gzip-but-plain', 'br', 'deflate', 'compress', 'identity', 'gzip, gzip', 'x-gzip', 'bogus') },
        );
  return fc.tuple(payload, encoding).map(([[type, text], enc]) => {
    const headers: Record<string, string> = type ? { 'content-type': type } : {};
    let body = Buffer.from(text, 'utf8');
    const compressed = enc === 'gzip' || enc === 'GZIP';
    if (compressed) body = gzipSync(body);
    if (enc === 'gzip-but-plain') headers['content-encoding'] = 'gzip';
    else if (enc !== 'identity-absent') headers['content-encoding'] = enc;
    return { headers, body, ...(compressed ? { plainBody: text } : {}) };
  });
}

function pointerValue(doc: unknown, pointer: string): unknown {
  let node: unknown = doc;
  for (const part of pointer.replace(/^#?\//, '').split('/')) {
    node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

function operationCase(api: FuzzApi, op: OperationInfo, pool: ValueSource, options: FuzzGenerationOptions): fc.Arbitrary<FuzzCase> {
  const doc = api.spec.doc;
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const headerParams = op.parameters.filter((p) => p.in === 'header' && p.name.toLowerCase() !== 'content-encoding');
  const path = fc.tuple(...pathParams.map((p) => pathValue(pool, p, doc, options))).map((values) =>
    pathParams.reduce((acc, p, i) => acc.replace(`{${p.name}}`, toWire(values[i]!)), op.path),
  );
  const headerValues = fc.tuple(
    ...headerParams.map((p) =>
      fc.option(fc.oneof(validWireValue(doc, p.schema).map((v) => v.text), headerText(40)), { nil: undefined }).map((v) => [p.name.toLowerCase(), v] as const),
    ),
  );
  const body: fc.Arbitrary<BodyChoice> = op.requestBody
    ? fc.oneof({ weight: 12, arbitrary: bodyArbitrary(op, doc, options) }, { weight: 1, arbitrary: fc.constant({ headers: {}, body: undefined }) })
    : fc.oneof({ weight: 12, arbitrary: fc.constant({ headers: {}, body: undefined }) }, { weight: 1, arbitrary: fc.constant({ headers: { 'content-type': 'application/json' }, body: Buffer.from('{"unexpected":true}') }) });
  return fc.tuple(path, queryEntries(op, pool, doc, options), authArbitrary(api, op), headerValues, body).map(([p, query, auth, headers, b]) => {
    const all = fitHead(p, [...query, ...auth.query], { ...auth.headers });
    const extraHeaders = Object.fromEntries(headers.filter((h): h is readonly [string, string] => typeof h[1] === 'string' && /^[\t\x20-\x7e\xa0-\xff]*$/.test(h[1])));
    return {
      target: op.id,
      operationId: op.id,
      method: op.method.toUpperCase(),
      path: all.length > 0 ? `${p}?${all.join('&')}` : p,
      headers: { ...extraHeaders, ...b.headers, ...auth.headers },
      ...(b.body !== undefined ? { body: b.body } : {}),
      ...(b.plainBody !== undefined ? { plainBody: b.plainBody } : {}),
      credential: auth.credential,
    };
  });
}

/** Node's HTTP parser answers a request head over 16 KiB itself (a bare 431, before any API code). */
const MAX_HEAD_BYTES = 14_000;

/** Drops the longest query entries until path, query and headers fit in the request head. */
function fitHead(path: string, query: string[], headers: Record<string, string>): string[] {
  const fixed = path.length + Object.entries(headers).reduce((n, [k, v]) => n + k.length + v.length + 4, 0);
  const kept = [...query];
  let size = fixed + kept.reduce((n, q) => n + q.length + 1, 0);
  while (size > MAX_HEAD_BYTES && kept.length > 0) {
    const longest = kept.reduce((best, q, i) => (q.length > kept[best]!.length ? i : best), 0);
    size -= kept[longest]!.length + 1;
    kept.splice(longest, 1);
  }
  return kept;
}

function wrongMethodCase(api: FuzzApi, pool: ValueSource, options: FuzzGenerationOptions): fc.Arbitrary<FuzzCase> {
  const ops = api.spec.operations;
  return fc.tuple(fc.constantFrom(...ops), fc.constantFrom(...METHODS)).chain(([op, method]) =>
    operationCase(api, op, pool, options).map(({ operationId: _generatedFrom, ...c }) => ({ ...c, target: `${method} on ${op.path}`, method })),
  );
}

function unknownPathCase(api: FuzzApi): fc.Arbitrary<FuzzCase> {
  const words = [...new Set(api.spec.operations.flatMap((op) => op.path.split('/').filter((s) => s && !s.startsWith('{'))))];
  const segment = fc.oneof(fc.constantFrom(...words, '..', '.', '%2e%2e', '%2F', '', 'v2', 'admin'), fc.stringMatching(/^[A-Za-z0-9_~-]{1,12}$/));
  const knownWithTwist = fc.constantFrom(...api.spec.operations.map((op) => op.path)).chain((path) =>
    fc.constantFrom(`${path}/`, `/${path}`, path.toUpperCase(), `${path}/extra`, path.replace(/\//g, '//'), path.replace(/\{[^}]+\}/g, '')),
  );
  const path = fc.oneof(fc.array(segment, { minLength: 0, maxLength: 5 }).map((s) => `/${s.join('/')}`), knownWithTwist);
  const tokens = [...api.credentials.keys()];
  return fc.tuple(path, fc.constantFrom(...METHODS), fc.option(fc.constantFrom(...tokens), { nil: undefined })).map(([p, method, token]) => ({
    target: 'unknown path',
    method,
    // Control routes are sandbox plumbing, not API surface.
    path: p.startsWith('/_sandbox') ? `/x${p}` : p,
    headers: token ? { authorization: `Bearer ${token}` } : ({} as Record<string, string>),
  }));
}

/** Requests aimed at every operation of the spec (most), at the wrong method, and at unknown paths. */
export function fuzzCaseArbitrary(api: FuzzApi, pool: ValueSource, options: FuzzGenerationOptions = {}): fc.Arbitrary<FuzzCase> {
  const operations = api.spec.operations.filter(options.operations ?? (() => true));
  if (operations.length === 0) throw new Error(`No operation of ${api.name} is left to fuzz`);
  return fc.oneof(
    { weight: 16, arbitrary: fc.oneof(...operations.map((op) => operationCase(api, op, pool, options))) },
    ...(options.wrongMethods !== false ? [{ weight: 2, arbitrary: wrongMethodCase(api, pool, options) }] : []),
    ...(options.unknownPaths !== false ? [{ weight: 2, arbitrary: unknownPathCase(api) }] : []),
  );
}
