import {
  HTTP_METHODS,
  joinPointer,
  locate,
  resolveSchema,
  type HttpMethod,
  type JsonObject,
  type OpenApiDocument,
  type SecurityRequirement,
} from './openapi.js';

export interface ParameterInfo {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required: boolean;
  schemaPointer: string;
  /** The parameter schema with its top-level $ref followed. */
  schema: JsonObject;
  /**
   * `x-invalid-response`: which documented response an invalid value gets; `whenMissing` names another
   * example of that response for a required parameter that is absent (a repeated one is invalid, not missing).
   */
  invalidResponse?: { status: number; example: string; whenMissing?: string };
}

export interface HeaderInfo {
  name: string;
  required: boolean;
  schemaPointer: string;
  schema: JsonObject;
}

export interface MediaInfo {
  schemaPointer?: string;
  examples: Record<string, unknown>;
  /** `x-ndjson` on a request media type: the body is one JSON value per line, the schema describes one line. */
  ndjson?: { maxItems?: number };
}

export interface ResponseInfo {
  status: string;
  headers: HeaderInfo[];
  content: Record<string, MediaInfo>;
}

export interface RateLimitRule {
  group: string;
  limit: number;
  windowSeconds: number;
  per: string;
  algorithm?: string;
}

export interface PaginationInfo {
  cursorParam: string;
  nextCursorField: string;
  itemsField: string;
  order: { field: string; direction: 'asc' | 'desc' }[];
}

export interface OperationInfo {
  id: string;
  method: HttpMethod;
  path: string;
  pointer: string;
  parameters: ParameterInfo[];
  security: SecurityRequirement[];
  requestBody?: { required: boolean; content: Record<string, MediaInfo> };
  responses: Record<string, ResponseInfo>;
  rateLimit?: RateLimitRule;
  pagination?: PaginationInfo;
  maxBodyBytes?: number;
  idempotent: boolean;
  raw: JsonObject;
}

export interface SecuritySchemeInfo {
  name: string;
  type: 'http' | 'apiKey' | string;
  /** http schemes: "bearer"; apiKey: where the key travels and under which name. */
  scheme?: string;
  in?: 'header' | 'query' | 'cookie';
  keyName?: string;
  tokenPrefixes?: string[];
}

export interface SpecIndex {
  doc: OpenApiDocument;
  operations: OperationInfo[];
  byId: Map<string, OperationInfo>;
  securitySchemes: Map<string, SecuritySchemeInfo>;
}

function readMedia(doc: OpenApiDocument, content: unknown, pointer: string): Record<string, MediaInfo> {
  const media: Record<string, MediaInfo> = {};
  if (!content || typeof content !== 'object') return media;
  for (const [type, entry] of Object.entries(content as JsonObject)) {
    const mediaPointer = joinPointer(pointer, type);
    const mediaObject = (entry ?? {}) as JsonObject;
    const examples: Record<string, unknown> = {};
    for (const [name, example] of Object.entries((mediaObject['examples'] ?? {}) as JsonObject)) {
      examples[name] = locate(doc, example, '').value['value'];
    }
    const ndjson = mediaObject['x-ndjson'] as { maxItems?: unknown } | undefined;
    media[type] = {
      ...(mediaObject['schema'] !== undefined ? { schemaPointer: joinPointer(mediaPointer, 'schema') } : {}),
      examples,
      ...(ndjson && typeof ndjson === 'object'
        ? { ndjson: typeof ndjson.maxItems === 'number' ? { maxItems: ndjson.maxItems } : {} }
        : {}),
    };
  }
  return media;
}

function readParameter(doc: OpenApiDocument, raw: unknown, pointer: string): ParameterInfo {
  const { value, pointer: at } = locate(doc, raw, pointer);
  const invalid = value['x-invalid-response'] as { status?: number; example?: string; whenMissing?: string } | undefined;
  return {
    name: String(value['name']),
    in: value['in'] as ParameterInfo['in'],
    required: value['required'] === true,
    schemaPointer: joinPointer(at, 'schema'),
    schema: resolveSchema(doc, value['schema']),
    ...(invalid?.status && invalid.example
      ? {
          invalidResponse: {
            status: Number(invalid.status),
            example: String(invalid.example),
            ...(typeof invalid.whenMissing === 'string' ? { whenMissing: invalid.whenMissing } : {}),
          },
        }
      : {}),
  };
}

