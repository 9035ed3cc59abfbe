// Which generated requests the spec says must be refused. Only definite violations count: a value any
// reasonable server might read either way (`05` or `1e2` for an integer, a repeated parameter, a `+`,
// an unknown Content-Encoding, a malformed Authorization scheme) is left unjudged.
import type { Credential, OperationInfo, SpecIndex } from '@apiforge/sandbox/engine';
import type { SchemaValidator } from '../conformance.js';
import { fieldAssumption } from '../provenance.js';
import type { ApiModel, JsonObject } from '../spec.js';
import type { Capability } from '../types.js';
import { fitsScheme, schemesOf, scopesOf } from './auth.js';
import type { FuzzCase } from './requests.js';

export interface Violation {
  /** What makes the request invalid, e.g. `query parameter limit: must be <= 100 (sent "101")`. */
  reason: string;
  /** Set when the violated rule is an assumption of ours (x-assumption), quoted. */
  assumption?: string;
}

export interface InvalidityContext {
  spec: SpecIndex;
  model: ApiModel;
  validator: SchemaValidator;
  credentials: ReadonlyMap<string, Credential>;
  /** What the target cannot honour (a mock ignores credential values and scopes). */
  lacks: Partial<Record<Capability, string>>;
}

const STRICT_NUMBER = /^-?\d+(\.\d+)?$/;

/** Whether a request target has malformed percent-encoding (`%`, `%zz`, `%ff`) in its path or query. */
export function hasMalformedEscape(target: string): boolean {
  const [pathPart, queryPart = ''] = splitOnce(target, '?');
  return [pathPart, ...queryPart.split(/[&=]/)].some((part) => {
    try {
      decodeURIComponent(part);
      return false;
    } catch {
      return true;
    }
  });
}

