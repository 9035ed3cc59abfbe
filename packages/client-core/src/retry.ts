import {
  ApiAbortError,
  ApiConnectionError,
  ApiError,
  InternalServerError,
  RateLimitError,
  type ApiRequestSummary,
} from './errors.js';

export interface RetryDecisionContext {
  /** Retries already made (0 when deciding on the first failure). */
  readonly retriesSoFar: number;
  /** What the default policy decided, so a hook can veto or extend it. */
  readonly defaultDecision: boolean;
  readonly request: ApiRequestSummary | undefined;
}

/**
 * Return false to veto a retry (e.g. a 429 "Monthly quota exceeded"), true to
 * force one, undefined to keep the default decision.
 */
export type ShouldRetryHook = (error: unknown, context: RetryDecisionContext) => boolean | undefined;

export interface RetryInfo {
  /** 1 for the first retry. */
  readonly retry: number;
  readonly delayMs: number;
  /** Already redacted: no credentials. */
  readonly error: unknown;
  readonly request: ApiRequestSummary | undefined;
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Return a delay in ms to use it, or undefined to keep the default delay (`defaultDelayMs`). */
export type RetryDelayHook = (error: unknown, context: { readonly retriesSoFar: number; readonly defaultDelayMs: number }) => number | undefined;

export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number | undefined;
  /** First backoff ceiling; doubles per retry. Default 500 ms. */
  initialRetryDelayMs?: number | undefined;
  /** Backoff ceiling for exponential backoff. Default 8 s. */
  maxBackoffMs?: number | undefined;
  /** Cap applied to a server's Retry-After. Default 60 s. */
  maxRetryDelayMs?: number | undefined;
  shouldRetry?: ShouldRetryHook | undefined;
  /**
   * The delay before a retry, overriding the default (Retry-After, else full-jitter backoff) when it
   * returns a number: e.g. a spec's own backoff policy. Capped at maxRetryDelayMs.
   */
  retryDelayMs?: RetryDelayHook | undefined;
  onRetry?: ((info: RetryInfo) => void) | undefined;
  /** Injectable for tests. */
  sleep?: Sleep | undefined;
  /** Injectable for tests; must return [0, 1). */
  random?: (() => number) | undefined;
}

export const RETRY_DEFAULTS = {
  maxRetries: 2,
  initialRetryDelayMs: 500,
  maxBackoffMs: 8_000,
  maxRetryDelayMs: 60_000,
} as const;

export interface ResolvedRetryOptions {
  maxRetries: number;
  initialRetryDelayMs: number;
  maxBackoffMs: number;
  maxRetryDelayMs: number;
  shouldRetry: ShouldRetryHook | undefined;
  retryDelayMs: RetryDelayHook | undefined;
  onRetry: ((info: RetryInfo) => void) | undefined;
  sleep: Sleep;
  random: () => number;
}

