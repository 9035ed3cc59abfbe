import { documentsExample, exampleReply, specErrorReply, type Failure, type OperationInfo, type Reply } from '../../engine/index.js';

const INVALID_JSON = 'invalidJson';

/** Lucent's documented bodies for refusals the spec does not map by itself. */
export function lucentErrorReply(failure: Failure, op: OperationInfo | undefined): Reply {
  if (failure.kind === 'method-not-allowed') return { status: 405, body: { error: 'Method not allowed' } };
  if (failure.kind === 'route-not-found' || !op) return { status: 404, body: { error: 'Not found' } };
  // Lucent documents no 500; the generic body (with Cache-Control: no-store, as every error).
  if (failure.kind === 'internal-error') return { status: 500, body: { error: 'Internal server error' } };
  switch (failure.kind) {
    case 'unauthenticated':
      if (failure.scheme.type === 'apiKey') {
        return exampleReply(op, 401, failure.reason === 'missing' ? 'missingApiKey' : 'invalidApiKey');
      }
      break;
    case 'invalid-json':
      return exampleReply(op, 400, INVALID_JSON);
    case 'invalid-body':
      if (documentsExample(op, 400, 'invalidBatch')) {
        const example = exampleReply(op, 400, 'invalidBatch').body as { error: string };
        return { status: 400, body: { error: example.error, details: failure.details } };
      }
      if (documentsExample(op, 400, 'invalidStatus')) return exampleReply(op, 400, 'invalidStatus');
      return exampleReply(op, 400, INVALID_JSON);
    case 'body-too-large':
      return documentsExample(op, 413, 'bodyTooLarge') ? exampleReply(op, 413, 'bodyTooLarge') : exampleReply(op, 400, INVALID_JSON);
    case 'undecodable-body':
      return documentsExample(op, 400, 'undecodableGzip') ? exampleReply(op, 400, 'undecodableGzip') : exampleReply(op, 400, INVALID_JSON);
    case 'unsupported-encoding':
      return documentsExample(op, 415, 'unsupportedEncoding')
        ? exampleReply(op, 415, 'unsupportedEncoding')
        : exampleReply(op, 400, INVALID_JSON);
    default:
      break;
  }
  const reply = specErrorReply(failure, op);
  if (!reply) throw new Error(`No documented answer for ${failure.kind} on ${op.id}`);
  return reply;
}
