import type { OpenApiDocument } from './openapi.js';
import { createSchemaRegistry, describeErrors } from './schemas.js';
import { indexSpec, type OperationInfo } from './spec.js';

export interface ObservedResponse {
  method: string;
  /** Request path, with or without a query string. */
  path: string;
  status: number;
  headers: Headers | Record<string, string | undefined>;
  /** Raw body text. */
  body: string;
}

export interface ConformanceChecker {
  /** The operation a request targets, if the spec has one. */
  operationFor(method: string, path: string): OperationInfo | undefined;
  /** Every way the response departs from the spec; empty when it conforms. */
  check(response: ObservedResponse): string[];
}

function headerGetter(headers: ObservedResponse['headers']): (name: string) => string | undefined {
  if (typeof (headers as Headers).get === 'function') {
    return (name) => (headers as Headers).get(name) ?? undefined;
  }
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return (name) => lower.get(name.toLowerCase());
}

function coerceHeader(value: string, schema: Record<string, unknown>): unknown {
  if ((schema['type'] === 'integer' || schema['type'] === 'number') && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (schema['type'] === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/** Checks responses against the bundled spec: documented status, media type, body schema, declared headers. */
export function createConformanceChecker(doc: OpenApiDocument): ConformanceChecker {
  const index = indexSpec(doc);
  const schemas = createSchemaRegistry(doc);
  const matchers = index.operations.map((op) => ({
    op,
    pattern: new RegExp(`^${op.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`),
  }));

  const operationFor = (method: string, path: string): OperationInfo | undefined => {
    const pathname = path.split('?')[0] ?? path;
    const m = method.toLowerCase();
    return matchers.find((x) => x.op.method === m && x.pattern.test(pathname))?.op;
  };

  return {
    operationFor,
    check(response) {
      const problems: string[] = [];
      const op = operationFor(response.method, response.path);
      const label = `${response.method.toUpperCase()} ${response.path} -> ${response.status}`;
      if (!op) return [`${label}: no operation in the spec`];
      const documented = op.responses[String(response.status)] ?? op.responses[`${String(response.status)[0]}XX`] ?? op.responses['default'];
      if (!documented) return [`${label}: status not documented for ${op.id}`];
      const header = headerGetter(response.headers);

      for (const declared of documented.headers) {
        const value = header(declared.name);
        if (value === undefined) {
          if (declared.required) problems.push(`${label}: missing header ${declared.name}`);
          continue;
        }
        const validate = schemas.validatorAt(declared.schemaPointer);
        if (!validate(coerceHeader(value, declared.schema))) {
          problems.push(`${label}: header ${declared.name}=${JSON.stringify(value)} ${JSON.stringify(describeErrors(validate.errors))}`);
        }
      }

      const mediaTypes = Object.keys(documented.content);
      if (mediaTypes.length === 0) {
        if (response.body.length > 0) problems.push(`${label}: body present but none documented`);
        return problems;
      }
      const contentType = (header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      const media = documented.content[contentType];
      if (!media) {
        problems.push(`${label}: content-type ${JSON.stringify(contentType)} not among ${mediaTypes.join(', ')}`);
        return problems;
      }
      if (!media.schemaPointer) return problems;
      let parsed: unknown;
      try {
        parsed = JSON.parse(response.body);
      } catch {
        problems.push(`${label}: body is not JSON`);
        return problems;
      }
      const validate = schemas.validatorAt(media.schemaPointer);
      if (!validate(parsed)) problems.push(`${label}: body ${JSON.stringify(describeErrors(validate.errors))}`);
      return problems;
    },
  };
}
