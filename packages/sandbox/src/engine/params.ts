import type { ValidateFunction } from 'ajv';
import type { SchemaRegistry } from './schemas.js';
import type { ParameterInfo } from './spec.js';

export type RawParam = string | string[] | undefined;

export type ParamResult = { ok: true; value: unknown } | { ok: false };

export interface CompiledParam {
  info: ParameterInfo;
  parse(raw: RawParam): ParamResult;
}

// Strict forms, checked on the raw string before any conversion: "1e2", "1.0", " 5" and "" are refused,
// which Ajv's own type coercion would accept.
const INTEGER = /^-?(?:0|[1-9]\d*)$/;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

function primaryType(schema: Record<string, unknown>): string | undefined {
  const type = schema['type'];
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.find((t) => t !== 'null') as string | undefined;
  if (Array.isArray(schema['enum'])) return typeof schema['enum'][0];
  return undefined;
}

function convert(type: string | undefined, raw: string): { ok: true; value: unknown } | { ok: false } {
  switch (type) {
    case 'integer':
      return INTEGER.test(raw) ? { ok: true, value: Number(raw) } : { ok: false };
    case 'number':
      return NUMBER.test(raw) ? { ok: true, value: Number(raw) } : { ok: false };
    case 'boolean':
      return raw === 'true' || raw === 'false' ? { ok: true, value: raw === 'true' } : { ok: false };
    default:
      return { ok: true, value: raw };
  }
}

export interface ParamOptions {
  /** Fault `limit-off-by-one`: an integer one above the documented maximum is accepted. */
  acceptOneOverMaximum?: boolean;
}

export function compileParam(info: ParameterInfo, schemas: SchemaRegistry, options: ParamOptions = {}): CompiledParam {
  const validate: ValidateFunction = schemas.validatorAt(info.schemaPointer);
  const type = primaryType(info.schema);
  const fallback = info.schema['default'];
  const maximum = typeof info.schema['maximum'] === 'number' ? info.schema['maximum'] : undefined;
  const oneOver = options.acceptOneOverMaximum && type === 'integer' && maximum !== undefined ? maximum + 1 : undefined;
  return {
    info,
    parse(raw) {
      if (raw === undefined) {
        if (info.required) return { ok: false };
        return { ok: true, value: fallback };
      }
      // A repeated scalar parameter is ambiguous; refuse it rather than guess which one counts.
      if (Array.isArray(raw)) return { ok: false };
      const converted = convert(type, raw);
      if (!converted.ok) return converted;
      if (oneOver !== undefined && converted.value === oneOver) return converted;
      return validate(converted.value) ? converted : { ok: false };
    },
  };
}
