#!/usr/bin/env node
// Regenerates src/generated from the bundled LuluDesk spec (shared generator: tools/client-gen). The
// surface below is what the spec cannot say: class names, credential labels, environment variables.
import { fileURLToPath } from 'node:url';
import { generateClient } from '@apiforge/client-gen';

await generateClient({
  packageRoot: fileURLToPath(new URL('..', import.meta.url)),
  specPath: fileURLToPath(import.meta.resolve('@apiforge/luludesk-openapi/openapi.json')),
  specPackage: '@apiforge/luludesk-openapi',
  surface: {
    packageName: '@apiforge/luludesk-client',
    envPrefix: 'LULUDESK',
    errorClass: 'LuluDeskCredentialError',
    errorLabel: 'workspace id',
    clients: {
      insights: {
        className: 'LuluDeskClient',
        factory: 'createLuluDeskDataClient',
        schemes: ['bearerAuth'],
        credential: { option: 'apiKey', env: 'LULUDESK_API_KEY', label: 'a workspace API key' },
        baseUrlEnv: 'LULUDESK_BASE_URL',
        // Every path is under the workspace: no method takes its id.
        fixedPath: { id: { option: 'workspaceId', env: 'LULUDESK_WORKSPACE_ID', label: 'the workspace UUID (e.g. 550e8400-e29b-41d4-a716-446655440000)' } },
        doc: 'LuluDesk Insights API of one workspace: insights, conversations, handoffs, usage, knowledge sources. Read-only, so every call may be retried.',
      },
    },
    operations: {
      getInsights: { resultName: 'summary' },
      getUsage: { resultName: 'usage' },
    },
  },
});
