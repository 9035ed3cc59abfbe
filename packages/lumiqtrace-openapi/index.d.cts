/** Location of the bundled OpenAPI 3.1 JSON file inside this package. */
export declare const specPath: URL;
/** The bundled OpenAPI 3.1 document (parsed JSON). */
export declare const spec: Record<string, unknown> & { openapi: string; paths: Record<string, unknown> };
export default spec;
