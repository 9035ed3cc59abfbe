import type { ValidateFunction } from 'ajv';
import type { Failure } from './api.js';
import { describeIssues, type SchemaResolver, type ValidationIssue } from './issues.js';
import { getByPointer, resolveSchema, type JsonObject, type OpenApiDocument } from './openapi.js';
import type { MediaInfo } from './spec.js';
import { describeErrors, type SchemaRegistry } from './schemas.js';

/**
 * How a request body of one media type is decoded and checked:
 * - `json`: one JSON value validated against the schema;
 * - `ndjson` (`x-ndjson`): one JSON value per non-blank line, each validated against the line schema,
 *   at most `maxItems` lines; the handler receives the array of lines;
 * - `binary` (a string schema with `contentMediaType` or `format: binary`, e.g. protobuf): the raw bytes.
 */
export interface BodyFormat {
  kind: 'json' | 'ndjson' | 'binary';
  validate?: ValidateFunction;
  maxItems?: number;
  /** Follows `$ref`s of the document the schema lives in (for the Zod-style issues of an invalid body). */
  resolve?: SchemaResolver;
}

export function bodyFormatOf(doc: OpenApiDocument, media: MediaInfo, schemas: SchemaRegistry): BodyFormat {
  const validate = media.schemaPointer ? schemas.validatorAt(media.schemaPointer) : undefined;
  const resolve: SchemaResolver = (schema) => (schema === undefined ? undefined : resolveSchema(doc, schema));
  if (media.ndjson) {
    return {
      kind: 'ndjson',
      ...(validate ? { validate, resolve } : {}),
      ...(media.ndjson.maxItems !== undefined ? { maxItems: media.ndjson.maxItems } : {}),
    };
  }
  let schema = (media.schemaPointer ? getByPointer(doc, media.schemaPointer) : undefined) as JsonObject | undefined;
  for (let hops = 0; schema && typeof schema['$ref'] === 'string' && hops < 16; hops++) {
    schema = getByPointer(doc, (schema['$ref'] as string).replace(/^#/, '')) as JsonObject | undefined;
  }
  if (schema && schema['type'] === 'string' && (schema['contentMediaType'] !== undefined || schema['format'] === 'binary')) {
    return { kind: 'binary' };
  }
  return { kind: 'json', ...(validate ? { validate, resolve } : {}) };
}

const NO_RESOLVER: SchemaResolver = () => undefined;

/**
 * At most this many problems are listed in an invalid body's answer (the first ones found): a body of a
 * million invalid items is refused with 100 issues, not a million.
 */
export const MAX_LISTED_ISSUES = 100;

/** The failure of a value that did not validate: problems as `{path, message}` details and as Zod-style issues. */
function invalidBody(format: BodyFormat, value: unknown, index?: number): Failure {
  const errors = format.validate?.errors?.slice(0, MAX_LISTED_ISSUES);
  const issues = describeIssues(errors, value, format.resolve ?? NO_RESOLVER);
  if (index === undefined) return { kind: 'invalid-body', details: describeErrors(errors), issues };
  return {
    kind: 'invalid-body',
    details: describeErrors(errors).map((d) => ({ ...d, path: `/${index}${d.path}` })),
    issues: issues.map((issue) => ({ ...issue, path: [index, ...issue.path] })),
  };
}

const NO_LINES: ValidationIssue = {
  code: 'too_small',
  minimum: 1,
  type: 'array',
  inclusive: true,
  exact: false,
  path: [],
  message: 'Array must contain at least 1 element(s)',
};

export type DecodedBody = { ok: true; value: unknown } | { ok: false; failure: Failure };

/** JSON text must be UTF-8 (RFC 8259): invalid bytes refuse the body instead of turning into U+FFFD. BOM kept, as before. */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes and validates a body already read (and inflated) by `readBody`. */
export function decodeBody(bytes: Buffer, format: BodyFormat, options: { ignoreMaxItems?: boolean } = {}): DecodedBody {
  if (format.kind === 'binary') return { ok: true, value: bytes };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, failure: { kind: 'invalid-json' } };
  }
  if (format.kind === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { ok: false, failure: { kind: 'invalid-json' } };
    }
    if (format.validate && !format.validate(value)) return { ok: false, failure: invalidBody(format, value) };
    return { ok: true, value };
  }
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  // The cap is checked before parsing: an oversized batch is refused without decoding its lines.
  if (format.maxItems !== undefined && lines.length > format.maxItems && !options.ignoreMaxItems) {
    return { ok: false, failure: { kind: 'too-many-items', limit: format.maxItems, count: lines.length } };
  }
  if (lines.length === 0) {
    return { ok: false, failure: { kind: 'invalid-body', details: [{ path: '', message: 'has no lines' }], issues: [NO_LINES] } };
  }
  const values: unknown[] = [];
  for (const [index, line] of lines.entries()) {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return { ok: false, failure: { kind: 'invalid-json' } };
    }
    if (format.validate && !format.validate(value)) return { ok: false, failure: invalidBody(format, value, index) };
    values.push(value);
  }
  return { ok: true, value: values };
}
