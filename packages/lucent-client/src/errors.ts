/**
 * Typed errors come from @apiforge/client-core, shared by every apiforge
 * client, so `instanceof` works across them. Status → class:
 * 400 BadRequestError, 401 AuthenticationError, 403 PermissionDeniedError,
 * 404 NotFoundError, 413 PayloadTooLargeError, 429 RateLimitError (retryAfter
 * in seconds), 5xx InternalServerError; no response: ApiConnectionError,
 * ApiTimeoutError (a connection error), ApiAbortError.
 */
export {
  ApiError,
  ApiAbortError,
  ApiConnectionError,
  ApiTimeoutError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  InvalidResponseError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  type ApiRequestSummary,
} from '@apiforge/client-core';
