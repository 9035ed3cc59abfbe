import type { ErrorObject } from 'ajv';
import type { JsonObject } from './openapi.js';

/**
 * One validation problem in the issue format of the Zod library (v3): a `code`, the `path` to the
 * offending value as object keys and array indexes, a `message`, and the fields that belong to the code
 * (`expected`/`received` for `invalid_type`, `minimum`/`type`/`inclusive`/`exact` for `too_small`, ...).
 * APIs whose services validate with Zod document their 400 details in this form.
 */
export interface ValidationIssue {
  code: string;
  path: (string | number)[];
  message: string;
  [field: string]: unknown;
}

/** Follows a schema's local `$ref`s; the engine passes one bound to the bundled document. */
export type SchemaResolver = (schema: unknown) => JsonObject | undefined;

/** The type names Zod reports in `received` (its "parsed type" of a JSON value). */
function parsedType(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isNaN(value) ? 'nan' : 'number';
  return typeof value;
}

function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** A JSON pointer into `root` as a Zod path: array indexes become numbers, object keys stay strings. */
function pathOf(pointer: string, root: unknown): (string | number)[] {
  if (pointer === '') return [];
  const path: (string | number)[] = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = unescapeSegment(raw);
    if (Array.isArray(node) && /^(?:0|[1-9]\d*)$/.test(segment)) {
      path.push(Number(segment));
      node = node[Number(segment)];
    } else {
      path.push(segment);
      node = node !== null && typeof node === 'object' ? (node as JsonObject)[segment] : undefined;
    }
  }
  return path;
}

const quoted = (values: readonly unknown[]): string => values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(' | ');

/** What Zod names as `expected` for a schema: its (non-null) type, integers as number, enums as their values. */
function expectedOf(schema: JsonObject | undefined): string {
  if (!schema) return 'unknown';
  if (Array.isArray(schema['enum'])) return quoted(schema['enum'] as unknown[]);
  const type = schema['type'];
  const primary = Array.isArray(type) ? (type as unknown[]).find((t) => t !== 'null') : type;
  if (typeof primary !== 'string') return 'unknown';
  return primary === 'integer' ? 'number' : primary;
}

const ZOD_STRING_VALIDATIONS: Record<string, string> = { 'date-time': 'datetime', uri: 'url' };

function sizeIssue(keyword: string, limit: number): { code: string; message: string; [field: string]: unknown } {
  switch (keyword) {
    case 'minItems':
      return { code: 'too_small', minimum: limit, type: 'array', inclusive: true, exact: false, message: `Array must contain at least ${limit} element(s)` };
    case 'maxItems':
      return { code: 'too_big', maximum: limit, type: 'array', inclusive: true, exact: false, message: `Array must contain at most ${limit} element(s)` };
    case 'minLength':
      return { code: 'too_small', minimum: limit, type: 'string', inclusive: true, exact: false, message: `String must contain at least ${limit} character(s)` };
    case 'maxLength':
      return { code: 'too_big', maximum: limit, type: 'string', inclusive: true, exact: false, message: `String must contain at most ${limit} character(s)` };
    case 'minimum':
      return { code: 'too_small', minimum: limit, type: 'number', inclusive: true, exact: false, message: `Number must be greater than or equal to ${limit}` };
    case 'exclusiveMinimum':
      return { code: 'too_small', minimum: limit, type: 'number', inclusive: false, exact: false, message: `Number must be greater than ${limit}` };
    case 'maximum':
      return { code: 'too_big', maximum: limit, type: 'number', inclusive: true, exact: false, message: `Number must be less than or equal to ${limit}` };
    default: // exclusiveMaximum
      return { code: 'too_big', maximum: limit, type: 'number', inclusive: false, exact: false, message: `Number must be less than ${limit}` };
  }
}

const SIZE_KEYWORDS = new Set(['minItems', 'maxItems', 'minLength', 'maxLength', 'minimum', 'exclusiveMinimum', 'maximum', 'exclusiveMaximum']);

