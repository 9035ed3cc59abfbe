import { createOperationSamples } from '@apiforge/client-core';
import { OPERATIONS } from './operations.js';

/**
 * operationId → (example values) => the TypeScript call through this package, e.g.
 * `const page = await client.events.list({ projectId: 'proj_7f3k2m', limit: 50 });`; tools/docs renders
 * them next to curl. `sampleSetup(operationId)` is the import and client construction they assume.
 */
export const { operationSamples, sampleSetup } = createOperationSamples(OPERATIONS, {
  data: {
    variable: 'client',
    setup: [
      "import { LumiqTraceClient } from '@apiforge/lumiqtrace-client';",
      '',
      'const client = new LumiqTraceClient({ sessionToken: process.env.LUMIQTRACE_SESSION_TOKEN! });',
    ],
  },
  ingest: {
    variable: 'ingest',
    setup: [
      "import { LumiqTraceIngestClient } from '@apiforge/lumiqtrace-client';",
      '',
      'const ingest = new LumiqTraceIngestClient({ apiKey: process.env.LUMIQTRACE_API_KEY! });',
    ],
  },
});

export type { OperationSample, SampleArgs } from '@apiforge/client-core';
