#!/usr/bin/env node
// Regenerates src/generated from the bundled LumiqTrace spec (shared generator: tools/client-gen). The
// surface below is what the spec cannot say: class names, credential labels, environment variables.
import { fileURLToPath } from 'node:url';
import { generateClient } from '@apiforge/client-gen';

await generateClient({
  packageRoot: fileURLToPath(new URL('..', import.meta.url)),
  specPath: fileURLToPath(import.meta.resolve('@apiforge/lumiqtrace-openapi/openapi.json')),
  specPackage: '@apiforge/lumiqtrace-openapi',
  surface: {
    packageName: '@apiforge/lumiqtrace-client',
    envPrefix: 'LUMIQTRACE',
    errorClass: 'LumiqTraceCredentialError',
    clients: {
      data: {
        className: 'LumiqTraceClient',
        factory: 'createLumiqTraceDataClient',
        schemes: ['sessionBearer'],
        credential: { option: 'sessionToken', env: 'LUMIQTRACE_SESSION_TOKEN', label: 'a dashboard session token' },
        baseUrlEnv: 'LUMIQTRACE_BASE_URL',
        doc: 'The dashboard endpoints (event log, traces, metrics), authenticated with a session token.',
      },
      ingest: {
        className: 'LumiqTraceIngestClient',
        factory: 'createLumiqTraceIngestClient',
        schemes: ['projectApiKey'],
        credential: { option: 'apiKey', env: 'LUMIQTRACE_API_KEY', label: 'a project API key' },
        baseUrlEnv: 'LUMIQTRACE_BASE_URL',
        extendedBy: true,
        doc: 'NDJSON event ingest and OTLP traces, authenticated with a project API key (x-api-key).',
      },
    },
    operations: {
      ingestEvents: { resource: '', method: 'send' },
      exportOtelTraces: { resource: 'otel', method: 'export' },
      getTrace: { resultName: 'spans' },
      getProjectOverview: { resource: 'projects', method: 'overview', resultName: 'overview' },
      getCosts: { resource: 'costs', method: 'get', resultName: 'costs' },
      getPerformance: { resource: 'performance', method: 'get', resultName: 'performance' },
    },
  },
});
