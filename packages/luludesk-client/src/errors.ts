/**
 * Typed errors come from @apiforge/client-core, shared by every apiforge client, so `instanceof`
 * works across them. LuluDesk's status → class: 401 AuthenticationError (`auth_required`),
 * 403 PermissionDeniedError (`forbidden`, `insufficient_scope`; see `code`), 404 NotFoundError
 * (`workspace_not_found`), 422 UnprocessableEntityError (`invalid_params`, with `details`),
 * 429 RateLimitError (`retryAfter` in seconds; the sandbox's limit, LuluDesk publishes none),
 * 5xx InternalServerError; no response: ApiConnectionError, ApiTimeoutError, ApiAbortError.
 * `code` is the body's `error` and `message` its message, where the body has them (LuluDesk shows no
 * error body; the spec assumes these keys).
 */
export {
  ApiError,
  ApiAbortError,
  ApiConnectionError,
  ApiTimeoutError,
  AuthenticationError,
  InternalServerError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  type ApiRequestSummary,
} from '@apiforge/client-core';
