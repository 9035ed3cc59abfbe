/**
 * Typed errors come from @apiforge/client-core, shared by every apiforge client: 400 BadRequestError,
 * 401 AuthenticationError, 403 PermissionDeniedError, 404 NotFoundError, 429 RateLimitError (retryAfter in
 * seconds; `body.error` tells "Rate limit exceeded" from "Monthly quota exceeded"), 5xx InternalServerError;
 * no response: ApiConnectionError, ApiTimeoutError, ApiAbortError.
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
  PermissionDeniedError,
  RateLimitError,
  type ApiRequestSummary,
} from '@apiforge/client-core';

import { RateLimitError } from '@apiforge/client-core';

/** The documented 429 message for an organization out of monthly events: retrying cannot help. */
export const MONTHLY_QUOTA_EXCEEDED = 'Monthly quota exceeded';

/** Whether an error is the monthly-quota 429 (not a rate limit; the spec says never retry it). */
export function isMonthlyQuotaExceeded(error: unknown): boolean {
  return error instanceof RateLimitError && (error.body as { error?: unknown } | undefined)?.error === MONTHLY_QUOTA_EXCEEDED;
}
