#!/usr/bin/env node
// Regenerates src/generated from the bundled LuluDesk spec (shared generator: tools/client-gen).
import { fileURLToPath } from 'node:url';
import { generateClient } from '@apiforge/client-gen';

await generateClient({
  packageRoot: fileURLToPath(new URL('..', import.meta.url)),
  specPath: fileURLToPath(import.meta.resolve('@apiforge/luludesk-openapi/openapi.json')),
  specPackage: '@apiforge/luludesk-openapi',
});
