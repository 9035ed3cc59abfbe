// Adds Redoc's `x-codeSamples` (curl + TypeScript client) to every operation of a copy of the spec.
import { curlSample, exampleRequest } from './curl-sample.mjs';
import { operations } from './spec-walk.mjs';

export const CURL_LABEL = 'curl';
export const TYPESCRIPT_LABEL = 'TypeScript';

/** The example values handed to a client's operationSamples[operationId], grouped like the spec's parameters. */
export function sampleArgs(spec, entry) {
  const request = exampleRequest(spec, entry);
  return { path: request.pathParams, query: request.query, body: request.body?.value };
}

function typescriptSample(clientSamples, operationId, args) {
  const call = clientSamples.samples[operationId](args);
  if (typeof call !== 'string' || call.trim() === '') {
    throw new Error(`${clientSamples.packageName}: operationSamples.${operationId} returned no source`);
  }
  const setup = clientSamples.setup?.(operationId);
  return setup ? `${setup.trimEnd()}\n\n${call}` : call;
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
      const source = typescriptSample(clientSamples, operation.operationId, sampleArgs(copy, entry));
      typescriptSources[id] = source;
      samples.push({ lang: 'TypeScript', label: TYPESCRIPT_LABEL, source });
    }
    operation['x-codeSamples'] = [...samples, ...(operation['x-codeSamples'] ?? [])];
  }
  return { spec: copy, typescriptSources };
}
