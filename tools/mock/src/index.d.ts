import type { ChildProcess } from 'node:child_process';

export interface MockOptions {
  /** API name; the mock serves the spec of the installed `@apiforge/<api>-openapi` package. */
  api: string;
  /** 0 or omitted picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Show Prism's own log (the CLI does). */
  inheritOutput?: boolean;
  /** How long to wait for Prism to answer. Default 60 000 ms. */
  startTimeoutMs?: number;
  /** Prism's --dynamic mode (generated bodies instead of the spec's examples). */
  dynamic?: boolean;
  /** Prism's --seed, so --dynamic bodies repeat from run to run. */
  seed?: string | number;
  /** Prism's --errors: a request that violates the spec gets an error answer. */
  errors?: boolean;
}

export interface RunningMock {
  url: string;
  port: number;
  close(): Promise<void>;
  process: ChildProcess;
  /** Resolves with Prism's exit code when its process ends. */
  exited: Promise<number>;
}

/** Why the mock could not start (a taken port, Prism failing); `exitCode` is what the CLI exits with. */
export class MockStartError extends Error {
  readonly exitCode: number;
}

/**
 * Starts Prism 5.14.2 on the bundled spec behind our front (gzip bodies decoded, NDJSON uploads answered from
 * the spec) and resolves once a documented request is answered; rejects with MockStartError otherwise.
 */
export function startMock(options: MockOptions): Promise<RunningMock>;
/** Path of an API's bundled YAML spec in its installed `@apiforge/<api>-openapi` package; throws a readable error for unknown, missing or unbuilt ones. */
export function specPathFor(api: string): string;
/** Path of an API's bundled JSON spec in its installed `@apiforge/<api>-openapi` package. */
export function specJsonPathFor(api: string): string;
/** APIs this package serves: the `@apiforge/<api>-openapi` packages it depends on. */
export function availableApis(): string[];