export function resolveRetryOptions(options: RetryOptions = {}): ResolvedRetryOptions {
  return {
    maxRetries: options.maxRetries ?? RETRY_DEFAULTS.maxRetries,
    initialRetryDelayMs: options.initialRetryDelayMs ?? RETRY_DEFAULTS.initialRetryDelayMs,
    maxBackoffMs: options.maxBackoffMs ?? RETRY_DEFAULTS.maxBackoffMs,
    maxRetryDelayMs: options.maxRetryDelayMs ?? RETRY_DEFAULTS.maxRetryDelayMs,
    shouldRetry: options.shouldRetry,
    retryDelayMs: options.retryDelayMs,
    onRetry: options.onRetry,
    sleep: options.sleep ?? sleep,
    random: options.random ?? Math.random,
  };
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

export function isIdempotentMethod(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

/**
 * Default classification: 408, 429, 5xx, connection failures and timeouts are
 * transient. 400/401/403/404/413/422 and aborts never are. A bare TypeError is
 * what `fetch` throws on a network failure, so it counts as a connection error.
 */
export function isRetryableError(error: unknown): boolean {
  if (error instanceof ApiAbortError) return false;
  if (error instanceof ApiConnectionError) return true;
  if (error instanceof RateLimitError || error instanceof InternalServerError) return true;
  if (error instanceof ApiError) return error.status === 408;
  return error instanceof TypeError;
}

export function shouldRetryError(error: unknown, retriesSoFar: number, options: ResolvedRetryOptions): boolean {
  // A Retry-After beyond what the caller is willing to wait is certain to fail if retried early:
  // give up at once with the typed error, whose retryAfter says when to come back.
  // No hook can override this: retrying before the server's own time is wasted load.
  if (retriesSoFar >= options.maxRetries || error instanceof ApiAbortError || retryAfterMs(error) > options.maxRetryDelayMs) return false;
  const defaultDecision = isRetryableError(error);
  return options.shouldRetry?.(error, { retriesSoFar, defaultDecision, request: requestOf(error) }) ?? defaultDecision;
}

/**
 * Delay before retry number `retriesSoFar + 1`: the server's Retry-After when
 * it sent one (capped at maxRetryDelayMs), otherwise full-jitter exponential
 * backoff in [0, min(maxBackoffMs, initialRetryDelayMs * 2^retriesSoFar)).
 */
export function computeRetryDelayMs(error: unknown, retriesSoFar: number, options: ResolvedRetryOptions): number {
  const defaultDelayMs = defaultRetryDelayMs(error, retriesSoFar, options);
  const chosen = options.retryDelayMs?.(error, { retriesSoFar, defaultDelayMs });
  return chosen === undefined ? defaultDelayMs : Math.min(Math.max(0, chosen), options.maxRetryDelayMs);
}

/** The server's Retry-After of a 429 or 503 in ms; -1 without one. */
function retryAfterMs(error: unknown): number {
  return error instanceof ApiError && error.retryAfter !== undefined && (error.status === 429 || error.status === 503) ? error.retryAfter * 1000 : -1;
}

function requestOf(error: unknown): ApiRequestSummary | undefined {
  return error instanceof ApiError ? error.request : undefined;
}

function defaultRetryDelayMs(error: unknown, retriesSoFar: number, options: ResolvedRetryOptions): number {
  const serverMs = retryAfterMs(error);
  return serverMs < 0 ? options.random() * backoffCeilingMs(retriesSoFar, options) : Math.min(serverMs, options.maxRetryDelayMs);
}

export function backoffCeilingMs(retriesSoFar: number, options: ResolvedRetryOptions): number {
  return Math.min(options.maxBackoffMs, options.initialRetryDelayMs * 2 ** retriesSoFar);
}

export interface RunWithRetriesOptions {
  /** Non-idempotent work runs once. */
  idempotent: boolean;
  signal?: AbortSignal | undefined;
  /** Turns whatever the attempt threw into the error the policy and caller see. */
  normalizeError?: ((error: unknown) => unknown) | undefined;
}

/** Runs `attempt` until it resolves or the policy gives up; throws the last error. */
export async function runWithRetries<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  policy: ResolvedRetryOptions,
  run: RunWithRetriesOptions,
): Promise<T> {
  try {
    return await attempt(1);
  } catch (thrown) {
    return continueRetries(thrown, attempt, policy, run);
  }
}

/**
 * The retry loop after the first attempt failed with `firstFailure` (what runWithRetries does after
 * its first attempt), for callers that ran the first attempt themselves so success costs no loop.
 */
export async function continueRetries<T>(
  firstFailure: unknown,
  attempt: (attemptNumber: number) => Promise<T>,
  policy: ResolvedRetryOptions,
  run: RunWithRetriesOptions,
): Promise<T> {
  let thrown = firstFailure;
  for (let retriesSoFar = 0; ; retriesSoFar++) {
    const error = run.normalizeError ? run.normalizeError(thrown) : thrown;
    if (!run.idempotent || !shouldRetryError(error, retriesSoFar, policy)) throw error;
    const delayMs = computeRetryDelayMs(error, retriesSoFar, policy);
    policy.onRetry?.({ retry: retriesSoFar + 1, delayMs, error, request: requestOf(error) });
    try {
      await policy.sleep(delayMs, run.signal);
    } catch {
      throw new ApiAbortError('Request was aborted while waiting to retry.', { cause: error });
    }
    try {
      return await attempt(retriesSoFar + 2);
    } catch (next) {
      thrown = next;
    }
  }
}

/** setTimeout-based sleep that rejects as soon as the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}
