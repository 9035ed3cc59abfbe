import { documentedExample, exampleReply, requireSpecErrorReply, type Failure, type OperationInfo, type Reply } from '../../engine/index.js';
import type { ParameterInfo } from '../../engine/index.js';

interface ErrorBody {
  error: string;
  message: string;
  details?: Array<{ field: string; value: string; constraint: string }>;
}

export interface RejectedValue {
  param: ParameterInfo;
  raw: string | string[] | undefined;
}

/** The rule a parameter's value broke, worded as in the example its `x-invalid-response` names. */
function constraintOf(op: OperationInfo, param: ParameterInfo): string {
  const target = param.invalidResponse;
  const example = target ? (documentedExample(op, target.status, target.example) as ErrorBody) : undefined;
  const documented = example?.details?.find((d) => d.field === param.name)?.constraint;
  if (documented) return documented;
  const { minimum, maximum } = param.schema as { minimum?: number; maximum?: number };
  if (minimum !== undefined && maximum !== undefined) return `integer between ${minimum} and ${maximum}`;
  if (minimum !== undefined) return `integer greater than or equal to ${minimum}`;
  return 'a valid value';
}

/** 422 `invalid_params` with one `{field, value, constraint}` entry per rejected query parameter, value as sent. */
export function invalidParamsReply(op: OperationInfo, rejected: readonly RejectedValue[]): Reply {
  const first = rejected[0]!.param.invalidResponse;
  if (!first) throw new Error(`${op.id}: parameter ${rejected[0]!.param.name} has no x-invalid-response`);
  const base = documentedExample(op, first.status, first.example) as ErrorBody;
  const details = rejected.map(({ param, raw }) => ({
    field: param.name,
    value: Array.isArray(raw) ? raw.join(',') : (raw ?? ''),
    constraint: constraintOf(op, param),
  }));
  return { status: first.status, body: { error: base.error, message: base.message, details } };
}

/**
 * LuluDesk's documented answers: 401 only for a missing or malformed header; an unknown, revoked or
 * foreign key is 403 `forbidden`; a missing scope 403 `insufficient_scope`; invalid query values 422.
 * An unknown path and a wrong method are outside the spec: their codes (`not_found`,
 * `method_not_allowed`) are ours, in the same body shape.
 */
export function luludeskErrorReply(failure: Failure, op: OperationInfo | undefined): Reply {
  if (failure.kind === 'method-not-allowed') {
    return { status: 405, body: { error: 'method_not_allowed', message: `Use ${failure.allowed.join(', ')}.` } };
  }
  if (failure.kind === 'route-not-found' || !op) return { status: 404, body: { error: 'not_found', message: 'No such endpoint.' } };
  switch (failure.kind) {
    case 'unauthenticated':
      if (failure.reason === 'invalid') return exampleReply(op, 403, 'forbidden');
      break;
    case 'foreign-tenant':
      return exampleReply(op, 403, 'forbidden');
    case 'forbidden':
      return exampleReply(op, 403, 'insufficientScope');
    case 'unknown-tenant':
      return exampleReply(op, 404, 'workspaceNotFound');
    case 'invalid-parameter':
      if (failure.param.in === 'query') return invalidParamsReply(op, failure.invalid);
      break;
    default:
      break;
  }
  return requireSpecErrorReply(failure, op);
}
