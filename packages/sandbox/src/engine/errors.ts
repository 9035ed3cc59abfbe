import type { Failure, Reply } from './api.js';
import { documentedExample, type OperationInfo } from './spec.js';

/** A reply carrying the example a response documents under `name` (or its only example). */
export function exampleReply(op: OperationInfo, status: number, name?: string): Reply {
  return { status, body: documentedExample(op, status, name) };
}

/**
 * What the spec alone says about a refusal: `x-invalid-response` for parameters, and the single
 * documented example for 401, 403, 429 and 500. API modules call this for the cases they do not override.
 */
export function specErrorReply(failure: Failure, op: OperationInfo | undefined): Reply | undefined {
  if (!op) return undefined;
  switch (failure.kind) {
    case 'invalid-parameter': {
      const target = failure.param.invalidResponse;
      if (!target) return undefined;
      const missing = failure.invalid[0]?.raw === undefined;
      return exampleReply(op, target.status, missing && target.whenMissing ? target.whenMissing : target.example);
    }
    case 'unauthenticated':
      return op.responses['401'] ? exampleReply(op, 401) : undefined;
    case 'forbidden':
      return op.responses['403'] ? exampleReply(op, 403) : undefined;
    case 'rate-limited':
      return op.responses['429'] ? exampleReply(op, 429) : undefined;
    case 'internal-error':
      return op.responses['500'] ? exampleReply(op, 500) : undefined;
    default:
      return undefined;
  }
}

/** `specErrorReply`, for modules that have mapped every other case: a refusal the spec does not answer is a bug. */
export function requireSpecErrorReply(failure: Failure, op: OperationInfo): Reply {
  const reply = specErrorReply(failure, op);
  if (!reply) throw new Error(`No documented answer for ${failure.kind} on ${op.id}`);
  return reply;
}

/** Whether a response of the operation documents an example called `name`. */
export function documentsExample(op: OperationInfo, status: number, name: string): boolean {
  const response = op.responses[String(status)];
  return !!response && Object.values(response.content).some((media) => name in media.examples);
}

/** The documented answer to an invalid value of the named parameter (its `x-invalid-response`). */
export function invalidParameterReply(op: OperationInfo, name: string): Reply {
  const param = op.parameters.find((p) => p.name === name);
  if (!param?.invalidResponse) throw new Error(`${op.id}: parameter ${name} has no x-invalid-response`);
  return exampleReply(op, param.invalidResponse.status, param.invalidResponse.example);
}
