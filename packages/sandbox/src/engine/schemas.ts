import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { OpenApiDocument } from './openapi.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

export interface SchemaRegistry {
  /** A compiled validator for the schema at `pointer` in the document (compiled once, then cached). */
  validatorAt(pointer: string): ValidateFunction;
}

let documentCounter = 0;

/**
 * Registers the whole bundled document with one Ajv 2020 instance, so every schema is compiled by
 * JSON pointer and its internal `#/components/...` references resolve exactly as in the spec.
 */
export function createSchemaRegistry(doc: OpenApiDocument): SchemaRegistry {
  const ajv = new Ajv2020({ strict: false, allErrors: true, verbose: true, validateSchema: false });
  addFormats(ajv);
  const id = `https://apiforge.invalid/spec/${++documentCounter}/openapi.json`;
  ajv.addSchema({ ...doc, $id: id });
  const cache = new Map<string, ValidateFunction>();
  return {
    validatorAt(pointer) {
      let validate = cache.get(pointer);
      if (!validate) {
        validate = ajv.compile({ $ref: `${id}#${pointer}` });
        cache.set(pointer, validate);
      }
      return validate;
    },
  };
}

export interface ValidationDetail {
  /** JSON Pointer to the offending value. */
  path: string;
  message: string;
}

function describe(error: ErrorObject): ValidationDetail {
  const params = error.params as Record<string, unknown>;
  const schemaType = (error.parentSchema as { type?: unknown } | undefined)?.type;
  const noun = schemaType === 'integer' ? 'an integer ' : schemaType === 'number' ? 'a number ' : '';
  switch (error.keyword) {
    case 'required':
      return { path: `${error.instancePath}/${String(params['missingProperty'])}`, message: 'is required' };
    case 'additionalProperties':
      return { path: `${error.instancePath}/${String(params['additionalProperty'])}`, message: 'is not allowed' };
    case 'minimum':
      return { path: error.instancePath, message: `must be ${noun}greater than or equal to ${String(params['limit'])}` };
    case 'maximum':
      return { path: error.instancePath, message: `must be ${noun}less than or equal to ${String(params['limit'])}` };
    case 'type':
      return { path: error.instancePath, message: `must be of type ${String(params['type'])}` };
    case 'enum':
      return {
        path: error.instancePath,
        message: `must be one of: ${(params['allowedValues'] as unknown[]).map(String).join(', ')}`,
      };
    default:
      return { path: error.instancePath, message: error.message ?? 'is invalid' };
  }
}

/** Ajv errors as `{ path, message }` entries, one per problem, in a wording fit for API clients. */
export function describeErrors(errors: readonly ErrorObject[] | null | undefined): ValidationDetail[] {
  const seen = new Set<string>();
  const details: ValidationDetail[] = [];
  for (const error of errors ?? []) {
    const detail = describe(error);
    const key = `${detail.path}\u0000${detail.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      details.push(detail);
    }
  }
  return details;
}
