// Adds Redoc's `x-codeSamples` (curl + TypeScript client) to every operation of a copy of the spec.
import { curlSample, exampleRequest } from './curl-sample.mjs';
import { operations } from './spec-walk.mjs';

export const CURL_LABEL = 'curl';
export const TYPESCRIPT_LABEL = 'TypeScript';

/** The arguments handed to a client's operationSamples[operationId]. */
export function sampleArgs(spec, entry) {
  const request = exampleRequest(spec, entry);
  return {
    pathParams: request.pathParams,
    query: request.query,
    headers: request.headers,
    body: request.body?.value,
  };
}

/**
 * Returns a copy of the spec with samples on every operation, plus the TypeScript sources by
 * operationId (so tests can compile exactly what the page shows).
 */
export function withCodeSamples(spec, clientSamples) {
  const copy = structuredClone(spec);
  const typescriptSources = {};
  for (const entry of operations(copy)) {
    const { operation } = entry;
    const id = operation.operationId ?? `${entry.method.toUpperCase()} ${entry.path}`;
    const samples = [{ lang: 'Shell', label: CURL_LABEL, source: curlSample(copy, entry) }];
    if (clientSamples) {
      const sample = clientSamples.samples[operation.operationId];
      if (typeof sample !== 'function') {
        throw new Error(`${clientSamples.packageName}: operationSamples has no sample for ${id}`);
      }
      const source = sample(sampleArgs(copy, entry));
      if (typeof source !== 'string' || source.trim() === '') {
        throw new Error(`${clientSamples.packageName}: operationSamples.${id} returned no source`);
      }
      typescriptSources[id] = source;
      samples.push({ lang: 'TypeScript', label: TYPESCRIPT_LABEL, source });
    }
    operation['x-codeSamples'] = [...samples, ...(operation['x-codeSamples'] ?? [])];
  }
  return { spec: copy, typescriptSources };
}
