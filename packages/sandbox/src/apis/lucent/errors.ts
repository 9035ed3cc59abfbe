import { documentsExample, exampleReply, specErrorReply, type Failure, type OperationInfo, type Reply } from '../../engine/index.js';

const INVALID_JSON = 'invalidJson';

/** The Bearer challenge of a Data API 401: it names the scope the operation needs (`Bearer scope="read:lucent"`). */
function bearerChallenge(op: OperationInfo, scheme: string): string | undefined {
  const scopes = op.security.find((requirement) => scheme in requirement)?.[scheme];
  return scopes && scopes.length > 0 ? `Bearer scope="${scopes.join(' ')}"` : undefined;
}

/** Lucent's documented bodies for refusals the spec does not map by itself. */
export function lucentErrorReply(failure: Failure, op: OperationInfo | undefined): Reply {
  if (failure.kind === 'method-not-allowed') return { status: 405, body: { error: 'Method not allowed' } };
  if (failure.kind === 'route-not-found' || !op) return { status: 404, body: { error: 'Not found' } };
  switch (failure.kind) {
    case 'unauthenticated': {
      if (failure.scheme.type === 'apiKey') {
        return exampleReply(op, 401, failure.reason === 'missing' ? 'missingApiKey' : 'invalidApiKey');
      }
      const challenge = bearerChallenge(op, failure.scheme.name);
      const reply = exampleReply(op, 401);
      return challenge ? { ...reply, headers: { 'www-authenticate': challenge } } : reply;
    }
    case 'internal-error':
      // The ingest API documents its 500; the Data API documents none, so it gets the generic body.
      return op.responses['500'] ? exampleReply(op, 500) : { status: 500, body: { error: 'Internal server error' } };
    case 'invalid-json':
    // A Content-Type the operation does not take: its documented "cannot be read as JSON" answer.
    case 'unsupported-media-type':
      return exampleReply(op, 400, INVALID_JSON);
    case 'invalid-body':
      if (documentsExample(op, 400, 'invalidBatch')) {
        // Lucent validates batches with Zod: `details` are Zod issues (code, path as keys and indexes, message).
        const example = exampleReply(op, 400, 'invalidBatch').body as { error: string };
        return { status: 400, body: { error: example.error, details: failure.issues } };
      }
      if (documentsExample(op, 400, 'invalidStatus')) return exampleReply(op, 400, 'invalidStatus');
      return exampleReply(op, 400, INVALID_JSON);
    case 'body-too-large':
      return exampleReply(op, 413, 'bodyTooLarge');
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
