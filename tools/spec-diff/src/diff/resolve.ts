export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asObject(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function decodePointerSegment(segment: string): string {
  return decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * A bundled OpenAPI document whose internal `$ref`s are followed on demand.
 * Resolving lazily (rather than expanding the whole tree up front) keeps recursive
 * schemas finite: the schema diff stops when it meets a ref pair it is already inside.
 */
export class SpecDocument {
  constructor(readonly root: JsonObject) {}

  /** The object a node stands for, with `$ref` followed; OpenAPI 3.1 sibling keywords win over the target's. */
  resolve(node: unknown): JsonObject {
    let current: unknown = node;
    const siblings: JsonObject[] = [];
    for (let hops = 0; hops < 64 && isObject(current) && typeof current.$ref === 'string'; hops += 1) {
      const { $ref, ...rest } = current;
      if (Object.keys(rest).length > 0) siblings.unshift(rest);
      current = this.lookup($ref as string);
    }
    const target = isObject(current) ? current : {};
    if (typeof target.$ref === 'string') return siblings.length ? Object.assign({}, ...siblings) : {};
    return siblings.length ? Object.assign({}, target, ...siblings) : target;
  }

  /** A copy of a value with every internal `$ref` replaced by its target; recursive refs stay as refs. */
  expand(value: unknown, seen: ReadonlySet<string> = new Set()): unknown {
    if (Array.isArray(value)) return value.map((item) => this.expand(item, seen));
    if (!isObject(value)) return value;
    const ref = SpecDocument.refOf(value);
    if (ref !== undefined) {
      if (seen.has(ref)) return value;
      return this.expand(this.resolve(value), new Set([...seen, ref]));
    }
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.expand(item, seen)]));
  }

  /** The `$ref` string of a node, if it is a reference. Used to detect recursion. */
  static refOf(node: unknown): string | undefined {
    return isObject(node) && typeof node.$ref === 'string' ? node.$ref : undefined;
  }

  private lookup(ref: string): unknown {
    if (!ref.startsWith('#')) return undefined;
    const pointer = ref.slice(1);
    if (pointer === '' || pointer === '/') return this.root;
    let current: unknown = this.root;
    for (const raw of pointer.split('/').slice(1)) {
      const key = decodePointerSegment(raw);
      if (Array.isArray(current)) current = current[Number(key)];
      else if (isObject(current)) current = current[key];
      else return undefined;
    }
    return current;
  }
}
