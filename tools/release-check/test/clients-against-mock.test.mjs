// Every operation of every client, with the client's defaults unchanged (gzip ingest, NDJSON uploads,
// retries, timeouts), against `pnpm mock <api>`: a partner's CI that uses our clients against the mock
// gets a documented answer to each call.
import { readFileSync } from 'node:fs';
import { specExampleArgs } from '@apiforge/client-gen/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specPathFor, startMock } from '@apiforge/mock';

/** How to build each client of an API against a base URL: the per-API knowledge the test needs. */
const CLIENTS = {
  lucent: async (baseUrl) => {
    const { LucentClient, LucentIngestClient, OPERATIONS } = await import('@apiforge/lucent-client');
    return { OPERATIONS, clients: { data: new LucentClient({ apiKey: 'luc_api_mock_key', baseUrl }), ingest: new LucentIngestClient({ publicKey: 'luc_pk_mock_key', ingestBaseUrl: baseUrl }) } };
  },
  luludesk: async (baseUrl) => {
    const { LuluDeskClient, OPERATIONS } = await import('@apiforge/luludesk-client');
    const workspaceId = '550e8400-e29b-41d4-a716-446655440000';
    return { OPERATIONS, clients: { insights: new LuluDeskClient({ apiKey: 'lld_0123456789abcdef', workspaceId, baseUrl }) } };
  },
  lumiqtrace: async (baseUrl) => {
    const { LumiqTraceClient, LumiqTraceIngestClient, OPERATIONS } = await import('@apiforge/lumiqtrace-client');
    return { OPERATIONS, clients: { data: new LumiqTraceClient({ sessionToken: 'mock-session-token', baseUrl }), ingest: new LumiqTraceIngestClient({ apiKey: 'lqt_mock_key', baseUrl }) } };
  },
};

/** The first example line of an NDJSON request body (x-ndjson), for bindings that take lines. */
function ndjsonLine(spec, operationId) {
  const resolve = (node) => (node?.$ref ? node.$ref.slice(2).split('/').reduce((acc, key) => acc?.[key], spec) : node);
  for (const item of Object.values(spec.paths)) {
    for (const operation of Object.values(item)) {
      if (operation?.operationId !== operationId) continue;
      for (const media of Object.values(resolve(operation.requestBody)?.content ?? {})) {
        if (media['x-ndjson']) return resolve(Object.values(media.examples ?? {})[0])?.value;
      }
    }
  }
  return undefined;
}

function argumentsFor(spec, operationId, binding) {
  const example = specExampleArgs(spec, operationId);
  return binding.args.map((arg) => {
    if (arg.in === 'path') return example.path?.[arg.name];
    if (arg.in === 'query') return example.query ?? {};
    if (arg.in === 'body') return arg.lines ? [ndjsonLine(spec, operationId)] : example.body;
    return undefined;
  });
}

describe.each(Object.keys(CLIENTS))('%s client, every operation with its defaults, against pnpm mock', (api) => {
  const spec = JSON.parse(readFileSync(specPathFor(api).replace(/\.yaml$/, '.json'), 'utf8'));
  let mock;
  let built;
  beforeAll(async () => {
    mock = await startMock({ api, port: 0 });
    built = await CLIENTS[api](mock.url);
  }, 90_000);
  afterAll(() => mock?.close());

  const operationIds = Object.values(spec.paths).flatMap((item) => Object.values(item).map((op) => op?.operationId).filter(Boolean));

  it.each(operationIds)('%s gets a documented answer', async (operationId) => {
    const binding = built.OPERATIONS[operationId];
    expect(binding, `the client binds ${operationId}`).toBeDefined();
    const client = built.clients[binding.client];
    const target = binding.resource ? client[binding.resource] : client;
    // Resolving is the check: an error answer, a timeout or a refused body rejects (a 202 with no body
    // resolves to nothing, as documented).
    await target[binding.method](...argumentsFor(spec, operationId, binding));
  }, 30_000);
});
