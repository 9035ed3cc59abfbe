import { documentsExample, exampleReply, specErrorReply, type Failure, type OperationInfo, type Reply } from '../../engine/index.js';

/** The ingest 400 for a body that is not a batch of events (documented example `invalidLine`). */
function badBatch(op: OperationInfo): Reply {
  if (documentsExample(op, 400, 'invalidLine')) return exampleReply(op, 400, 'invalidLine');
  // POST /v1/otel documents no 400 (reported as a spec gap); the body keeps the documented error shape.
  return { status: 400, body: { error: 'Invalid OTLP export request' } };
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
    // The default 1 MiB decoded-body cap is far above 100 events of any realistic size: an oversized
    // body is a batch that should have been split.
    case 'body-too-large':
      return documentsExample(op, 400, 'tooManyEvents') ? exampleReply(op, 400, 'tooManyEvents') : badBatch(op);
    case 'invalid-json':
    case 'invalid-body':
    case 'undecodable-body':
    case 'unsupported-encoding':
      return badBatch(op);
    case 'invalid-parameter':
      // Content-Encoding outside gzip/identity has no x-invalid-response: the body cannot be read as a batch.
      if (!failure.param.invalidResponse) return badBatch(op);
      break;
    default:
      break;
  }
  const reply = specErrorReply(failure, op);
  if (!reply) throw new Error(`No documented answer for ${failure.kind} on ${op.id}`);
  return reply;
}