function decode(text: string): string | undefined {
  if (text.includes('+')) return undefined; // a space to some servers, a plus to others
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function typesOf(schema: JsonObject): string[] {
  const type = schema['type'];
  if (Array.isArray(type)) return type.map(String);
  if (typeof type === 'string') return [type];
  return [];
}

/** The value a parameter's text stands for under its schema, `undefined` when servers may read it either way. */
function coerce(schema: JsonObject, text: string): { value: unknown } | undefined {
  const types = typesOf(schema);
  if (types.includes('array') || types.includes('object')) return undefined;
  if ((types.includes('integer') || types.includes('number')) && STRICT_NUMBER.test(text)) return { value: Number(text) };
  if (types.includes('boolean') && /^(true|false)$/.test(text)) return { value: text === 'true' };
  if (types.includes('string') || types.length === 0) return { value: text };
  // Only numeric or boolean types: text a lenient parser reads as a number (1e2, 0x10, " 1", "") is unjudged.
  if (text.trim() === '' || Number.isFinite(Number(text))) return undefined;
  return { value: text };
}

/** The assumption behind a parameter's rules: its schema's own mark, else the parameter's (spec/PROVENANCE.md). */
function assumptionOfParameter(spec: SpecIndex, param: OperationInfo['parameters'][number]): string | undefined {
  const schemaMark = (param.schema as Record<string, unknown>)['x-assumption'];
  if (typeof schemaMark === 'string') return schemaMark;
  const pointer = param.schemaPointer.replace(/\/schema$/, '');
  let node: unknown = spec.doc;
  for (const part of pointer.split('/').slice(1)) node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  const mark = (node as Record<string, unknown> | undefined)?.['x-assumption'];
  return typeof mark === 'string' ? mark : undefined;
}

function checkParameter(ctx: InvalidityContext, op: OperationInfo, param: OperationInfo['parameters'][number], text: string): Violation | undefined {
  const coerced = coerce(param.schema as unknown as JsonObject, text);
  if (!coerced) return undefined;
  const errors = ctx.validator.validate(param.schemaPointer, coerced.value);
  if (errors.length === 0) return undefined;
  const shown = text.length > 60 ? `${text.slice(0, 60)}…(${text.length} chars)` : text;
  const assumption = assumptionOfParameter(ctx.spec, param);
  return { reason: `${param.in} parameter ${param.name}: ${errors[0]!.replace('(root) ', '')} (sent ${JSON.stringify(shown)})`, ...(assumption ? { assumption } : {}) };
}

/** The raw path parameter values of a request path, or undefined when the path is not an instance of the template. */
export function pathValues(template: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const pattern = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const param = /^\{([^}]+)\}$/.exec(part);
      if (param) {
        names.push(param[1]!);
        return '([^/]*)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  const match = new RegExp(`^${pattern}$`).exec(path);
  if (!match) return undefined;
  return Object.fromEntries(names.map((n, i) => [n, match[i + 1]!]));
}

function credentialViolation(ctx: InvalidityContext, op: OperationInfo, c: FuzzCase): Violation | undefined {
  if (op.security.length === 0 || op.security.some((requirement) => Object.keys(requirement).length === 0)) return undefined;
  const own = schemesOf(ctx.spec, op);
  const choice = c.credential;
  if (!choice || choice.kind === 'none') return { reason: 'no credential' };
  if (choice.kind === 'malformed') {
    // An odd Authorization header: no credential at all for an operation without an http scheme.
    return own.some((s) => s.type === 'http') ? undefined : { reason: 'no credential in any of the operation\'s schemes (only an Authorization header)' };
  }
  if (!own.some((s) => s.name === choice.scheme)) return { reason: `no credential in the operation's scheme(s) (${own.map((s) => s.name).join(', ')}); one was sent as ${choice.scheme}` };
  const checksValues = !ctx.lacks['credential-values'];
  if (choice.kind === 'garbage') return checksValues ? { reason: `an unknown ${choice.scheme} credential` } : undefined;
  const credential = ctx.credentials.get(choice.token);
  const scheme = ctx.spec.securitySchemes.get(choice.scheme);
  if (!credential || !scheme || !checksValues) return undefined;
  if (credential.revoked) return { reason: `a revoked ${choice.scheme} credential` };
  if (!fitsScheme(choice.token, credential, scheme)) return { reason: `a credential of another kind sent as ${choice.scheme}` };
  const missing = scopesOf(op).filter((s) => !credential.scopes.includes(s));
  if (missing.length > 0 && !ctx.lacks.scopes) return { reason: `a credential without the scope(s) ${missing.join(', ')}` };
  return undefined;
}

function bodyViolation(ctx: InvalidityContext, op: OperationInfo, c: FuzzCase): Violation | undefined {
  const requestBody = op.requestBody;
  if (!requestBody) return undefined;
  const headers = Object.fromEntries(Object.entries(c.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  if (c.body === undefined) return requestBody.required ? { reason: 'no request body (the body is required)' } : undefined;
  const declared = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (c.body.length === 0) {
    // Empty is a valid message in binary formats (an empty protobuf) and zero lines of NDJSON; not of JSON.
    return requestBody.required && declared === 'application/json' && requestBody.content[declared] ? { reason: 'an empty body (the body is required)' } : undefined;
  }
  const encoding = headers['content-encoding'];
  let text: string;
  if (encoding === undefined) text = typeof c.body === 'string' ? c.body : c.body.toString('utf8');
  else if (encoding === 'gzip' && c.plainBody !== undefined) text = c.plainBody;
  else return undefined;
  const mediaType = declared;
  const media = requestBody.content[mediaType];
  if (!media || !/json/.test(mediaType) || text.startsWith('\ufeff')) return undefined;
  const values: unknown[] = [];
  const lines = media.ndjson ? text.split('\n').filter((l) => l.trim() !== '') : [text];
  if (lines.length === 0) return undefined;
  for (const [i, line] of lines.entries()) {
    try {
      values.push(JSON.parse(line));
    } catch {
      return { reason: media.ndjson ? `NDJSON line ${i + 1} is not JSON` : 'the body is not JSON' };
    }
  }
  if (!media.schemaPointer) return undefined;
  for (const [i, value] of values.entries()) {
    const errors = ctx.validator.validateDetailed(media.schemaPointer, value);
    if (errors.length === 0) continue;
    const first = errors[0]!;
    // Status 0: no response's mark applies, only the body field's own (or its schema's).
    const assumption = fieldAssumption(ctx.model, ctx.model.operation(op.id), 0, media.schemaPointer, first.instancePath, first.missingProperty);
    return { reason: `${media.ndjson ? `NDJSON line ${i + 1}` : 'body'} ${first.text}`, ...(assumption ? { assumption } : {}) };
  }
  return undefined;
}

/**
 * Why the spec says this request must be refused (4xx), or undefined when it is valid or open to reading
 * either way. Credentials first (a server checks them before anything else), then parameters, then the body.
 */
export function invalidity(ctx: InvalidityContext, op: OperationInfo, c: FuzzCase): Violation | undefined {
  const credential = credentialViolation(ctx, op, c);
  if (credential) return credential;
  const [pathPart, queryPart = ''] = splitOnce(c.path, '?');
  const query = new Map<string, string[]>();
  let undecodable = false;
  for (const entry of queryPart.split('&').filter((e) => e !== '')) {
    const [rawName, rawValue = ''] = splitOnce(entry, '=');
    const name = decode(rawName);
    if (name === undefined) {
      undecodable = true;
      continue;
    }
    query.set(name, [...(query.get(name) ?? []), rawValue]);
  }
  const pathParams = pathValues(op.path, pathPart);
  const headers = Object.fromEntries(Object.entries(c.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  for (const param of op.parameters) {
    if (param.in === 'query') {
      const values = query.get(param.name);
      if (!values) {
        if (param.required && !undecodable) return { reason: `query parameter ${param.name} is missing (it is required)` };
        continue;
      }
      if (values.length !== 1) continue; // repeated: servers take the first, the last, or refuse
      const text = decode(values[0]!);
      // An empty value (`?status` or `?status=`) is absent to some servers and invalid to others.
      if (text === undefined || text === '') continue;
      const violation = checkParameter(ctx, op, param, text);
      if (violation) return violation;
    } else if (param.in === 'path') {
      const raw = pathParams?.[param.name];
      const text = raw === undefined || raw === '' ? undefined : decode(raw);
      if (text === undefined) continue;
      const violation = checkParameter(ctx, op, param, text);
      if (violation) return violation;
    } else if (param.in === 'header' && !/^content-(encoding|type)$/i.test(param.name)) {
      // Content-Encoding and Content-Type values are case-insensitive tokens with parameters: left unjudged.
      const value = headers[param.name.toLowerCase()];
      if (value === undefined) {
        if (param.required) return { reason: `header ${param.name} is missing (it is required)` };
        continue;
      }
      const violation = checkParameter(ctx, op, param, value);
      if (violation) return violation;
    }
  }
  return bodyViolation(ctx, op, c);
}

/**
 * A generated path whose parameter is empty (`/projects//overview`) or a dot-segment is not a request for the operation at
 * all: the server routes it elsewhere, so only "no 5xx, no success" applies to it.
 */
export function outsideOperation(op: OperationInfo, c: FuzzCase): boolean {
  const values = pathValues(op.path, splitOnce(c.path, '?')[0]);
  // `.` and `..` (also percent-encoded) are dot-segments: URL normalisation routes them elsewhere.
  return values === undefined || Object.values(values).some((v) => v === '' || /^(\.|%2e){1,2}$/i.test(v));
}

function splitOnce(text: string, separator: string): [string, string?] {
  const at = text.indexOf(separator);
  return at < 0 ? [text] : [text.slice(0, at), text.slice(at + 1)];
}
