import { documentsExample, exampleReply, specErrorReply, type Failure, type OperationInfo, type Reply } from '../../engine/index.js';

/** The 400 for a body that is not what the operation reads: an event line (ingest) or an OTLP export (otel). */
function badBody(op: OperationInfo): Reply {
  return documentsExample(op, 400, 'invalidLine') ? exampleReply(op, 400, 'invalidLine') : exampleReply(op, 400, 'invalidOtlp');
}

/** LumiqTrace's documented answers for the refusals the spec does not map by itself. */
export function lumiqtraceErrorReply(failure: Failure, op: OperationInfo | undefined): Reply {
  if (failure.kind === 'method-not-allowed') return { status: 405, body: { error: 'Method not allowed' } };
  if (failure.kind === 'route-not-found' || !op) return { status: 404, body: { error: 'Not found' } };
  switch (failure.kind) {
    case 'rate-limited':
      // Ingest documents two 429 examples; the engine's refusal is the request rate, never the quota.
      return exampleReply(op, 429, 'rateLimited');
    case 'too-many-items':
      return exampleReply(op, 400, 'tooManyEvents');
    case 'body-too-large':
      return exampleReply(op, 413, 'bodyTooLarge');
    case 'unsupported-encoding':
      return exampleReply(op, 415, 'unsupportedEncoding');
    case 'undecodable-body':
      return exampleReply(op, 400, 'undecodableGzip');
    case 'invalid-json':
    case 'invalid-body':
    case 'unsupported-media-type':
      return badBody(op);
    default:
      break;
  }
  const reply = specErrorReply(failure, op);
  if (!reply) throw new Error(`No documented answer for ${failure.kind} on ${op.id}`);
  return reply;
}
