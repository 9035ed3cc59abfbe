import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { OpenApiDocument } from './openapi.js';

/**
 * The bundled spec an API's spec package publishes (e.g. `@apiforge/luludesk-openapi/openapi.json`),
 * read fresh at every start. `pkg` names the package in the error that says how to build it.
 */
export function loadBundledSpec(specifier: string, pkg: string): OpenApiDocument {
  const require = createRequire(import.meta.url);
  try {
    return JSON.parse(readFileSync(require.resolve(specifier), 'utf8')) as OpenApiDocument;
  } catch (error) {
    throw new Error(`Cannot read the bundled spec ${specifier}. Build it with: pnpm --filter ${pkg} build\n${(error as Error).message}`);
  }
}
