import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { OpenApiDocument } from '../../engine/index.js';

/** The bundled spec published by @apiforge/lucent-openapi, read fresh at every start. */
export function loadLucentSpec(): OpenApiDocument {
  const require = createRequire(import.meta.url);
  let file: string;
  try {
    file = require.resolve('@apiforge/lucent-openapi/openapi.json');
    return JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument;
  } catch (error) {
    throw new Error(
      `Cannot read the bundled Lucent spec (@apiforge/lucent-openapi/openapi.json). ` +
        `Build it with: pnpm --filter @apiforge/lucent-openapi build\n${(error as Error).message}`,
    );
  }
}
