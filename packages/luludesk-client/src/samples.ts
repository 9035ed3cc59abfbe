import { createOperationSamples } from '@apiforge/client-core';
import { OPERATIONS } from './operations.js';

/**
 * operationId → (example values) => the idiomatic call, e.g.
 * `const page = await client.handoffs.list({ status: 'pending', limit: 50 });`, and the import and
 * construction in front of it (used by the reference docs' TypeScript samples).
 */
export const { operationSamples, sampleSetup } = createOperationSamples(OPERATIONS, {
  insights: {
    variable: 'client',
    setup: [
      "import { LuluDeskClient } from '@apiforge/luludesk-client';",
      '',
      'const client = new LuluDeskClient({',
      '  apiKey: process.env.LULUDESK_API_KEY!,',
      '  workspaceId: process.env.LULUDESK_WORKSPACE_ID!,',
      '});',
    ],
  },
});
export type { OperationSample, SampleArgs } from '@apiforge/client-core';
