// The slice of OpenAPI 3.1 the engine reads. Kept loose on purpose: the bundled spec is linted upstream.
export type JsonObject = { [key: string]: unknown };

export interface OpenApiDocument extends JsonObject {
  openapi: string;
  paths: Record<string, JsonObject>;
  components?: JsonObject;
  security?: SecurityRequirement[];
}

export type SecurityRequirement = Record<string, string[]>;

/** A value found in the document together with the JSON pointer it lives at (after following $ref). */
export interface Located<T = JsonObject> {
  value: T;
  pointer: string;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
export { HTTP_METHODS };

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function getByPointer(doc: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '#') return doc;
  const parts = pointer.replace(/^#?\//, '').split('/').map(unescapePointer);
  let node: unknown = doc;
  for (const part of parts) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as JsonObject)[part];
  }
  return node;
}

/** Follows local $refs (possibly chained) and reports where the final object lives. */
export function locate<T = JsonObject>(doc: OpenApiDocument, value: unknown, pointer: string): Located<T> {
  let current = value;
  let at = pointer;
  for (let hops = 0; hops < 32; hops++) {
    const ref = current && typeof current === 'object' ? (current as JsonObject)['$ref'] : undefined;
    if (typeof ref !== 'string') return { value: current as T, pointer: at };
    if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported in a bundled spec, got ${ref}`);
    at = ref.slice(1);
    current = getByPointer(doc, at);
    if (current === undefined) throw new Error(`Unresolvable $ref ${ref}`);
  }
  throw new Error(`$ref chain too long at ${pointer}`);
}

/** A schema with its top-level $ref followed, for reading `type`, `maximum`, `enum`, ... */
export function resolveSchema(doc: OpenApiDocument, schema: unknown): JsonObject {
  return locate<JsonObject>(doc, schema, '').value ?? {};
}

export function joinPointer(base: string, ...segments: string[]): string {
  return [base, ...segments.map(escapePointer)].join('/');
}
