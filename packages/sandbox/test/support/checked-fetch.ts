import { expect } from 'vitest';
import type { ConformanceChecker } from '../../src/engine/index.js';

export interface CheckedResult {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is empty or not JSON. */
  json: any;
}

/**
 * One request to a test sandbox; unless `unchecked`, the answer of a spec operation must conform to the
 * spec (status, media type, body schema, declared headers).
 */
export async function checkedFetch(
  conformance: ConformanceChecker,
  baseUrl: string,
  method: string,
  path: string,
  init: { headers: Record<string, string>; body?: BodyInit | undefined; unchecked?: boolean | undefined },
): Promise<CheckedResult> {
  const response = await fetch(baseUrl + path, { method, headers: init.headers, body: init.body, signal: AbortSignal.timeout(20_000) });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!init.unchecked && conformance.operationFor(method, path)) {
    expect(conformance.check({ method, path, status: response.status, headers: response.headers, body: text })).toEqual([]);
  }
  return { status: response.status, headers: response.headers, text, json };
}
