#!/usr/bin/env node
// Regenerates src/generated from the bundled Lucent spec (shared generator: tools/client-gen).
import { fileURLToPath } from 'node:url';
import { generateClient } from '@apiforge/client-gen';

await generateClient({
  packageRoot: fileURLToPath(new URL('..', import.meta.url)),
  specPath: fileURLToPath(import.meta.resolve('@apiforge/lucent-openapi/openapi.json')),
  specPackage: '@apiforge/lucent-openapi',
});
