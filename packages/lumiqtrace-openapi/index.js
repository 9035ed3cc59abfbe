// The bundled spec, for tools that want it as a module. Paths to the raw files:
// '@apiforge/lumiqtrace-openapi/openapi.json' and '@apiforge/lumiqtrace-openapi/openapi.yaml'.
import { readFileSync } from 'node:fs';

export const specPath = new URL('./dist/openapi.json', import.meta.url);
export const spec = JSON.parse(readFileSync(specPath, 'utf8'));
export default spec;
