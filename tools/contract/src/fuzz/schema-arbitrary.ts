import fc from 'fast-check';

type Schema = Record<string, unknown>;

/** Sizes are capped so one fuzz request stays small; the hostile-body tests cover huge inputs. */
const MAX_ITEMS = 4;
const MAX_STRING = 40;
const MAX_DEPTH = 6;

function resolveRef(doc: unknown, schema: Schema): Schema {
  let current = schema;
  for (let hops = 0; hops < 32 && typeof current['$ref'] === 'string'; hops++) {
    const ref = current['$ref'] as string;
    let node: unknown = doc;
    for (const part of ref.replace(/^#\//, '').split('/')) {
      node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    current = (node ?? {}) as Schema;
  }
  return current;
}

function stringFor(schema: Schema): fc.Arbitrary<string> {
  switch (schema['format']) {
    case 'uuid':
      return fc.uuid();
    case 'date-time':
      return fc
        .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'date':
      return fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'uri':
    case 'url':
      return fc.webUrl();
    case 'email':
      return fc.emailAddress();
    default:
      break;
  }
  const minLength = typeof schema['minLength'] === 'number' ? schema['minLength'] : 0;
  const maxLength = Math.max(minLength, Math.min(typeof schema['maxLength'] === 'number' ? schema['maxLength'] : MAX_STRING, MAX_STRING));
  if (typeof schema['pattern'] === 'string') {
    // Only the schema's own bounds: the pattern may need more than MAX_STRING characters (e.g. a 64-hex id).
    const ownMax = typeof schema['maxLength'] === 'number' ? schema['maxLength'] : Infinity;
    try {
      return fc.stringMatching(new RegExp(schema['pattern'])).filter((s) => s.length >= minLength && s.length <= ownMax);
    } catch {
      // A pattern fast-check cannot generate from: plain strings, which the server may refuse (still a valid fuzz case).
    }
  }
  return fc.string({ minLength, maxLength, unit: 'grapheme' });
}

function numberFor(schema: Schema, integer: boolean): fc.Arbitrary<number> {
  const exclusiveMin = typeof schema['exclusiveMinimum'] === 'number' ? schema['exclusiveMinimum'] : undefined;
  const exclusiveMax = typeof schema['exclusiveMaximum'] === 'number' ? schema['exclusiveMaximum'] : undefined;
  let min = typeof schema['minimum'] === 'number' ? schema['minimum'] : exclusiveMin !== undefined ? exclusiveMin + (integer ? 1 : 1e-9) : -1e6;
  let max = typeof schema['maximum'] === 'number' ? schema['maximum'] : exclusiveMax !== undefined ? exclusiveMax - (integer ? 1 : 1e-9) : 1e12;
  if (max < min) [min, max] = [max, min];
  if (integer) return fc.integer({ min: Math.ceil(min), max: Math.min(Math.floor(max), Number.MAX_SAFE_INTEGER) });
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/**
 * A fast-check arbitrary for values valid against a JSON Schema (2020-12 subset used by OpenAPI 3.1 specs:
 * $ref, const, enum, type lists, oneOf/anyOf/allOf, objects, arrays, strings with formats and patterns,
 * numbers with bounds). Generated values are small; `doc` resolves local $refs.
 */
export function arbitraryFromSchema(doc: unknown, input: unknown, depth = 0): fc.Arbitrary<unknown> {
  if (input === true || input === undefined || input === null) return depth > 2 ? fc.constant({}) : fc.jsonValue({ maxDepth: 2 });
  if (input === false) return fc.constant(null);
  const schema = resolveRef(doc, input as Schema);
  if ('const' in schema) return fc.constant(schema['const']);
  if (Array.isArray(schema['enum'])) return fc.constantFrom(...(schema['enum'] as unknown[]));
  const choices = (schema['oneOf'] ?? schema['anyOf']) as unknown[] | undefined;
  if (Array.isArray(choices) && choices.length > 0 && depth < MAX_DEPTH) {
    return fc.oneof(...choices.map((c) => arbitraryFromSchema(doc, { ...withoutKeys(schema, ['oneOf', 'anyOf']), ...resolveRef(doc, c as Schema) }, depth + 1)));
  }
  if (Array.isArray(schema['allOf'])) {
    const merged = (schema['allOf'] as Schema[]).reduce<Schema>((acc, part) => mergeSchemas(acc, resolveRef(doc, part)), withoutKeys(schema, ['allOf']));
    return arbitraryFromSchema(doc, merged, depth + 1);
  }
  const types = Array.isArray(schema['type']) ? (schema['type'] as string[]) : typeof schema['type'] === 'string' ? [schema['type'] as string] : inferTypes(schema);
  return fc.oneof(...types.map((type) => arbitraryOfType(doc, schema, type, depth)));
}

function inferTypes(schema: Schema): string[] {
  if (schema['properties'] || schema['required'] || schema['additionalProperties'] !== undefined) return ['object'];
  if (schema['items']) return ['array'];
  return ['string', 'integer', 'boolean', 'null'];
}

function arbitraryOfType(doc: unknown, schema: Schema, type: string, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringFor(schema);
    case 'integer':
      return numberFor(schema, true);
    case 'number':
      return numberFor(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minItems = typeof schema['minItems'] === 'number' ? schema['minItems'] : 0;
      const maxItems = Math.max(minItems, Math.min(typeof schema['maxItems'] === 'number' ? schema['maxItems'] : MAX_ITEMS, MAX_ITEMS));
      if (depth >= MAX_DEPTH) return fc.constant([]);
      return fc.array(arbitraryFromSchema(doc, schema['items'], depth + 1), { minLength: minItems, maxLength: maxItems });
    }
    case 'object':
    default: {
      const properties = (schema['properties'] ?? {}) as Record<string, unknown>;
      const required = new Set((schema['required'] ?? []) as string[]);
      if (depth >= MAX_DEPTH) return fc.constant({});
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, sub] of Object.entries(properties)) record[name] = arbitraryFromSchema(doc, sub, depth + 1);
      const requiredKeys = Object.keys(record).filter((k) => required.has(k));
      const known = fc.record(record, { requiredKeys });
      const additional = schema['additionalProperties'];
      if (additional === false || additional === undefined || Object.keys(properties).length > 0) return known;
      return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), arbitraryFromSchema(doc, additional, depth + 1), { maxKeys: 3 });
    }
  }
}

