/**
 * A read model of a bundled OpenAPI 3.1 spec: operations with their parameters, security,
 * responses (with JSON pointers for the validator) and the x- extensions the suite derives from.
 * Only local `#/...` references occur in a bundled spec.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface SecurityScheme {
  name: string;
  type: string;
  /** `bearer` for http bearer schemes. */
  httpScheme?: string;
  /** Header or query parameter name for apiKey schemes. */
  in?: 'header' | 'query' | 'cookie';
  paramName?: string;
  prefixes: string[];
}

export interface SecurityAlternative {
  scheme: SecurityScheme;
  scopes: string[];
}

export interface InvalidResponse {
  status: number;
  example: string;
}

export interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required: boolean;
  schema: JsonObject;
  /** The `$ref` the parameter's schema used, if any (links a body field to a parameter's rules). */
  schemaRef?: string;
  invalidResponse?: InvalidResponse;
  example?: Json;
}

export interface HeaderSpec {
  name: string;
  required: boolean;
  schema: JsonObject;
  schemaPointer: string;
}

export interface MediaSpec {
  mediaType: string;
  schemaPointer?: string;
  schema?: JsonObject;
  /** Example values by name, in the order the spec lists them. */
  /** `documented`: the example carries x-source, so its wording is the vendor's, not an illustration of ours. */
  examples: Array<{ name: string; value: Json; documented?: boolean }>;
  /** `x-ndjson`: the body is one JSON value per line; `schema` and the examples describe one line. */
  ndjson?: { maxItems?: number };
}

export interface ResponseSpec {
  status: string;
  headers: HeaderSpec[];
  content: MediaSpec[];
}

export interface RequestBodySpec {
  required: boolean;
  content: MediaSpec[];
}

export interface Pagination {
  /** `cursor` (follow nextCursorField), `before` (send an item's cursorFromItemField), `page` (count pageParam up). */
  strategy: string;
  cursorParam?: string;
  /** Dotted path into the body, e.g. `pagination.next_cursor`. */
  nextCursorField?: string;
  /** `before`: the field of the last item sent as cursorParam for the next page. */
  cursorFromItemField?: string;
  /** Page-number parameter (strategy `page`, or alongside a cursor) and its first value. */
  pageParam?: string;
  firstPage?: number;
  hasMoreField?: string;
  totalField?: string;
  itemsField: string;
  order: Array<{ field: string; direction: 'asc' | 'desc' }>;
  /** Optional: the page-size parameter; derived when the operation has one bounded integer query parameter. */
  limitParam?: string;
}

export interface RateLimit {
  group: string;
  limit: number;
  windowSeconds: number;
  per: string;
  algorithm?: string;
}

export interface Operation {
  id: string;
  method: string;
  path: string;
  security: SecurityAlternative[];
  parameters: Parameter[];
  requestBody?: RequestBodySpec;
  responses: ResponseSpec[];
  rateLimit?: RateLimit;
  pagination?: Pagination;
  /** `x-dedupe-field`: the body field the API deduplicates records on. */
  dedupeField?: string;
  /** `x-idempotency-key`: dotted body paths that together identify a request as a repeat of another. */
  idempotencyKey?: string[];
  /** Path- or operation-level server URLs, when they differ from the document's. */
  servers: string[];
}

