import { ApiError } from './errors.js';
import type { RetryOptions } from './retry.js';

/**
 * A response's retry policy as a spec declares it in `x-retry` (see @apiforge/lumiqtrace-openapi):
 * `never`, `after-retry-after` (wait the Retry-After header), or `exponential-backoff` from
 * `initialDelayMs`, times `multiplier` per retry, at most `maxDelayMs`. `except` lists error messages
 * (the body's message field) that are never retried, e.g. a 429 "Monthly quota exceeded".
 */
export interface SpecRetryRule {
  readonly retry: 'never' | 'after-retry-after' | 'exponential-backoff' | (string & {});
  readonly except?: readonly string[];
  readonly initialDelayMs?: number;
  readonly multiplier?: number;
  readonly maxDelayMs?: number;
}

/** x-retry by response status ("429", "500", "4XX", "default"), as generated from the spec. */
export type SpecRetryTable = Readonly<Record<string, SpecRetryRule>>;

export interface SpecRetryOptions {
  /** Body field holding the error message `except` compares with. Default `error`. */
  messageField?: string;
}

/** The rule for an error's status: exact status, then its range (`5XX`), then `default`. */
export function specRetryRuleFor(table: SpecRetryTable, error: unknown): SpecRetryRule | undefined {
  if (!(error instanceof ApiError) || error.status === undefined) return undefined;
  const status = String(error.status);
  return table[status] ?? table[`${status[0]}XX`] ?? table['default'];
}

function messageOf(error: ApiError, field: string): string | undefined {
  const body = error.body;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const value = (body as Record<string, unknown>)[field];
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

/**
 * client-core retry hooks that follow a spec's x-retry table. Statuses without a rule, and failures
 * without a response (connection errors, timeouts), keep client-core's default policy.
 */
export function specRetryOptions(table: SpecRetryTable, options: SpecRetryOptions = {}): Pick<RetryOptions, 'shouldRetry' | 'retryDelayMs'> {
  const field = options.messageField ?? 'error';
  return {
    shouldRetry(error) {
      const rule = specRetryRuleFor(table, error);
      if (!rule) return undefined;
      if (rule.retry === 'never') return false;
      const message = messageOf(error as ApiError, field);
      if (message !== undefined && rule.except?.includes(message)) return false;
      return rule.retry === 'after-retry-after' || rule.retry === 'exponential-backoff';
    },
    retryDelayMs(error, { retriesSoFar }) {
      const rule = specRetryRuleFor(table, error);
      if (rule?.retry === 'after-retry-after') {
        const seconds = (error as ApiError).retryAfter;
        return seconds === undefined ? undefined : seconds * 1000;
      }
      if (rule?.retry === 'exponential-backoff' && rule.initialDelayMs !== undefined) {
        const delay = rule.initialDelayMs * (rule.multiplier ?? 2) ** retriesSoFar;
        return rule.maxDelayMs === undefined ? delay : Math.min(delay, rule.maxDelayMs);
      }
      return undefined;
    },
  };
}
