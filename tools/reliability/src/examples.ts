import fc from 'fast-check';
import type { OperationInfo } from '@apiforge/sandbox/engine';
import { arbitraryFromSchema } from '@apiforge/contract';

/** A documented request body of the operation: its first example, else a value generated from the schema (fixed seed). */
export function exampleBody(doc: unknown, op: OperationInfo): { contentType: string; value: unknown; ndjson: boolean } | undefined {
  const entries = Object.entries(op.requestBody?.content ?? {});
  const [contentType, media] = entries[0] ?? [];
  if (!contentType || !media) return undefined;
  const example = Object.values(media.examples)[0];
  let value = example;
  if (value === undefined) {
    let schema: unknown = doc;
    for (const part of (media.schemaPointer ?? '').replace(/^#?\//, '').split('/')) schema = (schema as Record<string, unknown>)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    value = fc.sample(arbitraryFromSchema(doc, schema), { numRuns: 1, seed: 1 })[0];
  }
  return { contentType, value, ndjson: media.ndjson !== undefined };
}

export function serializeBody(value: unknown, ndjson: boolean): string {
  if (ndjson) return (Array.isArray(value) ? value : [value]).map((line) => JSON.stringify(line)).join('\n') + '\n';
  return JSON.stringify(value);
}