export interface ApiModel {
  spec: JsonObject;
  /** The `$id` under which the whole spec is registered with the schema validator. */
  specId: string;
  operations: Operation[];
  schemes: SecurityScheme[];
  operation(id: string): Operation;
  /** Follows `$ref` chains from a value (no deep resolution). */
  deref<T extends Json>(value: T): T;
  /** Resolves a `#/...` pointer. */
  at(pointer: string): Json;
  response(op: Operation, status: number): ResponseSpec | undefined;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function buildModel(spec: JsonObject, specId: string): ApiModel {
  const at = (pointer: string): Json => {
    const path = pointer.replace(/^#/, '').split('/').slice(1);
    let node: Json = spec;
    for (const raw of path) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      if (Array.isArray(node)) node = node[Number(key)] ?? null;
      else if (isObject(node)) node = node[key] ?? null;
      else throw new Error(`Unresolvable pointer ${pointer}`);
    }
    return node;
  };
  // Follows a $ref chain, returning the target and the pointer where it lives.
  const follow = (value: Json, pointer: string): { value: Json; pointer: string } => {
    let current = value;
    let where = pointer;
    for (let hops = 0; isObject(current) && typeof current.$ref === 'string'; hops++) {
      if (hops > 20) throw new Error(`Reference cycle at ${pointer}`);
      where = current.$ref.replace(/^#/, '');
      current = at(current.$ref);
    }
    return { value: current, pointer: where };
  };
  const deref = <T extends Json>(value: T): T => follow(value, '').value as T;

  const components = (isObject(spec.components) ? spec.components : {}) as JsonObject;
  const schemeObjects = (isObject(components.securitySchemes) ? components.securitySchemes : {}) as JsonObject;
  const schemes: SecurityScheme[] = Object.entries(schemeObjects).map(([name, raw]) => {
    const s = deref(raw) as JsonObject;
    const scheme: SecurityScheme = {
      name,
      type: String(s.type),
      prefixes: Array.isArray(s['x-token-prefixes']) ? (s['x-token-prefixes'] as string[]) : [],
    };
    if (typeof s.scheme === 'string') scheme.httpScheme = s.scheme.toLowerCase();
    if (typeof s.in === 'string') scheme.in = s.in as 'header' | 'query' | 'cookie';
    if (typeof s.name === 'string') scheme.paramName = s.name;
    return scheme;
  });

  const mediaSpecs = (content: Json, pointer: string): MediaSpec[] => {
    if (!isObject(content)) return [];
    return Object.entries(content).map(([mediaType, raw]) => {
      const media = raw as JsonObject;
      const spec: MediaSpec = { mediaType, examples: [] };
      if (isObject(media['x-ndjson'])) {
        const maxItems = (media['x-ndjson'] as JsonObject).maxItems;
        spec.ndjson = typeof maxItems === 'number' ? { maxItems } : {};
      }
      if (media.schema !== undefined) {
        spec.schemaPointer = `${pointer}/${escapePointer(mediaType)}/schema`;
        spec.schema = deref(media.schema) as JsonObject;
      }
      if (isObject(media.examples)) {
        for (const [name, ex] of Object.entries(media.examples)) {
          const example = deref(ex) as JsonObject;
          spec.examples.push({ name, value: example.value ?? null, documented: example['x-source'] !== undefined || (isObject(ex) && ex['x-source'] !== undefined) });
        }
      } else if (media.example !== undefined) {
        spec.examples.push({ name: 'example', value: media.example });
      }
      return spec;
    });
  };

  const parameterOf = (raw: Json): Parameter => {
    const p = deref(raw) as JsonObject;
    const rawSchema = (p.schema ?? {}) as JsonObject;
    const param: Parameter = {
      name: String(p.name),
      in: p.in as Parameter['in'],
      required: p.required === true,
      schema: deref(rawSchema),
    };
    if (typeof rawSchema.$ref === 'string') param.schemaRef = rawSchema.$ref;
    const invalid = p['x-invalid-response'];
    if (isObject(invalid)) param.invalidResponse = { status: Number(invalid.status), example: String(invalid.example) };
    if (p.example !== undefined) param.example = p.example;
    return param;
  };

  const rootServers = Array.isArray(spec.servers) ? spec.servers.map((s) => String((s as JsonObject).url)) : [];
  const rootSecurity = Array.isArray(spec.security) ? spec.security : [];
  const operations: Operation[] = [];
  const paths = (isObject(spec.paths) ? spec.paths : {}) as JsonObject;
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = deref(rawItem) as JsonObject;
    const pathParams = Array.isArray(item.parameters) ? item.parameters : [];
    const pathServers = Array.isArray(item.servers) ? item.servers.map((s) => String((s as JsonObject).url)) : [];
    for (const method of METHODS) {
      const raw = item[method];
      if (!isObject(raw)) continue;
      const opPointer = `/paths/${escapePointer(path)}/${method}`;
      const opParams = Array.isArray(raw.parameters) ? raw.parameters : [];
      const params = new Map<string, Parameter>();
      for (const p of [...pathParams, ...opParams]) {
        const param = parameterOf(p);
        params.set(`${param.in}:${param.name}`, param);
      }
      const securityList = Array.isArray(raw.security) ? raw.security : rootSecurity;
      const security: SecurityAlternative[] = [];
      for (const requirement of securityList) {
        for (const [schemeName, scopes] of Object.entries(requirement as JsonObject)) {
          const scheme = schemes.find((s) => s.name === schemeName);
          if (scheme) security.push({ scheme, scopes: (scopes as string[]) ?? [] });
        }
      }
      const responses: ResponseSpec[] = Object.entries((raw.responses ?? {}) as JsonObject).map(([status, r]) => {
        const { value, pointer } = follow(r, `${opPointer}/responses/${status}`);
        const response = value as JsonObject;
        const headers: HeaderSpec[] = Object.entries((response.headers ?? {}) as JsonObject).map(([name, h]) => {
          const header = follow(h, `${pointer}/headers/${escapePointer(name)}`);
          const hv = header.value as JsonObject;
          return {
            name,
            required: hv.required === true,
            schema: deref((hv.schema ?? {}) as JsonObject),
            schemaPointer: `${header.pointer}/schema`,
          };
        });
        return { status, headers, content: mediaSpecs(response.content ?? null, `${pointer}/content`) };
      });
      const op: Operation = {
        id: String(raw.operationId ?? `${method} ${path}`),
        method: method.toUpperCase(),
        path,
        security,
        parameters: [...params.values()],
        responses,
        servers: Array.isArray(raw.servers) ? raw.servers.map((s) => String((s as JsonObject).url)) : pathServers,
      };
      if (raw.requestBody !== undefined) {
        const body = follow(raw.requestBody, `${opPointer}/requestBody`);
        const rb = body.value as JsonObject;
        op.requestBody = { required: rb.required === true, content: mediaSpecs(rb.content ?? null, `${body.pointer}/content`) };
      }
      if (isObject(raw['x-rate-limit'])) op.rateLimit = raw['x-rate-limit'] as unknown as RateLimit;
      if (typeof raw['x-dedupe-field'] === 'string') op.dedupeField = raw['x-dedupe-field'];
      if (Array.isArray(raw['x-idempotency-key'])) op.idempotencyKey = (raw['x-idempotency-key'] as unknown[]).filter((p): p is string => typeof p === 'string');
      if (isObject(raw['x-pagination'])) op.pagination = raw['x-pagination'] as unknown as Pagination;
      if (op.servers.length > 0 && op.servers.every((s) => rootServers.includes(s))) op.servers = [];
      operations.push(op);
    }
  }

  return {
    spec,
    specId,
    operations,
    schemes,
    at,
    deref,
    operation(id) {
      const op = operations.find((o) => o.id === id);
      if (!op) throw new Error(`No operation ${id} in the spec`);
      return op;
    },
    response(op, status) {
      return (
        op.responses.find((r) => r.status === String(status)) ??
        op.responses.find((r) => r.status.toUpperCase() === `${String(status)[0]}XX`) ??
        op.responses.find((r) => r.status === 'default')
      );
    },
  };
}

/** The value of a named example of a documented response, and whether it is listed first. */
export function exampleOf(
  model: ApiModel,
  op: Operation,
  status: number,
  name: string,
): { value: Json; first: boolean; documented: boolean } | undefined {
  const response = model.response(op, status);
  const media = response?.content.find((c) => /json/.test(c.mediaType));
  const index = media?.examples.findIndex((e) => e.name === name) ?? -1;
  if (!media || index < 0) return undefined;
  return { value: media.examples[index]!.value, first: index === 0, documented: media.examples[index]!.documented === true };
}

/** Query parameters of integer type with a documented minimum or maximum. */
export function boundedIntegerParams(op: Operation): Parameter[] {
  return op.parameters.filter(
    (p) => p.in === 'query' && p.schema.type === 'integer' && (p.schema.minimum !== undefined || p.schema.maximum !== undefined),
  );
}

/** The page-size parameter of a paginated operation: named in x-pagination, or its only bounded integer. */
export function pageSizeParam(op: Operation): Parameter | undefined {
  if (!op.pagination) return undefined;
  if (op.pagination.limitParam) return op.parameters.find((p) => p.name === op.pagination!.limitParam);
  const bounded = boundedIntegerParams(op);
  return bounded.length === 1 ? bounded[0] : undefined;
}
