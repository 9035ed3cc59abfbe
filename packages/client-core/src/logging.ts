/**
 * Logging and the onRequest/onResponse hooks of a client connection: log lines and hook events are
 * built from the SDK client's observer, with credentials redacted. Built in wherever the package is
 * not bundled for a browser (`#logging`, default condition: logging-builtin.ts); a browser bundle
 * gets it by importing `@apiforge/client-core/logging` once (logging-browser.ts says so when it is
 * missing), so pages that never log do not ship it.
 */
import type { ClientDefinition, ClientOptions, Env, LogLevel, RequestEvent } from './api-client.js';
import { ApiError } from './errors.js';
import { collectSecrets, redactHeaders, redactUrl } from './redact.js';
import type { RetryInfo } from './retry.js';
import type { SdkObserver } from './sdk-client.js';

/** What a connection plugs into its SDK client and transport; undefined when nothing listens. */
export interface ConnectionLogging {
  observer?: SdkObserver;
  onRetry?: (info: RetryInfo) => void;
}

export type LoggingFactory = (definition: ClientDefinition, options: ClientOptions, env: Env) => ConnectionLogging | undefined;

const LEVELS: Readonly<Record<LogLevel, number>> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

/** The observer and retry logger for a client's options; undefined (no cost per call) when nothing listens. */
export const createLogging: LoggingFactory = (definition, options, env) => {
  const fromEnv = env[`${definition.envPrefix}_LOG`] || env.APIFORGE_LOG;
  const name = options.logLevel ?? (fromEnv as LogLevel | undefined) ?? 'off';
  const level = LEVELS[name];
  if (level === undefined) throw new TypeError(`logLevel must be one of ${Object.keys(LEVELS).join(', ')}; got ${JSON.stringify(name)}${options.logLevel ? '' : ' from the environment'}.`);
  const { onRequest, onResponse } = options;
  if (level === 0 && !onRequest && !onResponse) return undefined;
  const logger = options.logger ?? console;
  const tag = `[${definition.envPrefix.toLowerCase()}]`;
  const safely = (hook: () => void) => {
    try {
      hook();
    } catch (error) {
      logger.warn(`${tag} an onRequest/onResponse hook threw; the call goes on.`, error);
    }
  };
  /** A call ended: answered (2xx, or an ApiError with a status) or failed. */
  const ended = (request: RequestEvent, secrets: readonly string[], startedAt: number, response: Response | undefined, error?: unknown): void => {
    const durationMs = Date.now() - startedAt;
    const failure = error instanceof ApiError ? error : undefined;
    const status = response?.status ?? failure?.status;
    if (status !== undefined) {
      const responseHeaders = response ? redactHeaders(response.headers, secrets).toJSON() : (failure?.headers.toJSON() ?? {});
      const requestId = responseHeaders['x-request-id'] ?? responseHeaders['request-id'] ?? failure?.requestId;
      if (onResponse) safely(() => onResponse({ ...request, status, responseHeaders, requestId, durationMs }));
      if (response && level >= 3) logger.info(`${tag} ← ${request.method} ${request.url} ${status} in ${durationMs} ms${requestId ? ` (request id ${requestId})` : ''}`);
    }
    // ApiError messages and URLs are redacted where they are made.
    if (!response && level >= 1) logger.error(`${tag} ✕ ${request.method} ${request.url}: ${describe(error)}`);
  };
  const onRetry = level >= 2 || options.retry?.onRetry
    ? (info: RetryInfo) => {
        options.retry?.onRetry?.(info);
        if (level >= 2) logger.warn(`${tag} retry ${info.retry} of ${info.request?.method ?? 'a call'} ${info.request?.url ?? ''} in ${Math.round(info.delayMs)} ms: ${describe(info.error)}`);
      }
    : undefined;
  const observer: SdkObserver = async (call, send) => {
    const startedAt = Date.now();
    // Redacted once per call: the request event serves the start and the end.
    const secrets = collectSecrets(call);
    const request: RequestEvent = { method: call.method, url: redactUrl(call.url), headers: redactHeaders(call.headers, secrets).toJSON() };
    if (onRequest) safely(() => onRequest(request));
    if (level >= 4) logger.debug(`${tag} → ${request.method} ${request.url}`, request.headers);
    try {
      const result = await send();
      ended(request, secrets, startedAt, result.response);
      return result;
    } catch (error) {
      ended(request, secrets, startedAt, undefined, error);
      throw error;
    }
  };
  return { observer, ...(onRetry ? { onRetry } : {}) };
};

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const id = error instanceof ApiError && error.requestId ? ` (request id ${error.requestId})` : '';
  return `${error.name}: ${error.message}${id}`;
}

