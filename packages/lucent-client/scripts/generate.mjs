#!/usr/bin/env node
// Regenerates src/generated from the bundled Lucent spec (shared generator: tools/client-gen). The
// surface below is what the spec cannot say: class names, credential labels, environment variables.
import { fileURLToPath } from 'node:url';
import { generateClient } from '@apiforge/client-gen';

await generateClient({
  packageRoot: fileURLToPath(new URL('..', import.meta.url)),
  specPath: fileURLToPath(import.meta.resolve('@apiforge/lucent-openapi/openapi.json')),
  specPackage: '@apiforge/lucent-openapi',
  surface: {
    packageName: '@apiforge/lucent-client',
    envPrefix: 'LUCENT',
    errorClass: 'LucentCredentialError',
    clients: {
      data: {
        className: 'LucentClient',
        factory: 'createLucentDataClient',
        schemes: ['bearerAuth'],
        credential: { option: 'apiKey', env: 'LUCENT_API_KEY', label: 'a Data API token' },
        baseUrlEnv: 'LUCENT_BASE_URL',
        doc: 'Lucent Data API: issues, signals, insights. Every request is scoped to the organization that owns the token.',
      },
      ingest: {
        className: 'LucentIngestClient',
        factory: 'createLucentIngestClient',
        schemes: ['ingestKeyHeader', 'ingestKeyQuery'],
        // The api_key query form is for sendBeacon only: calls send the key in its header.
        credential: { option: 'publicKey', env: 'LUCENT_PUBLIC_KEY', label: 'an ingest public key', headersOnly: true },
        baseUrlEnv: 'LUCENT_INGEST_BASE_URL',
        baseUrlAliases: ['ingestBaseUrl'],
        extendedBy: true,
        doc: 'Lucent Ingest API: session replay batches, authenticated with a public key.',
      },
    },
    operations: {
      submitReplayBatch: { resource: 'replay', method: 'submit' },
      getIssue: { resultName: '{ issue }' },
      updateIssueStatus: { resultName: '{ issue }' },
    },
  },
});
