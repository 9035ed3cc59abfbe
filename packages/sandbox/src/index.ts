import { apiNames, loadApi, loadSampleValues } from './apis/index.js';
import { startServer, type Credential, type RunningServer } from './engine/index.js';

export interface SandboxOptions {
  /** Which API to serve, e.g. "lucent". */
  api: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Multiplies every documented rate limit (rounded up, at least 1). Default 1. */
  rateLimitScale?: number;
  /** Replaces the documented rate-limit window (60 s) so tests can wait for a reset. */
  rateLimitWindowMs?: number;
  /** Deliberate faults for mutation testing, e.g. ["ordering"]. */
  faults?: string[];
  /** HMAC key for cursors. Default: random per run; pass one so cursors survive a restart (reproducible tests). */
  cursorSecret?: string;
  /** Token the /_sandbox/* routes require (X-Sandbox-Control-Token). Default: none on loopback, random per run beyond it. */
  controlToken?: string;
  /** ms for a whole request (head and body) before 408. Default 30,000. */
  requestTimeoutMs?: number;
  /** ms for the request head. Default 10,000. */
  headersTimeoutMs?: number;
  /** Open connections at most. Default 256. */
  maxConnections?: number;
  /** close() lets in-flight requests finish for this long. Default 10,000. */
  shutdownGraceMs?: number;
}

export type Sandbox = RunningServer;

/** Starts the sandbox of one API; resolves once it listens. */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const module = await loadApi(options.api);
  const { api: _api, ...engineOptions } = options;
  return startServer(module, { port: 0, host: '127.0.0.1', ...engineOptions });
}

export { apiNames };

/**
 * The API registry, for suites that cover every API the sandbox serves (specs, fixture credentials):
 * `loadApi(name)` gives the API module the sandbox runs, `listApis()` the names it serves.
 */
export { loadApi };

export function listApis(): readonly string[] {
  return apiNames;
}

/** The API's fixture credentials: token → tenant (`org`), scopes, kind, revoked. The list is part of the contract. */
export async function fixtureCredentials(name: string): Promise<ReadonlyMap<string, Credential>> {
  return (await loadApi(name)).credentials;
}
/**
 * Values of the API's seeded data that example requests can name, by parameter name (e.g. Lucent
 * `issueId`, LumiqTrace `projectId`/`traceId`), for the tenant (`org`) of a fixture credential: a request
 * built with them finds its records in a freshly started or reset sandbox. The seed is deterministic.
 */
export async function sampleValues(api: string, org: string): Promise<Readonly<Record<string, string>>> {
  return loadSampleValues(api, org);
}
export type { ApiModule, Credential } from './engine/index.js';
export { FAULTS } from './engine/index.js';
export type { FaultName } from './engine/index.js';
