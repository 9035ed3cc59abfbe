import { asArray, isObject, type JsonObject, SpecDocument } from './resolve.js';

const LOWER_BOUNDS = new Set(['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties']);
const UPPER_BOUNDS = new Set(['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties']);

/** The JSON types a schema admits, or undefined when it admits any type. OpenAPI 3.0 `nullable` counts as "null". */
export function typeSet(schema: JsonObject): Set<string> | undefined {
  const raw = schema.type;
  const types = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw.filter((t): t is string => typeof t === 'string') : undefined;
  if (!types) return undefined;
  const set = new Set(types);
  if (schema.nullable === true) set.add('null');
  return set;
}

function intersectTypes(a: unknown, b: unknown): unknown {
  const left = typeSet({ type: a });
  const right = typeSet({ type: b });
  if (!left) return b;
  if (!right) return a;
  const both = [...left].filter((t) => right.has(t) || (t === 'integer' && right.has('number')));
  for (const t of right) if (t === 'integer' && left.has('number') && !both.includes(t)) both.push(t);
  return both.length === 1 ? both[0] : both;
}

function mergeInto(target: JsonObject, member: JsonObject): void {
  for (const [key, value] of Object.entries(member)) {
    const existing = target[key];
    if (existing === undefined) {
      target[key] = value;
    } else if (key === 'properties' && isObject(existing) && isObject(value)) {
      const merged: JsonObject = { ...existing };
      for (const [name, schema] of Object.entries(value)) {
        merged[name] = name in merged ? { allOf: [merged[name], schema] } : schema;
      }
      target[key] = merged;
    } else if (key === 'required') {
      target[key] = [...new Set([...asArray(existing), ...asArray(value)])];
    } else if (key === 'type') {
      target[key] = intersectTypes(existing, value);
    } else if (key === 'enum' && Array.isArray(existing) && Array.isArray(value)) {
      const allowed = new Set(value.map((v) => JSON.stringify(v)));
      target[key] = existing.filter((v) => allowed.has(JSON.stringify(v)));
    } else if (LOWER_BOUNDS.has(key) && typeof existing === 'number' && typeof value === 'number') {
      target[key] = Math.max(existing, value);
    } else if (UPPER_BOUNDS.has(key) && typeof existing === 'number' && typeof value === 'number') {
      target[key] = Math.min(existing, value);
    }
    // Any other keyword: the first member that sets it wins, like most code generators do.
  }
}

/**
 * The schema with `$ref` followed and `allOf` folded into one flat schema, so that moving
 * fields into (or out of) an allOf building block is not reported as a change.
 */
export function normalizeSchema(doc: SpecDocument, node: unknown, depth = 0): JsonObject {
  if (node === true || node === false) return {};
  const schema = doc.resolve(node);
  if (!Array.isArray(schema.allOf) || depth > 16) return schema;
  const { allOf, ...own } = schema;
  const merged: JsonObject = {};
  mergeInto(merged, own);
  for (const member of asArray(allOf)) mergeInto(merged, normalizeSchema(doc, member, depth + 1));
  return merged;
}

export { LOWER_BOUNDS, UPPER_BOUNDS };
