// Which facts a case checks are our assumptions (spec/PROVENANCE.md). Against a live target an
// assumption that does not hold is a warning, not a failure: the real service never promised it.
import { headerMark, markForInstancePath, responseMark, resolveRef } from '@apiforge/spec-build/provenance';
import type { ApiModel, JsonObject, Operation } from './spec.js';

function rawOperation(model: ApiModel, op: Operation): JsonObject | undefined {
  const item = (model.spec.paths as JsonObject | undefined)?.[op.path] as JsonObject | undefined;
  return item?.[op.method.toLowerCase()] as JsonObject | undefined;
}

const textOf = (mark: ReturnType<typeof responseMark>): string | undefined => (mark?.kind === 'assumption' ? mark.text : undefined);

/** The assumption behind "the operation answers this status", if the status is ours. */
export function responseAssumption(model: ApiModel, op: Operation, status: number | string): string | undefined {
  return textOf(responseMark(model.spec, rawOperation(model, op), status));
}

/** The assumption behind a header of a response, if it (or the whole response) is ours. */
export function headerAssumption(model: ApiModel, op: Operation, status: number | string, name: string): string | undefined {
  return textOf(headerMark(model.spec, rawOperation(model, op), status, name)) ?? responseAssumption(model, op, status);
}

/** The assumption behind a field of a response body (an Ajv instance path), if the field is ours. */
export function fieldAssumption(model: ApiModel, op: Operation, status: number | string, schemaPointer: string, instancePath: string, missingProperty?: string): string | undefined {
  const schema = resolveRef(model.spec, { $ref: schemaPointer.startsWith('#') ? schemaPointer : `#${schemaPointer}` }).node;
  const segments: Array<string | number> = instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  if (missingProperty) segments.push(missingProperty);
  return textOf(markForInstancePath(model.spec, schema, segments)) ?? responseAssumption(model, op, status);
}
