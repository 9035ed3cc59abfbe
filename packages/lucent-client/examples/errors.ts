import {
  ApiConnectionError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  LucentClient,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from '@apiforge/lucent-client';

const client = new LucentClient({ apiKey: process.env.LUCENT_API_KEY! });

try {
  await client.issues.updateStatus('87b3a6b6-5af5-438b-a39c-eff148a68ccb', { status: 'resolved' });
} catch (error) {
  if (error instanceof NotFoundError) {
    console.log('No such issue in this organization');
  } else if (error instanceof BadRequestError) {
    console.log(`Refused: ${error.message}`); // e.g. "issueId must be a UUID"
  } else if (error instanceof PermissionDeniedError) {
    console.log(`The key lacks a scope: ${error.message}`); // "Missing required scope: write:issues"
  } else if (error instanceof AuthenticationError) {
    console.log('The key is unknown or revoked');
  } else if (error instanceof RateLimitError) {
    console.log(`Still rate limited after retries; try again in ${error.retryAfter ?? '?'} s`);
  } else if (error instanceof ApiConnectionError) {
    console.log(`No response: ${error.message}`); // also ApiTimeoutError
  } else if (error instanceof ApiError) {
    console.log(error.status, error.message, error.requestId, error.headers.get('cache-control'));
  } else {
    throw error;
  }
}