function readResponse(doc: OpenApiDocument, status: string, raw: unknown, pointer: string): ResponseInfo {
  const { value, pointer: at } = locate(doc, raw, pointer);
  const headers: HeaderInfo[] = [];
  for (const [name, header] of Object.entries((value['headers'] ?? {}) as JsonObject)) {
    const h = locate(doc, header, joinPointer(at, 'headers', name));
    headers.push({
      name,
      required: h.value['required'] === true,
      schemaPointer: joinPointer(h.pointer, 'schema'),
      schema: resolveSchema(doc, h.value['schema']),
    });
  }
  return { status, headers, content: readMedia(doc, value['content'], joinPointer(at, 'content')) };
}

function readOperation(doc: OpenApiDocument, path: string, method: HttpMethod, pathItem: JsonObject): OperationInfo {
  const pointer = joinPointer('', 'paths', path, method);
  const op = pathItem[method] as JsonObject;
  const params = new Map<string, ParameterInfo>();
  const pathParams = (pathItem['parameters'] ?? []) as unknown[];
  pathParams.forEach((p, i) => {
    const info = readParameter(doc, p, joinPointer('', 'paths', path, 'parameters', String(i)));
    params.set(`${info.in}:${info.name}`, info);
  });
  ((op['parameters'] ?? []) as unknown[]).forEach((p, i) => {
    const info = readParameter(doc, p, joinPointer(pointer, 'parameters', String(i)));
    params.set(`${info.in}:${info.name}`, info);
  });
  const responses: Record<string, ResponseInfo> = {};
  for (const [status, response] of Object.entries((op['responses'] ?? {}) as JsonObject)) {
    responses[status] = readResponse(doc, status, response, joinPointer(pointer, 'responses', status));
  }
  let requestBody: OperationInfo['requestBody'];
  if (op['requestBody'] !== undefined) {
    const body = locate(doc, op['requestBody'], joinPointer(pointer, 'requestBody'));
    requestBody = {
      required: body.value['required'] === true,
      content: readMedia(doc, body.value['content'], joinPointer(body.pointer, 'content')),
    };
  }
  const maxBody = op['x-max-body-bytes'];
  return {
    id: String(op['operationId'] ?? `${method} ${path}`),
    method,
    path,
    pointer,
    parameters: [...params.values()],
    security: (op['security'] ?? doc.security ?? []) as SecurityRequirement[],
    ...(requestBody ? { requestBody } : {}),
    responses,
    ...(op['x-rate-limit'] ? { rateLimit: op['x-rate-limit'] as RateLimitRule } : {}),
    ...(op['x-pagination'] ? { pagination: op['x-pagination'] as PaginationInfo } : {}),
    ...(typeof maxBody === 'number' ? { maxBodyBytes: maxBody } : {}),
    idempotent: op['x-idempotent'] === true,
    raw: op,
  };
}

function readSecuritySchemes(doc: OpenApiDocument): Map<string, SecuritySchemeInfo> {
  const schemes = new Map<string, SecuritySchemeInfo>();
  const raw = ((doc.components ?? {})['securitySchemes'] ?? {}) as JsonObject;
  for (const [name, scheme] of Object.entries(raw)) {
    const s = locate(doc, scheme, '').value;
    const prefixes = s['x-token-prefixes'];
    schemes.set(name, {
      name,
      type: String(s['type']),
      ...(typeof s['scheme'] === 'string' ? { scheme: s['scheme'].toLowerCase() } : {}),
      ...(typeof s['in'] === 'string' ? { in: s['in'] as SecuritySchemeInfo['in'] } : {}),
      ...(typeof s['name'] === 'string' ? { keyName: s['name'] } : {}),
      ...(Array.isArray(prefixes) ? { tokenPrefixes: prefixes.map(String) } : {}),
    });
  }
  return schemes;
}

export function indexSpec(doc: OpenApiDocument): SpecIndex {
  const operations: OperationInfo[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      if (item[method]) operations.push(readOperation(doc, path, method, item));
    }
  }
  return {
    doc,
    operations,
    byId: new Map(operations.map((op) => [op.id, op])),
    securitySchemes: readSecuritySchemes(doc),
  };
}

/** The example a response documents under `name`, or its only example when `name` is omitted. */
export function documentedExample(op: OperationInfo, status: number | string, name?: string): unknown {
  const response = op.responses[String(status)];
  if (!response) throw new Error(`${op.id} documents no ${status} response`);
  for (const media of Object.values(response.content)) {
    if (name !== undefined && name in media.examples) return media.examples[name];
    if (name === undefined) {
      const values = Object.values(media.examples);
      if (values.length === 1) return values[0];
    }
  }
  throw new Error(`${op.id} ${status}: no example ${name ?? '(single)'}`);
}
