type Json = any;
export declare function loadBundledSpec(specUrl: URL | string): Json;
export declare function describeBundledSpecValidity(api: string, specUrl: URL | string): void;
export interface SpecReader {
  spec: Json;
  deref(node: Json): Json;
  op(method: string, path: string): Json;
  param(operation: Json, name: string): Json;
  response(operation: Json, status: string): Json;
  namedExamples(response: Json, mediaType?: string): Record<string, Json>;
  exampleBodies(response: Json, mediaType?: string): Json[];
  headerNames(response: Json): string[];
  operations: Array<{ method: string; path: string; operation: Json }>;
}
export declare function specReader(spec: Json): SpecReader;
