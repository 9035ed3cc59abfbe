import { createOperationSamples } from '@apiforge/client-core/samples';
import { OPERATIONS } from './operations.js';

/**
 * operationId → (example values) => the idiomatic call, e.g.
 * `const page = await client.issues.list({ status: 'unresolved', limit: 25 });`, and the import and
 * construction in front of it (used by the reference docs' TypeScript samples). Rendered by client-core
 * from the same binding table the resources follow.
 */
export const { operationSamples, sampleSetup } = createOperationSamples(OPERATIONS, {
  data: {
    variable: 'client',
    setup: [
      "import { LucentClient } from '@apiforge/lucent-client';",
      '',
      'const client = new LucentClient({ apiKey: process.env.LUCENT_API_KEY! });',
    ],
  },
  ingest: {
    variable: 'ingest',
    setup: [
      "import { LucentIngestClient } from '@apiforge/lucent-client';",
      '',
      "const ingest = new LucentIngestClient({ publicKey: 'luc_pk_your_public_key' });",
    ],
  },
});
export type { OperationSample, SampleArgs } from '@apiforge/client-core/samples';