/** One Ajv error (compiled with `verbose`, so `data` and `parentSchema` are set) as a Zod issue. */
function issueOf(error: ErrorObject, root: unknown, resolve: SchemaResolver): ValidationIssue {
  const params = error.params as Record<string, unknown>;
  const path = pathOf(error.instancePath, root);
  const data: unknown = error.data;
  switch (error.keyword) {
    case 'required': {
      const name = String(params['missingProperty']);
      const properties = (error.parentSchema as JsonObject | undefined)?.['properties'] as JsonObject | undefined;
      const property = resolve(properties?.[name]);
      if (property && property['const'] !== undefined) {
        const expected = property['const'];
        return { code: 'invalid_literal', expected, path: [...path, name], message: `Invalid literal value, expected ${JSON.stringify(expected)}` };
      }
      return { code: 'invalid_type', expected: expectedOf(property), received: 'undefined', path: [...path, name], message: 'Required' };
    }
    case 'type': {
      const types = (Array.isArray(error.schema) ? error.schema : [error.schema]) as string[];
      const primary = types.find((t) => t !== 'null') ?? 'null';
      if (primary === 'integer' && typeof data === 'number') {
        return { code: 'invalid_type', expected: 'integer', received: 'float', path, message: 'Expected integer, received float' };
      }
      // A Zod enum names its values as the expected type.
      const expected = primary === 'integer' ? 'number' : primary === 'string' ? expectedOf(error.parentSchema as JsonObject | undefined) : primary;
      const received = parsedType(data);
      return { code: 'invalid_type', expected, received, path, message: `Expected ${expected}, received ${received}` };
    }
    case 'enum': {
      const options = params['allowedValues'] as unknown[];
      if (options.every((o) => typeof o === 'string') && typeof data !== 'string') {
        const expected = quoted(options);
        const received = parsedType(data);
        return { code: 'invalid_type', expected, received, path, message: `Expected ${expected}, received ${received}` };
      }
      return { code: 'invalid_enum_value', options, received: data, path, message: `Invalid enum value. Expected ${quoted(options)}, received ${quoted([data])}` };
    }
    case 'const': {
      const expected = params['allowedValue'];
      return { code: 'invalid_literal', expected, received: data, path, message: `Invalid literal value, expected ${JSON.stringify(expected)}` };
    }
    case 'format': {
      const format = String(params['format']);
      const validation = ZOD_STRING_VALIDATIONS[format] ?? format;
      return { code: 'invalid_string', validation, path, message: `Invalid ${validation}` };
    }
    case 'pattern':
      return { code: 'invalid_string', validation: 'regex', path, message: 'Invalid' };
    case 'multipleOf': {
      const multipleOf = params['multipleOf'];
      return { code: 'not_multiple_of', multipleOf, path, message: `Number must be a multiple of ${String(multipleOf)}` };
    }
    case 'anyOf':
    case 'oneOf':
      return { code: 'invalid_union', path, message: 'Invalid input' };
    default:
      if (SIZE_KEYWORDS.has(error.keyword)) {
        const { message, ...fields } = sizeIssue(error.keyword, Number(params['limit']));
        return { ...fields, code: fields.code, path, message };
      }
      return { code: 'custom', path, message: error.message ?? 'Invalid input' };
  }
}

/**
 * Ajv errors of one validated value as Zod issues, one per problem: a value of the wrong type is one
 * `invalid_type` (not also an enum or format failure), unexpected keys of one object are one
 * `unrecognized_keys`, and a failed union is one `invalid_union` without the errors of its branches.
 */
export function describeIssues(errors: readonly ErrorObject[] | null | undefined, root: unknown, resolve: SchemaResolver): ValidationIssue[] {
  const unions = (errors ?? []).filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => `${e.schemaPath}/`);
  const all = (errors ?? []).filter((error) => !unions.some((prefix) => error.schemaPath.startsWith(prefix)));
  const mistyped = new Set(all.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  const unrecognized = new Map<string, ValidationIssue>();
  for (const error of all) {
    if (mistyped.has(error.instancePath) && error.keyword !== 'type' && error.keyword !== 'required') continue;
    if (error.keyword === 'additionalProperties') {
      const key = String((error.params as Record<string, unknown>)['additionalProperty']);
      const existing = unrecognized.get(error.instancePath);
      if (existing) {
        (existing['keys'] as string[]).push(key);
        existing.message = `Unrecognized key(s) in object: ${quoted(existing['keys'] as string[]).replace(/ \| /g, ', ')}`;
        continue;
      }
      const issue: ValidationIssue = { code: 'unrecognized_keys', keys: [key], path: pathOf(error.instancePath, root), message: `Unrecognized key(s) in object: '${key}'` };
      unrecognized.set(error.instancePath, issue);
      issues.push(issue);
      continue;
    }
    const issue = issueOf(error, root, resolve);
    const key = JSON.stringify(issue);
    if (!seen.has(key)) {
      seen.add(key);
      issues.push(issue);
    }
  }
  return issues;
}
