// Flattens an OpenAPI schema (3.0 or 3.1) into one entry per field path, so two documents written
// in different styles (allOf vs inline, `nullable` vs type arrays, $ref vs inline) compare by meaning.
import { isObject, type JsonObject, SpecDocument } from '../diff/resolve.js';

export interface FieldFacts {
  /** Non-null JSON types the field may take (integer kept apart from number); empty when unconstrained. */
  types: string[];
  nullable: boolean;
  /** Allowed values (null excluded), sorted; undefined when the field is not an enum. */
  enum: string[] | undefined;
  /** Whether the enclosing object requires the field. */
  required: boolean;
}

export type FlatSchema = Map<string, FieldFacts>;

/** Path segment helpers: `issue.title`, `issues[].id`; the root is ''. */
export const childPath = (parent: string, name: string): string => (parent ? `${parent}.${name}` : name);
export const itemsPath = (parent: string): string => `${parent}[]`;

interface Shape {
  types: Set<string>;
  nullable: boolean;
  enumValues: unknown[] | undefined;
  properties: Map<string, unknown[]>;
  required: Set<string>;
  items: unknown[];
}

function typesOf(node: JsonObject, shape: Shape): void {
  const type = node.type;
  const list = Array.isArray(type) ? type : typeof type === 'string' ? [type] : [];
  for (const entry of list) {
    if (entry === 'null') shape.nullable = true;
    else shape.types.add(String(entry));
  }
  if (node.nullable === true) shape.nullable = true;
  const values = Array.isArray(node.enum) ? node.enum : 'const' in node ? [node.const] : undefined;
  if (values) {
    if (values.includes(null)) shape.nullable = true;
    const nonNull = values.filter((value) => value !== null);
    shape.enumValues = shape.enumValues ? shape.enumValues.filter((value) => nonNull.some((other) => JSON.stringify(other) === JSON.stringify(value))) : nonNull;
  }
}

/** Merges a schema and its allOf parts into one shape; anyOf/oneOf of [X, null] count as nullable X. */
function shapeOf(doc: SpecDocument, schema: unknown, shape: Shape, stack: Set<string>): void {
  if (!isObject(schema)) return;
  const ref = SpecDocument.refOf(schema);
  if (ref && stack.has(ref)) return;
  const nextStack = ref ? new Set([...stack, ref]) : stack;
  const node = doc.resolve(schema);
  typesOf(node, shape);
  if (isObject(node.properties)) {
    for (const [name, property] of Object.entries(node.properties)) {
      const list = shape.properties.get(name) ?? [];
      list.push(property);
      shape.properties.set(name, list);
    }
  }
  if (Array.isArray(node.required)) for (const name of node.required) shape.required.add(String(name));
  if (node.items !== undefined) shape.items.push(node.items);
  for (const part of Array.isArray(node.allOf) ? node.allOf : []) shapeOf(doc, part, shape, nextStack);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const variants = Array.isArray(node[key]) ? (node[key] as unknown[]) : [];
    const nonNull = variants.filter((variant) => !(isObject(variant) && doc.resolve(variant).type === 'null'));
    if (nonNull.length < variants.length) shape.nullable = true;
    if (nonNull.length === 1) shapeOf(doc, nonNull[0], shape, nextStack);
  }
}

function emptyShape(): Shape {
  return { types: new Set(), nullable: false, enumValues: undefined, properties: new Map(), required: new Set(), items: [] };
}

export function flattenSchema(doc: SpecDocument, schema: unknown, maxDepth = 12): FlatSchema {
  const flat: FlatSchema = new Map();
  const visit = (parts: unknown[], path: string, required: boolean, depth: number, stack: Set<string>): void => {
    const shape = emptyShape();
    for (const part of parts) shapeOf(doc, part, shape, stack);
    flat.set(path, {
      types: [...shape.types].sort(),
      nullable: shape.nullable,
      enum: shape.enumValues ? shape.enumValues.map((value) => (typeof value === 'string' ? value : JSON.stringify(value))).sort() : undefined,
      required,
    });
    if (depth >= maxDepth) return;
    const refs = new Set([...stack, ...parts.map((part) => SpecDocument.refOf(part)).filter((ref): ref is string => ref !== undefined)]);
    for (const [name, propertyParts] of shape.properties) {
      const selfRefs = propertyParts.map((part) => SpecDocument.refOf(part)).filter((ref): ref is string => ref !== undefined);
      if (selfRefs.some((ref) => stack.has(ref))) continue;
      visit(propertyParts, childPath(path, name), shape.required.has(name), depth + 1, refs);
    }
    if (shape.items.length > 0) visit(shape.items, itemsPath(path), false, depth + 1, refs);
  };
  visit([schema], '', true, 0, new Set());
  return flat;
}

/** Splits a flattened path back into instance segments (`issues[].id` → ['issues', 0, 'id']). */
export function pathSegments(path: string): Array<string | number> {
  if (!path) return [];
  const segments: Array<string | number> = [];
  for (const part of path.split('.')) {
    const match = /^(.*?)((\[\])*)$/.exec(part)!;
    if (match[1]) segments.push(match[1]);
    for (let i = 0; i < match[2]!.length / 2; i++) segments.push(0);
  }
  return segments;
}