function withoutKeys(schema: Schema, keys: string[]): Schema {
  const copy = { ...schema };
  for (const key of keys) delete copy[key];
  return copy;
}

function mergeSchemas(a: Schema, b: Schema): Schema {
  return {
    ...a,
    ...b,
    properties: { ...((a['properties'] ?? {}) as Schema), ...((b['properties'] ?? {}) as Schema) },
    required: [...((a['required'] ?? []) as string[]), ...((b['required'] ?? []) as string[])],
  };
}

/** A value derived from a valid one: a required key dropped, a key set to a wrong-typed value, an unknown key, or a different JSON value. */
export function mutatedValue(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const anyJson = fc.jsonValue({ maxDepth: 3 });
  return fc.oneof(
    fc.tuple(valid, fc.nat()).map(([value, pick]) => {
      if (!isObject(value)) return value;
      const keys = Object.keys(value);
      if (keys.length === 0) return { unexpected: true };
      const copy = { ...value };
      delete copy[keys[pick % keys.length]!];
      return copy;
    }),
    fc.tuple(valid, fc.nat(), anyJson).map(([value, pick, replacement]) => replaceDeep(value, pick, replacement)),
    fc.tuple(valid, fc.string({ minLength: 1, maxLength: 10 }), anyJson).map(([value, key, extra]) =>
      isObject(value) ? { ...value, [key]: extra } : [value, extra],
    ),
    anyJson,
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Replaces the pick-th node (pre-order) of a JSON value. */
function replaceDeep(value: unknown, pick: number, replacement: unknown): unknown {
  let counter = 0;
  const nodes = countNodes(value);
  const target = pick % Math.max(1, nodes);
  const walk = (node: unknown): unknown => {
    if (counter++ === target) return replacement;
    if (Array.isArray(node)) return node.map(walk);
    if (isObject(node)) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    return node;
  };
  return walk(value);
}

function countNodes(value: unknown): number {
  if (Array.isArray(value)) return 1 + value.reduce<number>((n, v) => n + countNodes(v), 0);
  if (isObject(value)) return 1 + Object.values(value).reduce<number>((n, v) => n + countNodes(v), 0);
  return 1;
}
