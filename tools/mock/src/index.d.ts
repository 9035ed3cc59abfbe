import type { ChildProcess } from 'node:child_process';

export interface MockOptions {
  /** API name; the mock serves packages/<api>-openapi/dist/openapi.yaml. */
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
}

export interface RunningMock {
  url: string;
  port: number;
  close(): Promise<void>;
  process: ChildProcess;
}

/** Starts Prism 5.14.2 on the bundled spec and resolves once it answers HTTP. */
export function startMock(options: MockOptions): Promise<RunningMock>;
/** Path of an API's bundled YAML spec; throws a readable error for unknown or unbuilt APIs. */
export function specPathFor(api: string): string;
/** APIs with a spec package in this repository. */
export function availableApis(): string[];
